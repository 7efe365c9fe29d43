package luqiao.map.store;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/** The connection pools the server opened, described for the start-up log (no connection is made). */
@Component
public class ConnectionPools {

    /** A pool: its bean name, JDBC URL and most connections; {@code maximumSize} -1 when it is not a Hikari pool. */
    public record Pool(String name, String url, int maximumSize) {}

    private final Map<String, DataSource> dataSources;

    ConnectionPools(Map<String, DataSource> dataSources) {
        this.dataSources = dataSources;
    }

    public List<Pool> pools() {
        return dataSources.entrySet().stream()
                .map(e -> describe(e.getKey(), e.getValue()))
                .toList();
    }

    private static Pool describe(String name, DataSource dataSource) {
        try {
            if (dataSource.isWrapperFor(HikariDataSource.class)) {
                HikariDataSource hikari = dataSource.unwrap(HikariDataSource.class);
                return new Pool(name, hikari.getJdbcUrl(), hikari.getMaximumPoolSize());
            }
        } catch (SQLException e) {
            // Not a pool that says what it is: described by its type below.
        }
        return new Pool(name, dataSource.getClass().getName(), -1);
    }
}
