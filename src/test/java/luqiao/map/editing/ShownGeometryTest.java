package luqiao.map.editing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import luqiao.map.geojson.Feature;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

class ShownGeometryTest {

    private static final String STORED =
            "MULTIPOLYGON (((121.35581234567891 28.59781234567891, 121.35601234567891 28.59781234567891,"
                    + " 121.35601234567891 28.59801234567891, 121.35581234567891 28.59781234567891)))";

    @Test
    void theStoredGeometryRoundedTo7DecimalsIsKeptExactly() throws ParseException {
        Feature stored = feature(STORED);
        Feature sent = feature("MULTIPOLYGON (((121.3558123 28.5978123, 121.3560123 28.5978123,"
                + " 121.3560123 28.5980123, 121.3558123 28.5978123)))");
        assertThat(ShownGeometry.keepStored(stored, sent).geometry()).isSameAs(stored.geometry());
    }

    @Test
    void aVertexMovedByMoreThanTheRoundingIsAnEdit() throws ParseException {
        Feature stored = feature(STORED);
        Feature sent = feature("MULTIPOLYGON (((121.3558125 28.5978123, 121.3560123 28.5978123,"
                + " 121.3560123 28.5980123, 121.3558125 28.5978123)))");
        assertThat(ShownGeometry.keepStored(stored, sent)).isSameAs(sent);
        Feature polygon = feature("POLYGON ((121.3558123 28.5978123, 121.3560123 28.5978123,"
                + " 121.3560123 28.5980123, 121.3558123 28.5978123))");
        assertThat(ShownGeometry.keepStored(stored, polygon))
                .as("another type is another geometry")
                .isSameAs(polygon);
    }

    private static Feature feature(String wkt) throws ParseException {
        Geometry g = new WKTReader().read(wkt);
        return new Feature("LQ-1", Map.of(), g);
    }
}
