package luqiao.map;

import java.nio.file.Path;
import java.util.UUID;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The analysis contract on the embedded H2GIS backend (the default profile), on a new database. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class H2gisAnalysisContractTest extends AnalysisContract {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        String dir = Path.of("target/test-data", "h2gis-analysis-" + UUID.randomUUID())
                .toAbsolutePath()
                .toString();
        registry.add("luqiao.data-dir", () -> dir);
        TEST_LIMITS.forEach((name, value) -> registry.add(name, () -> value));
    }

    @Override
    String referenceDatabase() {
        return "luqiao_test_analysis_ref_h2gis";
    }
}
