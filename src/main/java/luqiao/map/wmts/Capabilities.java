package luqiao.map.wmts;

import java.util.Map;
import luqiao.map.tiles.TileFormat;
import luqiao.map.tiles.TileSet;
import org.locationtech.jts.geom.Envelope;

/**
 * The WMTS 1.0.0 ServiceMetadata document (OGC 07-057r7, 7.1): both bindings (KVP at {@code /wmts}, the
 * RESTful {@code ResourceURL} templates), the four tile sets as layers with their bounds and tile matrix set
 * limits as the caller may see them, and the two tile matrix sets ({@link MatrixSet}).
 */
final class Capabilities {

    static final String WMTS = "http://www.opengis.net/wmts/1.0";
    static final String OWS = ExceptionReport.OWS;
    static final String XLINK = "http://www.w3.org/1999/xlink";
    static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
    static final String SCHEMA = "http://schemas.opengis.net/wmts/1.0/wmtsGetCapabilities_response.xsd";
    /** Where the RESTful binding's resources live, below the service's base URL. */
    static final String REST = "/wmts/1.0.0";

    private Capabilities() {}

    /**
     * The document for a service at {@code base} (scheme, host and context path), each layer with its lon/lat
     * bounds for the caller.
     */
    static String document(String base, Map<TileSet, Envelope> bounds) {
        XmlOut xml = new XmlOut("", WMTS, "ows", OWS, "xlink", XLINK, "xsi", XSI);
        xml.start(WMTS, "Capabilities", "", WMTS, "ows", OWS, "xlink", XLINK, "xsi", XSI)
                .attribute(XSI, "schemaLocation", WMTS + " " + SCHEMA)
                .attribute("version", "1.0.0");
        service(xml);
        operations(xml, base);
        xml.start(WMTS, "Contents");
        bounds.forEach((set, lonLat) -> layer(xml, base, set, lonLat));
        for (MatrixSet m : MatrixSet.values()) {
            matrixSet(xml, m);
        }
        xml.end();
        xml.start(WMTS, "ServiceMetadataURL")
                .attribute(XLINK, "href", base + REST + "/WMTSCapabilities.xml")
                .end();
        xml.end();
        return xml.document();
    }

    private static void service(XmlOut xml) {
        xml.start(OWS, "ServiceIdentification");
        xml.element(OWS, "Title", "路桥区城乡建设项目地图 Luqiao Map");
        xml.element(
                OWS,
                "Abstract",
                "Map tiles (PNG) of the Luqiao District plan: key zones, project sites and land parcels, drawn in the"
                        + " web map's style, in Web Mercator and in CGCS2000 longitude/latitude.");
        xml.element(OWS, "ServiceType", "OGC WMTS");
        xml.element(OWS, "ServiceTypeVersion", "1.0.0");
        xml.end();
    }

    private static void operations(XmlOut xml, String base) {
        xml.start(OWS, "OperationsMetadata");
        for (String operation : new String[] {"GetCapabilities", "GetTile"}) {
            xml.start(OWS, "Operation").attribute("name", operation);
            xml.start(OWS, "DCP").start(OWS, "HTTP");
            xml.start(OWS, "Get").attribute(XLINK, "href", base + "/wmts?");
            xml.start(OWS, "Constraint").attribute("name", "GetEncoding");
            xml.start(OWS, "AllowedValues").element(OWS, "Value", "KVP").end();
            xml.end().end();
            xml.end().end().end();
        }
        xml.end();
    }

    private static void layer(XmlOut xml, String base, TileSet set, Envelope lonLat) {
        xml.start(WMTS, "Layer");
        xml.element(OWS, "Title", title(set));
        xml.element(OWS, "Abstract", description(set));
        xml.start(OWS, "WGS84BoundingBox");
        xml.element(OWS, "LowerCorner", lonLat.getMinX() + " " + lonLat.getMinY());
        xml.element(OWS, "UpperCorner", lonLat.getMaxX() + " " + lonLat.getMaxY());
        xml.end();
        xml.element(OWS, "Identifier", set.id());
        for (MatrixSet m : MatrixSet.values()) {
            xml.start(OWS, "BoundingBox").attribute("crs", m.crs());
            xml.element(OWS, "LowerCorner", m.corner(lonLat.getMinX(), lonLat.getMinY()));
            xml.element(OWS, "UpperCorner", m.corner(lonLat.getMaxX(), lonLat.getMaxY()));
            xml.end();
        }
        xml.start(WMTS, "Style").attribute("isDefault", "true");
        xml.element(OWS, "Title", "The web map's style");
        xml.element(OWS, "Identifier", TileAddress.STYLE);
        xml.end();
        xml.element(WMTS, "Format", TileFormat.PNG.mediaType().toString());
        for (MatrixSet m : MatrixSet.values()) {
            xml.start(WMTS, "TileMatrixSetLink");
            xml.element(WMTS, "TileMatrixSet", m.identifier());
            xml.start(WMTS, "TileMatrixSetLimits");
            for (int z = m.minZoom(); z <= m.maxZoom(); z++) {
                int zoom = z;
                m.limits(lonLat, z).ifPresent(limits -> {
                    xml.start(WMTS, "TileMatrixLimits");
                    xml.element(WMTS, "TileMatrix", zoom);
                    xml.element(WMTS, "MinTileRow", limits.minRow());
                    xml.element(WMTS, "MaxTileRow", limits.maxRow());
                    xml.element(WMTS, "MinTileCol", limits.minCol());
                    xml.element(WMTS, "MaxTileCol", limits.maxCol());
                    xml.end();
                });
            }
            xml.end().end();
        }
        xml.start(WMTS, "ResourceURL")
                .attribute("format", TileFormat.PNG.mediaType().toString())
                .attribute("resourceType", "tile")
                .attribute(
                        "template",
                        base + REST + "/" + set.id() + "/{Style}/{TileMatrixSet}/{TileMatrix}/{TileRow}/{TileCol}.png")
                .end();
        xml.end();
    }

    private static void matrixSet(XmlOut xml, MatrixSet m) {
        xml.start(WMTS, "TileMatrixSet");
        xml.element(OWS, "Title", m.title());
        xml.element(OWS, "Identifier", m.identifier());
        xml.element(OWS, "SupportedCRS", m.crs());
        if (m.wellKnownScaleSet() != null) {
            xml.element(WMTS, "WellKnownScaleSet", m.wellKnownScaleSet());
        }
        for (int z = m.minZoom(); z <= m.maxZoom(); z++) {
            xml.start(WMTS, "TileMatrix");
            xml.element(OWS, "Identifier", z);
            xml.element(WMTS, "ScaleDenominator", m.scaleDenominator(z));
            xml.element(WMTS, "TopLeftCorner", m.topLeftCorner());
            xml.element(WMTS, "TileWidth", MatrixSet.TILE_PIXELS);
            xml.element(WMTS, "TileHeight", MatrixSet.TILE_PIXELS);
            xml.element(WMTS, "MatrixWidth", m.grid().matrixWidth(z));
            xml.element(WMTS, "MatrixHeight", m.grid().matrixHeight(z));
            xml.end();
        }
        xml.end();
    }

    private static String title(TileSet set) {
        return switch (set) {
            case ZONES -> "重点区块 Key zones";
            case PROJECTS -> "项目 Project sites";
            case PARCELS -> "地块 Land parcels";
            case ALL -> "全部图层 All layers";
        };
    }

    private static String description(TileSet set) {
        return switch (set) {
            case ZONES -> "District boundary and key zones, outlined by kind, named when zoomed in.";
            case PROJECTS -> "Project sites coloured by their stage in the project chain.";
            case PARCELS -> "Land parcels filled by land-use class (用地用海分类), outlined when zoomed in.";
            case ALL -> "Parcels, zones and projects in one image, parcels at the bottom and projects on top.";
        };
    }
}
