package luqiao.map;

import luqiao.map.support.PostgisTestDatabase;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The analysis contract on PostGIS (profile {@code postgis}), on a fresh database. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("postgis")
class PostgisAnalysisContractTest extends AnalysisContract {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        String url = PostgisTestDatabase.fresh("luqiao_test_analysis", false);
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> PostgisTestDatabase.USER);
        registry.add("spring.datasource.password", () -> PostgisTestDatabase.PASSWORD);
        TEST_LIMITS.forEach((name, value) -> registry.add(name, () -> value));
    }

    @Override
    String referenceDatabase() {
        return "luqiao_test_analysis_ref_postgis";
    }
}
