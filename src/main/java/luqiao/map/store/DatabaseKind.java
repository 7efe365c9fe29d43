package luqiao.map.store;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import luqiao.map.cql2.H2gisDialect;
import luqiao.map.cql2.PostgisDialect;
import luqiao.map.cql2.SqlDialect;

/**
 * Which database the server talks to, detected once at start ({@link StoreConfig}). It names the
 * folder of the database's own statements ({@code sql/postgis}, {@code sql/h2gis}) and chooses the
 * CQL2 dialect; nothing else in the server asks the database what it is.
 */
public enum DatabaseKind {
    POSTGIS("postgis"),
    H2GIS("h2gis");

    private final String folder;

    DatabaseKind(String folder) {
        this.folder = folder;
    }

    /** The folder under {@code sql/} whose statements override the common ones. */
    public String folder() {
        return folder;
    }

    public SqlDialect dialect() {
        return this == POSTGIS ? new PostgisDialect() : new H2gisDialect();
    }

    static DatabaseKind of(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName()) ? POSTGIS : H2GIS;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot reach the database to learn what it is", e);
        }
    }
}
