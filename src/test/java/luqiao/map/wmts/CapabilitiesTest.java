package luqiao.map.wmts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import luqiao.map.tiles.TileSet;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;

/** The documents as written, against the OGC schemas (the served ones are checked in {@link WmtsContract}). */
class CapabilitiesTest {

    @Test
    void theCapabilitiesOfEveryLayerValidateAgainstTheWmtsSchema() {
        Map<TileSet, Envelope> bounds = new LinkedHashMap<>();
        for (TileSet set : TileSet.values()) {
            bounds.put(set, new Envelope(121.28, 121.67, 28.44, 28.65));
        }
        String xml = Capabilities.document("https://map.example.org/luqiao", bounds);

        assertThat(OgcSchemas.errors(OgcSchemas.WMTS_CAPABILITIES, xml)).isEmpty();
        assertThat(xml)
                .contains("template=\"https://map.example.org/luqiao/wmts/1.0.0/parcels/{Style}/{TileMatrixSet}/"
                        + "{TileMatrix}/{TileRow}/{TileCol}.png\"")
                .contains("<ows:SupportedCRS>urn:ogc:def:crs:EPSG::4490</ows:SupportedCRS>");
    }

    @Test
    void anExceptionReportValidatesAgainstTheOwsSchemaAndEscapesWhatTheCallerSent() {
        String xml = ExceptionReport.of(
                new WmtsException(WmtsException.Code.InvalidParameterValue, "Layer", "unknown layer '<a&b>'"));

        assertThat(OgcSchemas.errors(OgcSchemas.OWS_EXCEPTION_REPORT, xml)).isEmpty();
        assertThat(xml).contains("exceptionCode=\"InvalidParameterValue\"").contains("unknown layer '&lt;a&amp;b&gt;'");
    }

    @Test
    void characterXmlCannotCarryAreReplacedSoTheReportStaysWellFormed() {
        String xml = ExceptionReport.of(new WmtsException(
                WmtsException.Code.InvalidParameterValue, "Layer", "unknown layer 'a\u0001b\uD800c\uD83C\uDC04'"));

        assertThat(OgcSchemas.errors(OgcSchemas.OWS_EXCEPTION_REPORT, xml)).isEmpty();
        assertThat(xml).contains("unknown layer 'a\uFFFDb\uFFFDc\uD83C\uDC04'");
    }

    @Test
    void theValidatorCatchesADocumentThatBreaksTheSchema() {
        String xml = Capabilities.document("http://localhost", Map.of())
                .replace("<ows:ServiceTypeVersion>1.0.0</ows:ServiceTypeVersion>", "");

        assertThat(OgcSchemas.errors(OgcSchemas.WMTS_CAPABILITIES, xml)).isNotEmpty();
    }
}
