package luqiao.map.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The streaming GeoJSON reader gives each feature as the Jackson tree of it reads: the geometry {@link GeoJsonGeometry}
 * makes from the tree, or the same reason it cannot be made, the same vertex count, the same property values.
 */
class GeoJsonSourceTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Common forms, then each way a geometry may differ from them (a message of the tree's reading for each). */
    private static final List<String> GEOMETRIES = List.of(
            "{\"type\":\"Polygon\",\"coordinates\":[[[0.5,0.5],[10.5,0.5],[10.5,10.5],[0.5,0.5]]]}",
            "{\"coordinates\":[[[0.5,0.5],[10.5,0.5],[10.5,10.5],[0.5,0.5]],[[2.5,2.5],[4.5,2.5],[4.5,4.5],[2.5,2.5]]],"
                    + "\"bbox\":[1,2,3,4],\"type\":\"Polygon\"}",
            "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[10,0],[10,10],[0,0]]]}",
            "{\"type\":\"Polygon\",\"coordinates\":[[[0.5,0.5,3.5],[10.5,0.5,4.5],[10.5,10.5,5.5],[0.5,0.5,3.5]]]}",
            "{\"type\":\"Polygon\",\"coordinates\":[[[0.5,0.5],[10.5,0.5],[10.5,10.5],[0.5,1.5]]]}",
            "{\"type\":\"Polygon\",\"coordinates\":[[[0.5,0.5],[10.5,0.5],[10.5,10.5],[0.5,1.5]],[1.5,2.5]]}",
            "{\"type\":\"Polygon\",\"coordinates\":[[[0.5],[10.5,0.5],[10.5,10.5],[0.5,0.5]]]}",
            "{\"type\":\"Polygon\",\"coordinates\":[[[0.5,\"x\"],[10.5,0.5],[10.5,10.5],[0.5,0.5]]]}",
            "{\"type\":\"Polygon\",\"coordinates\":[[[0.5,[1.5,2.5]],[10.5,0.5],[10.5,10.5],[0.5,0.5]]]}",
            "{\"type\":\"Polygon\",\"coordinates\":[[[[1.5,2.5],0.5],[10.5,0.5],[10.5,10.5],[0.5,0.5]]]}",
            "{\"type\":\"Polygon\",\"coordinates\":[]}",
            "{\"type\":\"Polygon\",\"coordinates\":5}",
            "{\"type\":\"Polygon\"}",
            "{\"type\":5,\"coordinates\":[1.5,2.5]}",
            "{\"type\":\"Circle\",\"coordinates\":[1.5,2.5]}",
            "{\"type\":\"Point\",\"coordinates\":[1.5,2.5]}",
            "{\"type\":\"Point\",\"coordinates\":[]}",
            "{\"type\":\"Point\",\"coordinates\":[[1.5,2.5]]}",
            "{\"type\":\"LineString\",\"coordinates\":[[0.5,0.5],[1.5,1.5]]}",
            "{\"type\":\"LineString\",\"coordinates\":[[0.5,0.5]]}",
            "{\"type\":\"MultiPoint\",\"coordinates\":[[0.5,0.5],[]]}",
            "{\"type\":\"MultiLineString\",\"coordinates\":[[[0.5,0.5],[1.5,1.5]],[2.5,2.5]]}",
            "{\"type\":\"MultiPolygon\",\"coordinates\":[[[[0.5,0.5],[1.5,0.5],[1.5,1.5],[0.5,0.5]]],[]]}",
            "{\"type\":\"MultiPolygon\",\"coordinates\":[[[[0.5,0.5],[1.5,0.5],[1.5,1.5],[0.5,0.5]]],[[5.5,5.5]]]}",
            "{\"type\":\"GeometryCollection\",\"geometries\":[{\"type\":\"Point\",\"coordinates\":[1.5,2.5]},5]}",
            "{\"type\":\"Point\",\"coordinates\":[1.5,2.5],\"type\":\"LineString\",\"coordinates\":[[0.5,0.5],[1.5,1.5]]}",
            "{\"type\":\"Point\",\"coordinates\":\"x\",\"coordinates\":[1.5,2.5]}",
            "[1.5,2.5]");

    @Test
    void eachGeometryIsReadAsTheTreeOfItReads() throws IOException {
        StringBuilder file = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[");
        for (int i = 0; i < GEOMETRIES.size(); i++) {
            file.append(i > 0 ? "," : "")
                    .append("{\"type\":\"Feature\",\"properties\":{\"n\":")
                    .append(i)
                    .append("},\"geometry\":")
                    .append(GEOMETRIES.get(i))
                    .append('}');
        }
        List<SourceRow> rows = read(file.append("]}").toString(), 4);
        assertThat(rows).hasSize(GEOMETRIES.size());
        for (int i = 0; i < rows.size(); i++) {
            SourceRow row = rows.get(i);
            JsonNode tree = JSON.readTree(GEOMETRIES.get(i));
            long positions = GeoJsonGeometry.positions(tree);
            if (positions > 4) {
                assertThat(row.problem())
                        .as(GEOMETRIES.get(i))
                        .startsWith("the geometry has " + positions + " vertices");
                continue;
            }
            Geometry expected;
            try {
                expected = GeoJsonGeometry.read(tree);
            } catch (IllegalArgumentException e) {
                assertThat(row.geometry()).as(GEOMETRIES.get(i)).isNull();
                assertThat(row.problem()).as(GEOMETRIES.get(i)).isEqualTo("unreadable geometry: " + e.getMessage());
                continue;
            }
            assertThat(row.problem()).as(GEOMETRIES.get(i)).isNull();
            assertThat(row.geometry().getClass()).isEqualTo(expected.getClass());
            assertThat(row.geometry().equalsExact(expected))
                    .as(GEOMETRIES.get(i))
                    .isTrue();
            Coordinate first = expected.isEmpty() ? null : expected.getCoordinate();
            if (first != null) {
                assertThat(Double.valueOf(row.geometry().getCoordinate().getZ())) // NaN when not given
                        .isEqualTo(Double.valueOf(first.getZ()));
            }
        }
        assertThat(rows.get(1).problem()).startsWith("the geometry has 8 vertices; at most 4");
        assertThat(rows.get(21).problem()).isEqualTo("unreadable geometry: a position is not an array");
        assertThat(rows.get(8).problem()).isEqualTo("unreadable geometry: a position holds '[1.5,2.5]', not a number");
        assertThat(rows.get(24).problem()).isEqualTo("unreadable geometry: coordinates is not an array");
    }

    @Test
    void propertiesIdsAndMissingGeometriesAreReadAsTheTreeReadsThem() throws IOException {
        List<SourceRow> rows = read(
                "{\"type\":\"FeatureCollection\",\"features\":["
                        + "{\"id\":7,\"properties\":{\"a\":\"x\",\"b\":1.50,\"c\":true,\"d\":null,\"e\":[1,\"2\"],"
                        + "\"f\":{\"g\":1},\"a\":\"y\"},\"geometry\":null},"
                        + "{\"id\":\"P-2\",\"properties\":null,\"geometry\":{\"type\":\"Point\",\"coordinates\":[1.5,2.5]},"
                        + "\"geometry\":null},"
                        + "{\"id\":[1],\"properties\":{\"h\":12345678901234567890123}}]}",
                10);
        SourceRow first = rows.get(0);
        assertThat(first.id()).isEqualTo("7");
        assertThat(new ArrayList<>(first.values().keySet())).containsExactly("a", "b", "c", "d", "e", "f");
        assertThat(first.values())
                .containsEntry("a", "y")
                .containsEntry("b", new BigDecimal("1.5"))
                .containsEntry("c", true)
                .containsEntry("d", null)
                .containsEntry("e", "[1,\"2\"]")
                .containsEntry("f", "{\"g\":1}");
        assertThat(first.problem()).isEqualTo("the feature has no geometry");
        assertThat(rows.get(1).id()).isEqualTo("P-2");
        assertThat(rows.get(1).values()).isEmpty();
        assertThat(rows.get(1).problem()).isEqualTo("the feature has no geometry"); // the last member wins
        assertThat(rows.get(2).id()).isNull();
        assertThat(rows.get(2).values()).containsEntry("h", new BigDecimal("12345678901234567890123"));
        assertThat(rows).extracting(SourceRow::number).containsExactly(1L, 2L, 3L);
    }

    private static List<SourceRow> read(String text, int maxVertices) throws IOException {
        Path file = Files.createTempFile("t", ".geojson");
        Files.writeString(file, text);
        List<SourceRow> rows = new ArrayList<>();
        try (GeoJsonSource source = new GeoJsonSource(JSON, file, maxVertices)) {
            SourceRow row;
            while ((row = source.next()) != null) {
                rows.add(row);
            }
        } finally {
            Files.delete(file);
        }
        return rows;
    }
}
