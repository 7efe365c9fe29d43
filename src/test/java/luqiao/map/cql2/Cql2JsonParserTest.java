package luqiao.map.cql2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The same filter in CQL2-text and CQL2-JSON must give equal trees. Numbered pairs are the
 * examples of OGC 21-065 (schema/examples/text and schema/examples/json).
 */
class Cql2JsonParserTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            textBlock =
                    """
        example01 | landsat:scene_id = 'LC82030282019133LGN00' | {"op":"=","args":[{"property":"landsat:scene_id"},"LC82030282019133LGN00"]}
        example04 | eo:cloud_cover < 0.1 AND landsat:wrs_row=28 AND landsat:wrs_path=203 | {"op":"and","args":[{"op":"<","args":[{"property":"eo:cloud_cover"},0.1]},{"op":"=","args":[{"property":"landsat:wrs_row"},28]},{"op":"=","args":[{"property":"landsat:wrs_path"},203]}]}
        example06a | eo:cloud_cover BETWEEN 0.1 AND 0.2 AND landsat:wrs_row=28 AND landsat:wrs_path=203 | {"op":"and","args":[{"op":"between","args":[{"property":"eo:cloud_cover"},0.1,0.2]},{"op":"=","args":[{"property":"landsat:wrs_row"},28]},{"op":"=","args":[{"property":"landsat:wrs_path"},203]}]}
        example13 | owner NOT LIKE '%Mike%' | {"op":"not","args":[{"op":"like","args":[{"property":"owner"},"%Mike%"]}]}
        example14 | swimming_pool = true | {"op":"=","args":[{"property":"swimming_pool"},true]}
        example16 | swimming_pool=true AND (floors>5 OR material LIKE 'brick%' OR material LIKE '%brick') | {"op":"and","args":[{"op":"=","args":[{"property":"swimming_pool"},true]},{"op":"or","args":[{"op":">","args":[{"property":"floors"},5]},{"op":"like","args":[{"property":"material"},"brick%"]},{"op":"like","args":[{"property":"material"},"%brick"]}]}]}
        example23 | S_WITHIN(location,BBOX(-118,33.8,-117.9,34)) | {"op":"s_within","args":[{"property":"location"},{"bbox":[-118,33.8,-117.9,34]}]}
        example24 | S_INTERSECTS(geometry,POLYGON((-10.0 -10.0,10.0 -10.0,10.0 10.0,-10.0 -10.0))) | {"op":"s_intersects","args":[{"property":"geometry"},{"type":"Polygon","coordinates":[[[-10,-10],[10,-10],[10,10],[-10,-10]]]}]}
        example26 | CASEI(road_class) IN (CASEI('Οδος'),CASEI('Straße')) | {"op":"in","args":[{"op":"casei","args":[{"property":"road_class"}]},[{"op":"casei","args":["Οδος"]},{"op":"casei","args":["Straße"]}]]}
        date | updated >= DATE('1970-01-01') | {"op":">=","args":[{"property":"updated"},{"date":"1970-01-01"}]}
        timestamp | built < TIMESTAMP('2015-01-01T00:00:00Z') | {"op":"<","args":[{"property":"built"},{"timestamp":"2015-01-01T00:00:00Z"}]}
        isNull | geometry IS NULL | {"op":"isNull","args":[{"property":"geometry"}]}
        isNotNull | geometry IS NOT NULL | {"op":"not","args":[{"op":"isNull","args":[{"property":"geometry"}]}]}
        in | value NOT IN (1, 2.50, 3) | {"op":"not","args":[{"op":"in","args":[{"property":"value"},[1,2.5,3]]}]}
        booleanConstant | TRUE | true
        point | S_TOUCHES(geom, POINT(1 2)) | {"op":"s_touches","args":[{"property":"geom"},{"type":"Point","coordinates":[1,2]}]}
        lineString | S_CROSSES(geom, LINESTRING(0 0, 1 1)) | {"op":"s_crosses","args":[{"property":"geom"},{"type":"LineString","coordinates":[[0,0],[1,1]]}]}
        multiPoint | S_DISJOINT(geom, MULTIPOINT((0 0),(1 1))) | {"op":"s_disjoint","args":[{"property":"geom"},{"type":"MultiPoint","coordinates":[[0,0],[1,1]]}]}
        multiLineString | S_OVERLAPS(geom, MULTILINESTRING((0 0, 1 1),(2 2, 3 3))) | {"op":"s_overlaps","args":[{"property":"geom"},{"type":"MultiLineString","coordinates":[[[0,0],[1,1]],[[2,2],[3,3]]]}]}
        multiPolygon | S_CONTAINS(geom, MULTIPOLYGON(((0 0, 1 0, 1 1, 0 0)))) | {"op":"s_contains","args":[{"property":"geom"},{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]]]}]}
        collection | S_EQUALS(geom, GEOMETRYCOLLECTION(POINT(0 0), LINESTRING(0 0, 1 1))) | {"op":"s_equals","args":[{"property":"geom"},{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[0,0]},{"type":"LineString","coordinates":[[0,0],[1,1]]}]}]}
        """)
    void textAndJsonGiveEqualTrees(String name, String text, String json) {
        assertThat(Cql2.parseJson(json)).isEqualTo(Cql2.parseText(text));
    }

    @Test
    void example07_prettyPrintedJson() {
        String json =
                """
            {"op": "and", "args": [
              {"op": "like", "args": [{"property": "eo_instruments"}, "OLI%"]},
              {"op": "s_intersects", "args": [{"property": "footprint"},
                {"type": "Polygon", "coordinates": [[[43.5845, -79.5442], [43.6079, -79.4893], [43.5677, -79.4632],
                  [43.6129, -79.3925], [43.6223, -79.3238], [43.6576, -79.3163], [43.7945, -79.1178],
                  [43.8144, -79.1542], [43.8555, -79.1714], [43.7509, -79.639], [43.5845, -79.5442]]]}]}]}
            """;
        String text =
                "eo_instruments LIKE 'OLI%' AND S_INTERSECTS(footprint,POLYGON((43.5845 -79.5442, 43.6079 -79.4893, "
                        + "43.5677 -79.4632, 43.6129 -79.3925, 43.6223 -79.3238, 43.6576 -79.3163, 43.7945 -79.1178, "
                        + "43.8144 -79.1542, 43.8555 -79.1714, 43.7509 -79.6390, 43.5845 -79.5442)))";
        assertThat(Cql2.parseJson(json)).isEqualTo(Cql2.parseText(text));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            textBlock =
                    """
        {"op":"=","args":[{"property":"a"}]}                          | '=' needs 2 arguments but has 1 at /
        {"op":"t_before","args":[{"property":"a"},{"date":"2020-01-01"}]} | unknown or unsupported operator 't_before'
        {"op":"=","args":[{"function":{"name":"avg"}},1]}            | expected a property, a literal or a function at /args/0
        {"op":"like","args":[{"property":"a"},5]}                     | the LIKE pattern must be a string literal, optionally inside CASEI()
        {"op":"like","args":[7,"a%"]}                                 | LIKE needs a string operand, not a NUMBER value
        {"op":"and","args":[true]}                                    | AND needs at least two operands
        {"op":"=","args":[{"property":"a"},{"date":"2020-13-01"}]}    | invalid date '2020-13-01', expected YYYY-MM-DD at /args/1
        {"op":"s_intersects","args":[{"property":"g"},{"bbox":[1,2,3]}]} | a bbox needs 4 or 6 numbers, not 3 at /args/1/bbox
        {"op":"or","args":[{"op":"=","args":[{"property":"a"},1]},{"op":"s_intersects","args":[{"property":"g"},{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0.5]]]}]}]} | invalid GeoJSON geometry at /args/1/args/1
        {"op":"=","args":[{"op":"accenti","args":["a"]},"b"]}         | unknown or unsupported function 'accenti' at /args/0
        {"op":"=", "args": [                                          | invalid JSON
        """)
    void rejectsWithReadableMessage(String json, String expected) {
        assertThatThrownBy(() -> Cql2.parseJson(json))
                .isInstanceOf(Cql2Exception.class)
                .hasMessageContaining(expected);
    }

    @Test
    void rejectsDeepNesting() {
        String json = "{\"op\":\"not\",\"args\":[".repeat(101) + "true" + "]}".repeat(101);
        assertThatThrownBy(() -> Cql2.parseJson(json)).hasMessageContaining("nested deeper than 100");
    }

    @Test
    void rejectsTooManyValues() {
        StringBuilder json = new StringBuilder("{\"op\":\"in\",\"args\":[{\"property\":\"a\"},[0");
        for (int i = 1; i < 10_000; i++) {
            json.append(',').append(i);
        }
        json.append("]]}");
        assertThatThrownBy(() -> Cql2.parseJson(json.toString())).hasMessageContaining("more than 10000 JSON values");
    }
}
