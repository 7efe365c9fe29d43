package luqiao.map.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.geojson.GeoJsonReader;
import tools.jackson.databind.json.JsonMapper;

/** GeoJsonGeometry builds from the parsed tree what JTS's GeoJsonReader builds from the text (the reader it replaced). */
class GeoJsonGeometryTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void everyGeometryTypeIsReadAsJtsReadsItsText() throws Exception {
        List<String> geometries = List.of(
                "{\"type\":\"Point\",\"coordinates\":[627341.303,3149000.43]}",
                "{\"type\":\"Point\",\"coordinates\":[121.4,28.5,12.5]}",
                "{\"type\":\"LineString\",\"coordinates\":[[0,0],[1,1],[2,0]]}",
                "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[10,0],[10,10],[0,10],[0,0]],"
                        + "[[2,2],[4,2],[4,4],[2,2]]]}",
                "{\"type\":\"MultiPoint\",\"coordinates\":[[0,0],[1,1]]}",
                "{\"type\":\"MultiLineString\",\"coordinates\":[[[0,0],[1,1]],[[2,2],[3,3]]]}",
                "{\"type\":\"MultiPolygon\",\"coordinates\":[[[[0,0],[1,0],[1,1],[0,0]]],[[[5,5],[6,5],[6,6],[5,5]]]]}",
                "{\"type\":\"GeometryCollection\",\"geometries\":[{\"type\":\"Point\",\"coordinates\":[1,2]},"
                        + "{\"type\":\"LineString\",\"coordinates\":[[0,0],[1,1]]}]}");
        for (String text : geometries) {
            Geometry expected = new GeoJsonReader().read(text);
            Geometry read = GeoJsonGeometry.read(JSON.readTree(text));
            assertThat(read.equalsExact(expected)).as(text).isTrue();
            assertThat(read.getCoordinate().getZ())
                    .as(text)
                    .isEqualTo(expected.getCoordinate().getZ(), within());
        }
    }

    @Test
    void whatIsNoGeometrySaysWhy() {
        assertThatThrownBy(() -> GeoJsonGeometry.read(JSON.readTree("{\"type\":\"Polygon\",\"coordinates\":5}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("coordinates is not an array");
        assertThatThrownBy(() -> GeoJsonGeometry.read(JSON.readTree("{\"type\":\"Point\",\"coordinates\":[1,\"x\"]}")))
                .hasMessage("a position holds '\"x\"', not a number");
        assertThatThrownBy(() -> GeoJsonGeometry.read(JSON.readTree("{\"type\":\"Circle\",\"coordinates\":[]}")))
                .hasMessage("unknown GeoJSON geometry type 'Circle'");
        assertThatThrownBy(
                        () -> GeoJsonGeometry.read(JSON.readTree("{\"type\":\"LineString\",\"coordinates\":[[0,0]]}")))
                .isInstanceOf(IllegalArgumentException.class); // JTS: a line needs two points
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(0.0);
    }
}
