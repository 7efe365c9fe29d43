package luqiao.map.cql2;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import luqiao.map.cql2.Expression.BooleanLiteral;
import luqiao.map.cql2.Expression.CaseInsensitive;
import luqiao.map.cql2.Expression.DateLiteral;
import luqiao.map.cql2.Expression.GeometryLiteral;
import luqiao.map.cql2.Expression.NumberLiteral;
import luqiao.map.cql2.Expression.PropertyRef;
import luqiao.map.cql2.Expression.StringLiteral;
import luqiao.map.cql2.Expression.TimestampLiteral;
import luqiao.map.cql2.Filter.And;
import luqiao.map.cql2.Filter.Between;
import luqiao.map.cql2.Filter.Comparison;
import luqiao.map.cql2.Filter.In;
import luqiao.map.cql2.Filter.IsNull;
import luqiao.map.cql2.Filter.Like;
import luqiao.map.cql2.Filter.Not;
import luqiao.map.cql2.Filter.Or;
import luqiao.map.cql2.Filter.Spatial;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.WKTReader;

/** Examples are numbered as in OGC 21-065 (CQL2) and its schema/examples/text folder. */
class Cql2TextParserTest {

    static PropertyRef p(String name) {
        return new PropertyRef(name);
    }

    static NumberLiteral n(String value) {
        return new NumberLiteral(new BigDecimal(value));
    }

    static StringLiteral s(String value) {
        return new StringLiteral(value);
    }

    static Comparison cmp(ComparisonOperator op, Expression left, Expression right) {
        return new Comparison(op, left, right);
    }

    static Geometry wkt(String text) throws Exception {
        return new WKTReader().read(text);
    }

    @Test
    void example01_equalityOnPrefixedProperty() {
        assertThat(Cql2.parseText("landsat:scene_id = 'LC82030282019133LGN00'"))
                .isEqualTo(cmp(ComparisonOperator.EQ, p("landsat:scene_id"), s("LC82030282019133LGN00")));
    }

    @Test
    void example04_andChainIsNary() {
        assertThat(Cql2.parseText("eo:cloud_cover < 0.1 AND landsat:wrs_row=28 AND landsat:wrs_path=203"))
                .isEqualTo(new And(List.of(
                        cmp(ComparisonOperator.LT, p("eo:cloud_cover"), n("0.1")),
                        cmp(ComparisonOperator.EQ, p("landsat:wrs_row"), n("28")),
                        cmp(ComparisonOperator.EQ, p("landsat:wrs_path"), n("203")))));
    }

    @Test
    void example05a_or() {
        assertThat(Cql2.parseText("ro:cloud_cover=0.1 OR ro:cloud_cover=0.2"))
                .isEqualTo(new Or(List.of(
                        cmp(ComparisonOperator.EQ, p("ro:cloud_cover"), n("0.1")),
                        cmp(ComparisonOperator.EQ, p("ro:cloud_cover"), n("0.2")))));
    }

    @Test
    void example06a_betweenKeepsItsAndApartFromTheChain() {
        assertThat(Cql2.parseText(
                        "    eo:cloud_cover BETWEEN 0.1 AND 0.2\nAND landsat:wrs_row=28\nAND landsat:wrs_path=203\n"))
                .isEqualTo(new And(List.of(
                        new Between(p("eo:cloud_cover"), n("0.1"), n("0.2")),
                        cmp(ComparisonOperator.EQ, p("landsat:wrs_row"), n("28")),
                        cmp(ComparisonOperator.EQ, p("landsat:wrs_path"), n("203")))));
    }

    @Test
    void example07_likeAndPolygon() throws Exception {
        Filter filter = Cql2.parseText(
                "eo_instruments LIKE 'OLI%'\n AND S_INTERSECTS(footprint,POLYGON((43.5845 -79.5442,\n"
                        + " 43.6079 -79.4893, 43.5677 -79.4632, 43.6129 -79.3925, 43.6223 -79.3238, 43.6576 -79.3163,\n"
                        + " 43.7945 -79.1178, 43.8144 -79.1542, 43.8555 -79.1714, 43.7509 -79.6390, 43.5845 -79.5442)))");
        And and = (And) filter;
        assertThat(and.operands().get(0)).isEqualTo(new Like(p("eo_instruments"), s("OLI%")));
        Spatial spatial = (Spatial) and.operands().get(1);
        assertThat(spatial.operator()).isEqualTo(SpatialOperator.S_INTERSECTS);
        assertThat(((GeometryLiteral) spatial.right()).value().getNumPoints()).isEqualTo(11);
    }

    @Test
    void examples10To14_basicComparisonsAndLike() {
        assertThat(Cql2.parseText("taxes <= 500")).isEqualTo(cmp(ComparisonOperator.LE, p("taxes"), n("500")));
        assertThat(Cql2.parseText("owner LIKE '%Jones%'")).isEqualTo(new Like(p("owner"), s("%Jones%")));
        assertThat(Cql2.parseText("owner NOT LIKE '%Mike%'")).isEqualTo(new Not(new Like(p("owner"), s("%Mike%"))));
        assertThat(Cql2.parseText("swimming_pool = true"))
                .isEqualTo(cmp(ComparisonOperator.EQ, p("swimming_pool"), new BooleanLiteral(true)));
    }

    @Test
    void example16_parenthesesAndPrecedence() {
        assertThat(
                        Cql2.parseText(
                                "swimming_pool=true AND (floors>5 \n OR  material LIKE 'brick%'\n OR  material LIKE '%brick')\n"))
                .isEqualTo(new And(List.of(
                        cmp(ComparisonOperator.EQ, p("swimming_pool"), new BooleanLiteral(true)),
                        new Or(List.of(
                                cmp(ComparisonOperator.GT, p("floors"), n("5")),
                                new Like(p("material"), s("brick%")),
                                new Like(p("material"), s("%brick")))))));
    }

    @Test
    void example18_notBindsTighterThanOr() {
        assertThat(Cql2.parseText("NOT (floors<5) OR swimming_pool=true"))
                .isEqualTo(new Or(List.of(
                        new Not(cmp(ComparisonOperator.LT, p("floors"), n("5"))),
                        cmp(ComparisonOperator.EQ, p("swimming_pool"), new BooleanLiteral(true)))));
    }

    @Test
    void andBindsTighterThanOr() {
        assertThat(Cql2.parseText("a=1 OR b=2 AND c=3"))
                .isEqualTo(new Or(List.of(
                        cmp(ComparisonOperator.EQ, p("a"), n("1")),
                        new And(List.of(
                                cmp(ComparisonOperator.EQ, p("b"), n("2")),
                                cmp(ComparisonOperator.EQ, p("c"), n("3")))))));
    }

    @Test
    void examples23And25_bboxBecomesItsRectangle() {
        Spatial within = (Spatial) Cql2.parseText("S_WITHIN(location,BBOX(-118,33.8,-117.9,34))");
        Geometry box = ((GeometryLiteral) within.right()).value();
        assertThat(box).isInstanceOf(Polygon.class);
        assertThat(box.isRectangle()).isTrue();
        assertThat(box.getEnvelopeInternal().getMinX()).isEqualTo(-118);
        assertThat(box.getEnvelopeInternal().getMaxY()).isEqualTo(34);

        And and = (And) Cql2.parseText("floors>5 AND S_WITHIN(geometry,BBOX(-118,33.8,-117.9,34))");
        assertThat(and.operands().get(1))
                .isEqualTo(new Spatial(SpatialOperator.S_WITHIN, p("geometry"), within.right()));
    }

    @Test
    void example24_polygonLiteral() throws Exception {
        assertThat(Cql2.parseText("S_INTERSECTS(geometry,POLYGON((-10.0 -10.0,10.0 -10.0,10.0 10.0,-10.0 -10.0)))"))
                .isEqualTo(new Spatial(
                        SpatialOperator.S_INTERSECTS,
                        p("geometry"),
                        new GeometryLiteral(wkt("POLYGON((-10 -10,10 -10,10 10,-10 -10))"))));
    }

    @Test
    void example46_quotedPropertyAndSpatialFunction() throws Exception {
        assertThat(Cql2.parseText(
                        "S_EQUALS(POLYGON ((-0.333333 89.0, -102.723546 -0.5, -179.0 -89.0, -1.9 89.0, -0.0 89.0, "
                                + "2.00001 -1.9, -0.333333 89.0)), \"geometry\")"))
                .isEqualTo(new Spatial(
                        SpatialOperator.S_EQUALS,
                        new GeometryLiteral(
                                wkt(
                                        "POLYGON ((-0.333333 89.0, "
                                                + "-102.723546 -0.5, -179.0 -89.0, -1.9 89.0, -0.0 89.0, 2.00001 -1.9, -0.333333 89.0))")),
                        p("geometry")));
    }

    @Test
    void allSpatialFunctionsAndGeometryTypes() throws Exception {
        String[] literals = {
            "POINT(1 2)",
            "POINT Z(1 2 3)",
            "LINESTRING(0 0, 1 1)",
            "MULTIPOINT((0 0),(1 1))",
            "MULTILINESTRING((0 0, 1 1),(2 2, 3 3))",
            "MULTIPOLYGON(((0 0, 1 0, 1 1, 0 0)))",
            "GEOMETRYCOLLECTION(POINT(0 0), LINESTRING(0 0, 1 1))",
            "POLYGON((0 0,4 0,4 4,0 0),(1 1,2 1,2 2,1 1))"
        };
        for (SpatialOperator operator : SpatialOperator.values()) {
            for (String literal : literals) {
                assertThat(Cql2.parseText(operator.name().toLowerCase() + "(geom, " + literal + ")"))
                        .isEqualTo(new Spatial(operator, p("geom"), new GeometryLiteral(wkt(literal))));
            }
        }
    }

    @Test
    void keywordsAreCaseInsensitive() {
        assertThat(Cql2.parseText("a is not null and not b like 'x' or c Between 1 aNd 2"))
                .isEqualTo(Cql2.parseText("a IS NOT NULL AND NOT b LIKE 'x' OR c BETWEEN 1 AND 2"));
    }

    @Test
    void negatedPredicatesBecomeNot() {
        assertThat(Cql2.parseText("a IS NULL")).isEqualTo(new IsNull(p("a")));
        assertThat(Cql2.parseText("a IS NOT NULL")).isEqualTo(new Not(new IsNull(p("a"))));
        assertThat(Cql2.parseText("a NOT BETWEEN 1 AND 2")).isEqualTo(new Not(new Between(p("a"), n("1"), n("2"))));
        assertThat(Cql2.parseText("a NOT IN ('x', 'y')")).isEqualTo(new Not(new In(p("a"), List.of(s("x"), s("y")))));
    }

    @Test
    void literals() {
        assertThat(Cql2.parseText("name = 'O''Brien'")).isEqualTo(cmp(ComparisonOperator.EQ, p("name"), s("O'Brien")));
        assertThat(Cql2.parseText("built >= DATE('1970-01-01')"))
                .isEqualTo(cmp(ComparisonOperator.GE, p("built"), new DateLiteral(LocalDate.of(1970, 1, 1))));
        assertThat(Cql2.parseText("updated < TIMESTAMP('2015-01-01T00:00:00Z')"))
                .isEqualTo(cmp(
                        ComparisonOperator.LT,
                        p("updated"),
                        new TimestampLiteral(Instant.parse("2015-01-01T00:00:00Z"))));
        assertThat(Cql2.parseText("x <> -1.5e3")).isEqualTo(cmp(ComparisonOperator.NE, p("x"), n("-1500")));
        assertThat(Cql2.parseText("TRUE")).isEqualTo(new Filter.BooleanConstant(true));
        assertThat(Cql2.parseText("false OR a = 1"))
                .isEqualTo(
                        new Or(List.of(new Filter.BooleanConstant(false), cmp(ComparisonOperator.EQ, p("a"), n("1")))));
        assertThat(Cql2.parseText("\"date\" = DATE('2020-02-29')"))
                .isEqualTo(cmp(ComparisonOperator.EQ, p("date"), new DateLiteral(LocalDate.of(2020, 2, 29))));
    }

    @Test
    void caseiWrapsPropertyAndPattern() {
        // Example 26
        assertThat(Cql2.parseText("CASEI(road_class) IN (CASEI('Οδος'),CASEI('Straße'))"))
                .isEqualTo(new In(
                        new CaseInsensitive(p("road_class")),
                        List.of(new CaseInsensitive(s("Οδος")), new CaseInsensitive(s("Straße")))));
        assertThat(Cql2.parseText("CASEI(name) LIKE CASEI('%straße%')"))
                .isEqualTo(new Like(new CaseInsensitive(p("name")), new CaseInsensitive(s("%straße%"))));
    }

    @Test
    void mapGeometriesReplacesEveryLiteral() throws Exception {
        Filter filter =
                Cql2.parseText("S_INTERSECTS(geom, POINT(1 2)) AND NOT S_WITHIN(BBOX(0,0,1,1), geom) AND a = 1");
        Geometry target = wkt("POINT(9 9)");
        Filter mapped = filter.mapGeometries(g -> target);
        assertThat(mapped)
                .isEqualTo(
                        Cql2.parseText("S_INTERSECTS(geom, POINT(9 9)) AND NOT S_WITHIN(POINT(9 9), geom) AND a = 1"));
        assertThat(filter).isNotEqualTo(mapped);
    }
}
