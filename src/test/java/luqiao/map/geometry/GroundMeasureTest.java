package luqiao.map.geometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import luqiao.map.support.PostgisReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.WKTReader;
import org.locationtech.jts.io.geojson.GeoJsonWriter;

/** Ground areas and lengths against PostGIS geography (the spheroid), the figures land offices check against. */
class GroundMeasureTest {

    private static final GeometryFactory WGS84 = new GeometryFactory();
    private static PostgisReference postgis;

    @BeforeAll
    static void connect() throws Exception {
        postgis = new PostgisReference();
    }

    @AfterAll
    static void disconnect() throws Exception {
        postgis.close();
    }

    @Test
    void randomPolygonsAroundLuqiaoAgreeWithPostgisGeographyWithinOnePerMille() throws Exception {
        Random random = new Random(20241130);
        for (int i = 0; i < 300; i++) {
            // Every third polygon is centred on 121.5°E, where EPSG:4549 meets EPSG:4550.
            double lon = i % 3 == 0 ? 121.5 : 121.25 + random.nextDouble() * 0.4;
            double lat = 28.4 + random.nextDouble() * 0.3;
            double radius = 0.0005 + random.nextDouble() * 0.05;
            Polygon polygon = star(random, lon, lat, radius, 3 + random.nextInt(30));
            if (!polygon.isValid()) {
                continue;
            }
            double expected = postgis.areaM2(geoJson(polygon));
            assertThat(GroundMeasure.areaM2(polygon))
                    .as("area of %s", polygon)
                    .isCloseTo(expected, within(expected * 0.001));
            double expectedLength = postgis.lengthM(geoJson(polygon.getExteriorRing()
                    .getFactory()
                    .createLineString(polygon.getExteriorRing().getCoordinates())));
            assertThat(GroundMeasure.lengthM(
                            WGS84.createLineString(polygon.getExteriorRing().getCoordinates())))
                    .isCloseTo(expectedLength, within(expectedLength * 0.001));
        }
    }

    @Test
    void holesAndMultiPolygonPartsCountOnce() throws Exception {
        Geometry g = new WKTReader()
                .read("MULTIPOLYGON(((121.40 28.55, 121.42 28.55, 121.42 28.57, 121.40 28.57, 121.40 28.55),"
                        + " (121.405 28.555, 121.41 28.555, 121.41 28.56, 121.405 28.56, 121.405 28.555)),"
                        + " ((121.50 28.50, 121.51 28.50, 121.51 28.51, 121.50 28.51, 121.50 28.50)))");
        double expected = postgis.areaM2(geoJson(g));
        assertThat(GroundMeasure.areaM2(g)).isCloseTo(expected, within(expected * 1e-6));
    }

    @Test
    void pointsAndLinesHaveNoArea() throws Exception {
        assertThat(GroundMeasure.areaM2(new WKTReader().read("POINT(121.4 28.5)")))
                .isZero();
        assertThat(GroundMeasure.areaM2(new WKTReader().read("LINESTRING(121.4 28.5, 121.5 28.5)")))
                .isZero();
        assertThat(GroundMeasure.lengthM(
                        new WKTReader().read("POLYGON((121.4 28.5, 121.5 28.5, 121.5 28.6, 121.4 28.5))")))
                .isZero();
    }

    @Test
    void muAndHectaresFollowTheLandOfficeDefinitions() {
        assertThat(AreaUnits.mu(10000.0 / 15)).isCloseTo(1.0, within(1e-12));
        assertThat(AreaUnits.hectares(10000)).isEqualTo(1.0);
        assertThat(AreaUnits.mu(10000)).isCloseTo(15.0, within(1e-12));
    }

    private static Polygon star(Random random, double lon, double lat, double radius, int n) {
        Coordinate[] ring = new Coordinate[n + 1];
        for (int k = 0; k < n; k++) {
            double angle = 2 * Math.PI * k / n;
            double r = radius * (0.4 + 0.6 * random.nextDouble());
            ring[k] = new Coordinate(lon + r * Math.cos(angle), lat + r * Math.sin(angle));
        }
        ring[n] = ring[0];
        LinearRing shell = WGS84.createLinearRing(ring);
        return WGS84.createPolygon(shell);
    }

    private static String geoJson(Geometry g) {
        GeoJsonWriter writer = new GeoJsonWriter(12);
        writer.setEncodeCRS(false);
        return writer.write(g);
    }
}
