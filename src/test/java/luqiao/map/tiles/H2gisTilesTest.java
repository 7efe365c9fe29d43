package luqiao.map.tiles;

import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The tile contract on embedded H2GIS (Java encoder), on a new database. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class H2gisTilesTest extends TilesContract {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        String dir =
                Path.of("target/test-data", "h2gis-tiles-" + UUID.randomUUID()).toString();
        registry.add("luqiao.data-dir", () -> dir);
    }

    @Nested
    class MapStyle extends MapStyleContract {}
}
