package luqiao.map;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import luqiao.map.support.PostgisTestDatabase;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link DatabaseOutageContract} on PostGIS. The test's own database refuses connections
 * ({@code ALLOW_CONNECTIONS false}) and its sessions are ended, as in a restart: the shared server
 * and other databases on it are not touched.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"luqiao.seed.enabled=false", "spring.datasource.hikari.connection-timeout=1000"})
@ActiveProfiles("postgis")
class PostgisDatabaseOutageTest extends DatabaseOutageContract {

    private static String database;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        String url = PostgisTestDatabase.fresh("luqiao_test_outage", false);
        database = url.substring(url.lastIndexOf('/') + 1);
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> PostgisTestDatabase.USER);
        registry.add("spring.datasource.password", () -> PostgisTestDatabase.PASSWORD);
    }

    @Override
    void cutOff() throws Exception {
        try (Connection c = PostgisTestDatabase.connect(PostgisTestDatabase.MAINTENANCE_URL);
                Statement s = c.createStatement()) {
            s.execute("ALTER DATABASE " + database + " ALLOW_CONNECTIONS false");
            try (PreparedStatement end = c.prepareStatement(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()")) {
                end.setString(1, database);
                end.executeQuery().close();
            }
        }
    }

    @Override
    void restore() throws Exception {
        try (Connection c = PostgisTestDatabase.connect(PostgisTestDatabase.MAINTENANCE_URL);
                Statement s = c.createStatement()) {
            s.execute("ALTER DATABASE " + database + " ALLOW_CONNECTIONS true");
        }
    }
}
