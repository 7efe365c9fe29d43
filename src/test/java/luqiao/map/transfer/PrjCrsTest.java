package luqiao.map.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import luqiao.map.geometry.Crs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** .prj recognition: the ESRI WKT GDAL 3.6 writes into shapefiles and the OGC WKT of {@code gdalsrsinfo -o wkt1}. */
class PrjCrsTest {

    @ParameterizedTest
    @ValueSource(ints = {4326, 4490, 4549, 4550, 3857})
    void gdalsEsriAndOgcWktAreRecognised(int epsg) throws IOException {
        assertThat(PrjCrs.recognise(resource(epsg + ".prj")))
                .contains(Crs.find("EPSG:" + epsg).orElseThrow());
        assertThat(PrjCrs.recognise(resource(epsg + ".wkt")))
                .contains(Crs.find("EPSG:" + epsg).orElseThrow());
    }

    @Test
    void aGaussKrugerZoneOnAnotherMeridianOrDatumAndUtmAreNot() {
        String zone39 = "PROJCS[\"CGCS2000_3_Degree_GK_CM_117E\",GEOGCS[\"GCS_China_Geodetic_Coordinate_System_2000\","
                + "DATUM[\"D_China_2000\",SPHEROID[\"CGCS2000\",6378137.0,298.257222101]],PRIMEM[\"Greenwich\",0.0],"
                + "UNIT[\"Degree\",0.0174532925199433]],PROJECTION[\"Gauss_Kruger\"],PARAMETER[\"False_Easting\",500000.0],"
                + "PARAMETER[\"False_Northing\",0.0],PARAMETER[\"Central_Meridian\",117.0],PARAMETER[\"Scale_Factor\",1.0],"
                + "PARAMETER[\"Latitude_Of_Origin\",0.0],UNIT[\"Meter\",1.0]]";
        assertThat(PrjCrs.recognise(zone39)).isEmpty();
        assertThat(PrjCrs.recognise(zone39.replace("117", "120")
                        .replace("China_2000", "Xian_1980")
                        .replace("China_Geodetic_Coordinate_System_2000", "Xian_1980")
                        .replace("CGCS2000", "Xian_1980")))
                .isEmpty();
        String utm =
                "PROJCS[\"WGS_1984_UTM_Zone_51N\",GEOGCS[\"GCS_WGS_1984\",DATUM[\"D_WGS_1984\",SPHEROID[\"WGS_1984\","
                        + "6378137.0,298.257223563]],PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]],"
                        + "PROJECTION[\"Transverse_Mercator\"],PARAMETER[\"False_Easting\",500000.0],PARAMETER[\"False_Northing\",0.0],"
                        + "PARAMETER[\"Central_Meridian\",123.0],PARAMETER[\"Scale_Factor\",0.9996],PARAMETER[\"Latitude_Of_Origin\",0.0],"
                        + "UNIT[\"Meter\",1.0]]";
        assertThat(PrjCrs.recognise(utm)).isEmpty();
        assertThat(PrjCrs.name(utm)).isEqualTo("WGS_1984_UTM_Zone_51N");
    }

    @Test
    void encodingsAreNamedOrGuessed() {
        assertThat(TextEncoding.named("UTF-8")).contains(StandardCharsets.UTF_8);
        assertThat(TextEncoding.named("936")).contains(TextEncoding.GBK);
        assertThat(TextEncoding.named("CP936")).contains(TextEncoding.GBK);
        assertThat(TextEncoding.named("GB18030")).contains(TextEncoding.GB18030);
        byte[] gbk = "路桥街道 城镇住宅用地".getBytes(TextEncoding.GBK);
        byte[] utf8 = "路桥街道 城镇住宅用地".getBytes(StandardCharsets.UTF_8);
        assertThat(TextEncoding.guess(gbk, gbk.length, false)).isEqualTo(TextEncoding.GBK);
        assertThat(TextEncoding.guess(utf8, utf8.length, false)).isEqualTo(StandardCharsets.UTF_8);
        assertThat(TextEncoding.guess(utf8, utf8.length - 1, false))
                .as("a character cut at the sample's end")
                .isEqualTo(StandardCharsets.UTF_8);
        assertThat(TextEncoding.guess("abc".getBytes(), 3, true)).isEqualTo(StandardCharsets.UTF_8);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = PrjCrsTest.class.getResourceAsStream("/transfer/crs/EPSG_" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
