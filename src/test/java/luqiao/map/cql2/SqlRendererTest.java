package luqiao.map.cql2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKTReader;

class SqlRendererTest {

    static final Queryables PARCELS = Queryables.of(
            Queryable.of("name", "name", ValueType.STRING),
            Queryable.of("floors", "floors", ValueType.NUMBER),
            Queryable.of("swimming_pool", "pool", ValueType.BOOLEAN),
            Queryable.of("built", "built_on", ValueType.DATE),
            Queryable.of("updated", "updated_at", ValueType.TIMESTAMP),
            Queryable.of("owner_phone", "owner_phone", ValueType.STRING),
            Queryable.geometry("geometry", "geom", 4326));

    static final SqlDialect POSTGIS = new PostgisDialect();
    static final SqlDialect H2GIS = new H2gisDialect();

    static SqlFragment render(String cql, SqlDialect dialect) {
        return SqlRenderer.render(Cql2.parseText(cql), PARCELS, dialect);
    }

    @Test
    void example16_comparisonsLikeAndOr() {
        SqlFragment sql =
                render("swimming_pool=true AND (floors>5 OR name LIKE 'brick%' OR name LIKE '%brick')", POSTGIS);
        assertThat(sql.sql())
                .isEqualTo("(pool = ? AND (floors > ? OR name LIKE ? ESCAPE '\\' OR name LIKE ? ESCAPE '\\'))");
        assertThat(sql.parameters()).containsExactly(true, new BigDecimal("5"), "brick%", "%brick");
        assertThat(render("swimming_pool=true AND (floors>5 OR name LIKE 'brick%' OR name LIKE '%brick')", H2GIS))
                .isEqualTo(sql);
    }

    @Test
    void negationsNullsListsRangesAndTemporalLiterals() {
        SqlFragment sql = render(
                "NOT (floors < 5) AND name IS NOT NULL AND floors NOT BETWEEN 1 AND 3 "
                        + "AND name IN ('a', 'b') AND built >= DATE('1970-01-01') AND updated < TIMESTAMP('2015-01-01T00:00:00Z')",
                POSTGIS);
        assertThat(sql.sql())
                .isEqualTo("(NOT (floors < ?) AND NOT (name IS NULL) AND NOT (floors BETWEEN ? AND ?)"
                        + " AND name IN (?, ?) AND built_on >= ? AND updated_at < ?)");
        assertThat(sql.parameters())
                .containsExactly(
                        new BigDecimal("5"),
                        BigDecimal.ONE,
                        new BigDecimal("3"),
                        "a",
                        "b",
                        LocalDate.of(1970, 1, 1),
                        OffsetDateTime.of(2015, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC));
    }

    @Test
    void caseiRendersAsLower() {
        SqlFragment sql = render("CASEI(name) LIKE CASEI('%Straße%') OR CASEI(name) IN (CASEI('A'), 'b')", POSTGIS);
        assertThat(sql.sql()).isEqualTo("(LOWER(name) LIKE LOWER(?) ESCAPE '\\' OR LOWER(name) IN (LOWER(?), ?))");
        assertThat(sql.parameters()).containsExactly("%Straße%", "A", "b");
    }

    @Test
    void spatialPredicateOnPostgis() throws Exception {
        SqlFragment sql = render("S_INTERSECTS(geometry, POLYGON((0 0, 1 0, 1 1, 0 0)))", POSTGIS);
        assertThat(sql.sql()).isEqualTo("ST_Intersects(geom, (SELECT ST_GeomFromWKB(?, 4326)))");
        assertThat(sql.parameters()).hasSize(1);
        assertThat(new WKBReader().read((byte[]) sql.parameters().get(0)))
                .isEqualTo(new WKTReader().read("POLYGON((0 0, 1 0, 1 1, 0 0))"));
    }

    @Test
    void spatialPredicateOnH2gisAddsIndexPrefilterExceptForDisjoint() {
        SqlFragment within = render("S_WITHIN(geometry, BBOX(0, 0, 1, 1))", H2GIS);
        assertThat(within.sql())
                .isEqualTo("(geom && ST_GeomFromWKB(?, 4326) AND ST_Within(geom, ST_GeomFromWKB(?, 4326)))");
        assertThat(within.parameters()).hasSize(2);
        assertThat((byte[]) within.parameters().get(0))
                .isEqualTo((byte[]) within.parameters().get(1));

        assertThat(render("S_DISJOINT(POINT(1 1), geometry)", H2GIS).sql())
                .isEqualTo("ST_Disjoint(ST_GeomFromWKB(?, 4326), geom)");
    }

    @Test
    void everySpatialOperatorMapsToItsFunction() {
        for (SpatialOperator operator : SpatialOperator.values()) {
            assertThat(render(operator.name() + "(geometry, POINT(1 2))", POSTGIS)
                            .sql())
                    .isEqualTo(operator.sqlFunction() + "(geom, (SELECT ST_GeomFromWKB(?, 4326)))");
        }
    }

    @Test
    void literalOnlySpatialPredicateUsesTheLiteralsOwnSrid() {
        assertThat(render("S_INTERSECTS(POINT(1 1), BBOX(0, 0, 2, 2))", POSTGIS).sql())
                .isEqualTo("ST_Intersects((SELECT ST_GeomFromWKB(?, 0)), (SELECT ST_GeomFromWKB(?, 0)))");
    }

    @Test
    void stringLiteralInjectionStaysAParameter() {
        SqlFragment sql = render("name = 'x'' OR 1=1 --'", POSTGIS);
        assertThat(sql.sql()).isEqualTo("name = ?");
        assertThat(sql.parameters()).containsExactly("x' OR 1=1 --");
    }

    @Test
    void propertyNameInjectionIsAnUnknownProperty() {
        for (String cql : List.of(
                "\"name; DROP TABLE parcels\" = 'a'",
                "\"name\"\" = 'a' OR \"\"name\" = 'b'",
                "\"name) OR (1=1\" = 'a'")) {
            Cql2Exception error = catchThrowableOfType(() -> render(cql, POSTGIS), Cql2Exception.class);
            assertThat(error.reason()).startsWith("unknown property '");
            assertThat(error.property()).isIn("name; DROP TABLE parcels", "name\" = 'a' OR \"name", "name) OR (1=1");
        }
        assertThatThrownBy(() -> SqlRenderer.render(
                        Cql2.parseJson("{\"op\":\"=\",\"args\":[{\"property\":\"name = name OR 1=1 --\"},\"a\"]}"),
                        PARCELS,
                        POSTGIS))
                .hasMessage("unknown property 'name = name OR 1=1 --'");
    }

    @Test
    void propertiesResolveCaseInsensitively() {
        assertThat(render("FLOORS > 1 AND \"Name\" = 'a'", POSTGIS).sql()).isEqualTo("(floors > ? AND name = ?)");
    }

    @Test
    void forbiddenPropertyIsRejectedNotIgnored() {
        Queryables publicView = PARCELS.restrictedTo(q -> !q.name().equals("owner_phone"));
        Cql2Exception error = catchThrowableOfType(
                () -> SqlRenderer.render(Cql2.parseText("floors > 1 OR owner_phone LIKE '555%'"), publicView, POSTGIS),
                Cql2Exception.class);
        assertThat(error).hasMessage("property 'owner_phone' is not available to this client");
        assertThat(error.property()).isEqualTo("owner_phone");
        assertThat(publicView.visible())
                .extracting(Queryable::name)
                .doesNotContain("owner_phone")
                .contains("floors");
        assertThat(SqlRenderer.render(Cql2.parseText("owner_phone LIKE '555%'"), PARCELS, POSTGIS)
                        .sql())
                .isEqualTo("owner_phone LIKE ? ESCAPE '\\'");
    }

    @Test
    void typeMismatchesAgainstQueryablesAreRejected() {
        assertThatThrownBy(() -> render("floors = 'five'", POSTGIS))
                .hasMessage("cannot apply = to a NUMBER property and a literal STRING");
        assertThatThrownBy(() -> render("floors LIKE '5%'", POSTGIS))
                .hasMessage("LIKE needs STRING operands, not a NUMBER property");
        assertThatThrownBy(() -> render("name BETWEEN 1 AND 2", POSTGIS))
                .hasMessage("BETWEEN needs NUMBER operands, not a STRING property");
        assertThatThrownBy(() -> render("S_INTERSECTS(name, POINT(1 1))", POSTGIS))
                .hasMessage("S_INTERSECTS needs GEOMETRY operands, not a STRING property");
        assertThatThrownBy(() -> render("geometry = name", POSTGIS))
                .hasMessage("geometries cannot be compared with =; use S_EQUALS");
        assertThatThrownBy(() -> render("built IN (1, 2)", POSTGIS))
                .hasMessage("cannot apply IN to a DATE property and a literal NUMBER");
        assertThatThrownBy(() -> render("'a' = 'a'", POSTGIS)).hasMessage("= must involve a property");
    }

    @Test
    void booleanConstants() {
        assertThat(render("TRUE AND NOT FALSE", H2GIS).sql()).isEqualTo("(TRUE AND NOT (FALSE))");
    }

    @Test
    void queryableColumnsMustBePlainIdentifiers() {
        assertThatThrownBy(() -> Queryable.of("x", "x; DROP TABLE t", ValueType.STRING))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Queryable.of("x", "parcels.x_1", ValueType.STRING).column()).isEqualTo("parcels.x_1");
    }
}
