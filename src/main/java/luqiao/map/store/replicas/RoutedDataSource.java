package luqiao.map.store.replicas;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;

/**
 * The data source of the PostGIS profile when replicas are configured: lazy, so that a connection is chosen
 * ({@link ReadRouting}) at the first statement, when Spring has already begun any transaction and marked it
 * read-only or read-write; a read-write transaction thus always runs on the primary. Closing it closes the
 * primary's pool.
 */
final class RoutedDataSource extends LazyConnectionDataSourceProxy implements AutoCloseable {

    private final HikariDataSource primary;

    RoutedDataSource(HikariDataSource primary, Replicas replicas) {
        super(new ReadRouting(primary, replicas));
        this.primary = primary;
    }

    @Override
    public void close() {
        primary.close();
    }
}
