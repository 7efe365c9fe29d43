package luqiao.map;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link DatabaseOutageContract} on the embedded H2GIS database: it cannot go down on its own, so the
 * outage is a pool that cannot hand out a connection (all held here) within its connection-timeout.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "luqiao.seed.enabled=false", "spring.datasource.hikari.maximum-pool-size=3",
            "spring.datasource.hikari.minimum-idle=3", "spring.datasource.hikari.connection-timeout=1000"
        })
class H2gisDatabaseOutageTest extends DatabaseOutageContract {

    @Autowired
    HikariDataSource pool;

    private final List<Connection> held = new ArrayList<>();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        String dir = Path.of("target/test-data", "h2gis-outage-" + UUID.randomUUID())
                .toAbsolutePath()
                .toString();
        registry.add("luqiao.data-dir", () -> dir);
    }

    @Override
    void cutOff() throws Exception {
        for (int i = 0; i < pool.getMaximumPoolSize(); i++) {
            held.add(pool.getConnection());
        }
    }

    @Override
    void restore() throws Exception {
        for (Connection c : held) {
            c.close();
        }
        held.clear();
    }
}
