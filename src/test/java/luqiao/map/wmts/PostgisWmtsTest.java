package luqiao.map.wmts;

import luqiao.map.support.PostgisTestDatabase;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The WMTS contract on PostGIS, on a fresh database. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("postgis")
class PostgisWmtsTest extends WmtsContract {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        String url = PostgisTestDatabase.fresh("luqiao_test_wmts", false);
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> PostgisTestDatabase.USER);
        registry.add("spring.datasource.password", () -> PostgisTestDatabase.PASSWORD);
    }
}
