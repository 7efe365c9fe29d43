package luqiao.map.wmts;

import java.nio.file.Path;
import java.util.UUID;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The WMTS contract on embedded H2GIS, on a new database. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class H2gisWmtsTest extends WmtsContract {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        String dir =
                Path.of("target/test-data", "h2gis-wmts-" + UUID.randomUUID()).toString();
        registry.add("luqiao.data-dir", () -> dir);
    }
}
