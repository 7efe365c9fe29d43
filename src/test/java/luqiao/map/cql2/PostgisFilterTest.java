package luqiao.map.cql2;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import luqiao.map.support.PostgisTestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The rendered SQL against PostGIS, in a fresh database of the test server
 * ({@link PostgisTestDatabase}). Fails, never skips, when the database is unreachable.
 */
class PostgisFilterTest extends DatabaseFilterCases {

    private static Connection connection;

    @BeforeAll
    static void createSchema() throws SQLException {
        connection = PostgisTestDatabase.connect(PostgisTestDatabase.fresh("luqiao_test_cql2", true));
        createParcels(connection, "geometry(Geometry, 4326)", "timestamptz");
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE INDEX parcels_geom ON parcels USING GIST (geom)");
        }
    }

    @AfterAll
    static void close() throws SQLException {
        connection.close();
    }

    @Override
    Connection connection() {
        return connection;
    }

    @Override
    SqlDialect dialect() {
        return new PostgisDialect();
    }
}
