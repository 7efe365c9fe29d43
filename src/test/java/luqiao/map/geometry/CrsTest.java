package luqiao.map.geometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

/**
 * WKT in, WKT out. Expected numbers come from PROJ 9.1.1, {@code cs2cs -f %.4f EPSG:4326 EPSG:xxxx}
 * (output reordered to x east, y north), and agree to 0.1 mm with PostGIS 3.3
 * {@code ST_AsText(ST_Transform(ST_SetSRID(ST_MakePoint(121.40, 28.55), 4326), xxxx), 4)}.
 */
class CrsTest {

    private static final WKTReader WKT = new WKTReader();

    @ParameterizedTest(name = "{0}: POINT(121.40 28.55) -> POINT({1} {2})")
    @CsvSource({
        "EPSG:4549, 637008.5586, 3160194.9847",
        "EPSG:4550, 343416.1804, 3160439.9686",
        "EPSG:3857, 13514186.1823, 3318494.8460"
    })
    void projectsLuqiaoAsProjDoes(String crs, double x, double y) throws Exception {
        Geometry projected = Crs.of(crs).fromLonLat(wkt("POINT(121.40 28.55)"));
        assertThat(projected.getCoordinate().x).isCloseTo(x, within(0.001));
        assertThat(projected.getCoordinate().y).isCloseTo(y, within(0.001));
        assertThat(projected.getSRID()).isEqualTo(Crs.of(crs).srid());
    }

    @Test
    void pointsOn121Point5EastAreMirrorImagesInTheTwoGaussKruegerZones() throws Exception {
        // cs2cs: 28.6 121.5 -> 3165855.8672 646726.6473 (EPSG:4549) and 3165855.8672 353273.3527 (EPSG:4550)
        Coordinate west =
                Crs.of("EPSG:4549").fromLonLat(wkt("POINT(121.5 28.6)")).getCoordinate();
        Coordinate east =
                Crs.of("EPSG:4550").fromLonLat(wkt("POINT(121.5 28.6)")).getCoordinate();
        assertThat(west.x).isCloseTo(646726.6473, within(0.001));
        assertThat(east.x).isCloseTo(353273.3527, within(0.001));
        assertThat(west.y).isCloseTo(3165855.8672, within(0.001)).isCloseTo(east.y, within(0.001));
    }

    @Test
    void gaussKruegerToLonLatAsProjDoes() throws Exception {
        // cs2cs -f %.9f EPSG:4549 EPSG:4326 <<< "3160000 640000" -> 28.547922598 121.430536047;
        // PostGIS ST_Transform(ST_SetSRID(ST_MakePoint(640000, 3160000), 4549), 4326) gives the same.
        Geometry lonLat = Crs.of("EPSG:4549").toLonLat(wkt("POINT(640000 3160000)"));
        assertThat(lonLat.getCoordinate().x).isCloseTo(121.430536047, within(1e-9));
        assertThat(lonLat.getCoordinate().y).isCloseTo(28.547922598, within(1e-9));
        assertThat(lonLat.getSRID()).isEqualTo(4326);
    }

    @Test
    void aPolygonRoundTripsThroughEveryProjectedCrsWithinAMillimetre() throws Exception {
        Geometry polygon = wkt("POLYGON((121.40 28.55, 121.52 28.55, 121.52 28.62, 121.40 28.62, 121.40 28.55))");
        for (String name : new String[] {"EPSG:4549", "EPSG:4550", "EPSG:3857"}) {
            Crs crs = Crs.of(name);
            Geometry projected = crs.fromLonLat(polygon);
            assertThat(projected.getNumPoints()).isEqualTo(polygon.getNumPoints());
            Geometry back = crs.toLonLat(projected);
            for (int i = 0; i < polygon.getNumPoints(); i++) {
                assertThat(back.getCoordinates()[i].distance(polygon.getCoordinates()[i]))
                        .as(name)
                        .isLessThan(1e-8);
            }
            assertThat(polygon.getCoordinate().x)
                    .as("the input is not modified")
                    .isEqualTo(121.40);
        }
    }

    @Test
    void lonLatCrssPassCoordinatesThrough() throws Exception {
        Geometry g = wkt("LINESTRING(121.4 28.5, 121.5 28.6)");
        for (String name : new String[] {"CRS84", "EPSG:4326", "EPSG:4490"}) {
            Geometry same = Crs.of(name).toLonLat(g);
            assertThat(same.equalsExact(g)).as(name).isTrue();
            assertThat(same.getSRID()).isEqualTo(4326);
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "CRS84",
                "crs84",
                "OGC:CRS84",
                "http://www.opengis.net/def/crs/OGC/1.3/CRS84",
                "urn:ogc:def:crs:OGC:1.3:CRS84"
            })
    void crs84IsKnownByItsNames(String name) {
        assertThat(Crs.of(name).id()).isEqualTo("OGC:CRS84");
        assertThat(Crs.of(name).isLonLat()).isTrue();
        assertThat(Crs.of(name).authorityNorthingFirst()).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
        "EPSG:4549, 4549, false, true",
        "epsg:4550, 4550, false, true",
        "http://www.opengis.net/def/crs/EPSG/0/3857, 3857, false, false",
        "urn:ogc:def:crs:EPSG::4490, 4490, true, true",
        "EPSG:4326, 4326, true, true"
    })
    void epsgCodesAreKnownByTheirNames(String name, int srid, boolean lonLat, boolean northingFirst) {
        Crs crs = Crs.of(name);
        assertThat(crs.srid()).isEqualTo(srid);
        assertThat(crs.id()).isEqualTo("EPSG:" + srid);
        assertThat(crs.uri()).isEqualTo("http://www.opengis.net/def/crs/EPSG/0/" + srid);
        assertThat(crs.isLonLat()).isEqualTo(lonLat);
        assertThat(crs.authorityNorthingFirst()).isEqualTo(northingFirst);
    }

    @ParameterizedTest
    @ValueSource(strings = {"EPSG:99999", "EPSG:2000", "WGS84", "", "EPSG:", "4549"})
    void anUnsupportedCrsIsABadParameterNamingIt(String name) {
        assertThatThrownBy(() -> Crs.of(name))
                .isInstanceOf(GeometryArgumentException.class)
                .hasMessageContaining("crs")
                .hasMessageContaining("EPSG:4549")
                .satisfies(e ->
                        assertThat(((GeometryArgumentException) e).parameter()).isEqualTo("crs"));
        assertThatThrownBy(() -> Crs.of("bbox-crs", name))
                .satisfies(e ->
                        assertThat(((GeometryArgumentException) e).parameter()).isEqualTo("bbox-crs"));
    }

    private static Geometry wkt(String text) throws ParseException {
        return WKT.read(text);
    }
}
