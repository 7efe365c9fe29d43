package luqiao.map.cql2;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Runs rendered filters against a real spatial database and checks which rows they select.
 * Subclasses provide the connection (with a {@code parcels} table created by {@link #createParcels})
 * and the dialect.
 */
abstract class DatabaseFilterCases {

    static final Queryables PARCELS = Queryables.of(
            Queryable.of("name", "name", ValueType.STRING),
            Queryable.of("floors", "floors", ValueType.NUMBER),
            Queryable.of("swimming_pool", "pool", ValueType.BOOLEAN),
            Queryable.of("built", "built", ValueType.DATE),
            Queryable.of("updated", "updated", ValueType.TIMESTAMP),
            Queryable.geometry("geometry", "geom", 4326));

    abstract Connection connection();

    abstract SqlDialect dialect();

    /** Four parcels; the NULLs check three-valued logic, the odd name checks escaping. */
    static void createParcels(Connection connection, String geometryType, String timestampType) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE parcels (id INT PRIMARY KEY, name VARCHAR(100), floors DOUBLE PRECISION,"
                    + " pool BOOLEAN, built DATE, updated " + timestampType + ", geom " + geometryType + ")");
            statement.execute("INSERT INTO parcels VALUES"
                    + " (1, 'Oak House', 3, TRUE, DATE '1999-05-01', TIMESTAMP WITH TIME ZONE '2015-06-01 00:00:00+00',"
                    + "  ST_GeomFromText('POINT(1 1)', 4326)),"
                    + " (2, 'Brick Mill', 7, FALSE, DATE '2010-01-01', TIMESTAMP WITH TIME ZONE '2021-01-01 00:00:00+00',"
                    + "  ST_GeomFromText('POLYGON((10 10, 12 10, 12 12, 10 12, 10 10))', 4326)),"
                    + " (3, 'O''Brien 100%', NULL, NULL, NULL, NULL, ST_GeomFromText('LINESTRING(0 5, 5 5)', 4326)),"
                    + " (4, NULL, 5, NULL, DATE '2020-06-30', NULL, ST_GeomFromText('POINT(20 20)', 4326))");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            textBlock =
                    """
        TRUE                                                              | 1 2 3 4
        FALSE                                                             |
        floors > 4                                                        | 2 4
        NOT (floors > 4)                                                  | 1
        floors IS NULL                                                    | 3
        name IS NOT NULL AND floors IS NOT NULL                           | 1 2
        swimming_pool = true                                              | 1
        name LIKE '%100\\%'                                               | 3
        name LIKE 'O_k%'                                                  | 1
        CASEI(name) LIKE CASEI('%BRICK%')                                 | 2
        floors BETWEEN 3 AND 5                                            | 1 4
        name IN ('Oak House', 'Brick Mill')                               | 1 2
        name NOT IN ('Oak House')                                         | 2 3
        built >= DATE('2010-01-01')                                       | 2 4
        updated < TIMESTAMP('2016-01-01T00:00:00Z')                       | 1
        S_INTERSECTS(geometry, BBOX(0, 0, 2, 2))                          | 1
        S_INTERSECTS(geometry, POLYGON((0 0, 6 0, 6 6, 0 6, 0 0)))        | 1 3
        S_WITHIN(geometry, BBOX(9, 9, 13, 13))                            | 2
        S_CONTAINS(geometry, POINT(11 11))                                | 2
        S_DISJOINT(geometry, BBOX(0, 0, 6, 6))                            | 2 4
        S_CROSSES(geometry, LINESTRING(2 0, 2 10))                        | 3
        S_TOUCHES(geometry, POINT(0 5))                                   | 3
        S_EQUALS(geometry, POINT(20 20))                                  | 4
        S_OVERLAPS(geometry, POLYGON((11 11, 13 11, 13 13, 11 13, 11 11))) | 2
        floors > 4 AND S_INTERSECTS(geometry, MULTIPOINT((11 11), (20 20))) | 2 4
        name = 'x'' OR 1=1 --'                                            |
        """)
    void textFilterSelectsExpectedRows(String cql, String expectedIds) throws SQLException {
        assertThat(select(Cql2.parseText(cql))).isEqualTo(ids(expectedIds));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            textBlock =
                    """
        {"op":"s_intersects","args":[{"property":"geometry"},{"type":"Point","coordinates":[20,20]}]} | 4
        {"op":"and","args":[{"op":"like","args":[{"property":"name"},"%i%"]},{"op":"<","args":[{"property":"floors"},10]}]} | 2
        """)
    void jsonFilterSelectsExpectedRows(String json, String expectedIds) throws SQLException {
        assertThat(select(Cql2.parseJson(json))).isEqualTo(ids(expectedIds));
    }

    private List<Integer> select(Filter filter) throws SQLException {
        SqlFragment where = SqlRenderer.render(filter, PARCELS, dialect());
        List<Integer> ids = new ArrayList<>();
        try (PreparedStatement statement =
                connection().prepareStatement("SELECT id FROM parcels WHERE " + where.sql() + " ORDER BY id")) {
            where.bind(statement, 1);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getInt(1));
                }
            }
        }
        return ids;
    }

    private static List<Integer> ids(String expected) {
        return expected == null
                ? List.of()
                : Arrays.stream(expected.trim().split(" +"))
                        .map(Integer::valueOf)
                        .toList();
    }
}
