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
import org.locationtech.jts.io.WKTReader;
import org.locationtech.jts.io.geojson.GeoJsonWriter;

/** Point-to-geometry ground distances against PostGIS {@code ST_Distance(a::geography, b::geography)}. */
class GroundDistanceTest {

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
    void randomPointsToRandomPointsLinesAndPolygonsAgreeWithPostgisWithinOnePerMille() throws Exception {
        Random random = new Random(7);
        int inside = 0;
        for (int i = 0; i < 300; i++) {
            double lon = 121.3 + random.nextDouble() * 0.4;
            double lat = 28.4 + random.nextDouble() * 0.3;
            Geometry target =
                    switch (i % 3) {
                        case 0 ->
                            WGS84.createPoint(new Coordinate(
                                    121.3 + random.nextDouble() * 0.4, 28.4 + random.nextDouble() * 0.3));
                        case 1 -> WGS84.createLineString(randomPath(random, 2 + random.nextInt(6)));
                        default ->
                            WGS84.createPolygon(randomPath(random, 3 + random.nextInt(6), true))
                                    .convexHull();
                    };
            double expected = postgis.distanceM(geoJson(WGS84.createPoint(new Coordinate(lon, lat))), geoJson(target));
            double actual = GroundDistance.distanceM(lon, lat, target);
            if (expected == 0) {
                inside++;
            }
            assertThat(actual)
                    .as("distance from %s %s to %s", lon, lat, target)
                    .isCloseTo(expected, within(Math.max(expected * 0.001, 0.01)));
        }
        assertThat(inside).as("some positions fall inside a polygon").isPositive();
    }

    @Test
    void insideAPolygonIsZeroAndInsideItsHoleIsTheDistanceToTheHoleEdge() throws Exception {
        Geometry withHole = new WKTReader()
                .read("POLYGON((121.40 28.50, 121.50 28.50, 121.50 28.60, 121.40 28.60, 121.40 28.50),"
                        + " (121.44 28.54, 121.46 28.54, 121.46 28.56, 121.44 28.56, 121.44 28.54))");
        assertThat(GroundDistance.distanceM(121.42, 28.52, withHole)).isZero();
        double expected =
                postgis.distanceM(geoJson(WGS84.createPoint(new Coordinate(121.45, 28.55))), geoJson(withHole));
        assertThat(GroundDistance.distanceM(121.45, 28.55, withHole))
                .isCloseTo(expected, within(expected * 0.001))
                .isGreaterThan(900);
    }

    @Test
    void aLineEastOfThePositionIsMeasuredToItsNearestInnerPoint() throws Exception {
        // The nearest point is inside the segment, not a vertex: about 0.01° of longitude at 28.5°N.
        Geometry line = new WKTReader().read("LINESTRING(121.51 28.40, 121.51 28.60)");
        double expected = postgis.distanceM(geoJson(WGS84.createPoint(new Coordinate(121.50, 28.50))), geoJson(line));
        assertThat(GroundDistance.distanceM(121.50, 28.50, line)).isCloseTo(expected, within(expected * 0.0001));
        assertThat(expected).isCloseTo(979.0, within(2.0));
    }

    private static Coordinate[] randomPath(Random random, int n) {
        return randomPath(random, n, false);
    }

    private static Coordinate[] randomPath(Random random, int n, boolean closed) {
        double lon = 121.3 + random.nextDouble() * 0.4;
        double lat = 28.4 + random.nextDouble() * 0.3;
        Coordinate[] c = new Coordinate[closed ? n + 1 : n];
        for (int k = 0; k < n; k++) {
            c[k] = new Coordinate(lon + (random.nextDouble() - 0.5) * 0.1, lat + (random.nextDouble() - 0.5) * 0.1);
        }
        if (closed) {
            c[n] = c[0];
        }
        return c;
    }

    private static String geoJson(Geometry g) {
        GeoJsonWriter writer = new GeoJsonWriter(12);
        writer.setEncodeCRS(false);
        return writer.write(g);
    }
}
