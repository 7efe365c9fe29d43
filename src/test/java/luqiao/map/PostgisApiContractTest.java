package luqiao.map;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import luqiao.map.support.PostgisTestDatabase;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The API contract on PostGIS (profile {@code postgis}), each run on a fresh database. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("postgis")
class PostgisApiContractTest extends ApiContract {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        String url = PostgisTestDatabase.fresh("luqiao_test_contract", false);
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> PostgisTestDatabase.USER);
        registry.add("spring.datasource.password", () -> PostgisTestDatabase.PASSWORD);
    }

    @Override
    Set<String> spatiallyIndexedTables() {
        return new HashSet<>(jdbc.queryForList(
                "SELECT upper(tablename) FROM pg_indexes WHERE indexdef LIKE '%USING gist (geom)%'", String.class));
    }

    @Override
    Map<String, Object> emptyDatabaseProperties() {
        return Map.of("spring.profiles.active", "postgis",
                "spring.datasource.url", PostgisTestDatabase.fresh("luqiao_test_restart", false),
                "spring.datasource.username", PostgisTestDatabase.USER,
                "spring.datasource.password", PostgisTestDatabase.PASSWORD);
    }
}
