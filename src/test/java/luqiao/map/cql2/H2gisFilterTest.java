package luqiao.map.cql2;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.h2gis.functions.factory.H2GISFunctions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The rendered SQL against an in-memory H2GIS database with a spatial index on the geometry column. */
class H2gisFilterTest extends DatabaseFilterCases {

    private static Connection connection;

    @BeforeAll
    static void createDatabase() throws SQLException {
        connection = DriverManager.getConnection("jdbc:h2:mem:cql2_filter_test");
        H2GISFunctions.load(connection);
        createParcels(connection, "GEOMETRY(GEOMETRY, 4326)", "TIMESTAMP WITH TIME ZONE");
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE SPATIAL INDEX parcels_geom ON parcels(geom)");
        }
    }

    @AfterAll
    static void closeDatabase() throws SQLException {
        connection.close();
    }

    @Test
    void boundingBoxPrefilterUsesTheSpatialIndex() throws SQLException {
        SqlFragment where =
                SqlRenderer.render(Cql2.parseText("S_INTERSECTS(geometry, BBOX(0, 0, 2, 2))"), PARCELS, dialect());
        try (PreparedStatement explain =
                connection.prepareStatement("EXPLAIN SELECT id FROM parcels WHERE " + where.sql())) {
            where.bind(explain, 1);
            try (ResultSet plan = explain.executeQuery()) {
                plan.next();
                assertThat(plan.getString(1)).containsIgnoringCase("PARCELS_GEOM");
            }
        }
    }

    @Override
    Connection connection() {
        return connection;
    }

    @Override
    SqlDialect dialect() {
        return new H2gisDialect();
    }
}
