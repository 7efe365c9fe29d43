package luqiao.map.transfer;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import luqiao.map.geometry.Crs;

/**
 * Recognises the CRS of a shapefile's {@code .prj} (ESRI or OGC WKT 1) among those the server supports.
 *
 * <p>Written here because neither proj4j nor H2GIS maps WKT to an EPSG code without a database of
 * every CRS (H2GIS's {@code PRJUtil} reads only an {@code AUTHORITY} the ESRI flavour never carries).
 * Only the five supported systems matter, so the WKT is matched on what identifies them: a trailing
 * {@code AUTHORITY["EPSG", n]}, else the projection (Gauss-Krüger / transverse Mercator on the
 * CGCS2000 datum with false easting 500 km and central meridian 120° or 123°; web Mercator) or, for
 * a geographic CRS, the datum (WGS 84 or CGCS2000).
 */
final class PrjCrs {

    private static final Pattern TOP_AUTHORITY = Pattern.compile("AUTHORITY\\[\"EPSG\",\"?(\\d+)\"?\\]\\]\\s*$");
    private static final Pattern PARAMETER = Pattern.compile("PARAMETER\\[\"([^\"]+)\",([-+0-9.eE]+)\\]");

    private PrjCrs() {}

    /** The supported CRS the WKT describes, or empty when it is none of them. */
    static Optional<Crs> recognise(String wkt) {
        String text = wkt.strip().replaceAll("\\s*,\\s*", ",").toUpperCase(Locale.ROOT);
        Matcher authority = TOP_AUTHORITY.matcher(text);
        if (authority.find()) {
            return Crs.find("EPSG:" + authority.group(1));
        }
        String names = text.replaceAll("[^A-Z0-9]", "");
        boolean cgcs2000 = names.contains("CHINA2000")
                || names.contains("CGCS2000")
                || names.contains("CHINAGEODETICCOORDINATESYSTEM2000");
        boolean wgs84 = names.contains("WGS1984") || names.contains("WGS84");
        if (text.startsWith("GEOGCS")) {
            return cgcs2000 ? Crs.find("EPSG:4490") : wgs84 ? Crs.find("EPSG:4326") : Optional.empty();
        }
        if (!text.startsWith("PROJCS")) {
            return Optional.empty();
        }
        if (names.contains("MERCATORAUXILIARYSPHERE")
                || names.contains("PSEUDOMERCATOR")
                || names.contains("WEBMERCATOR")
                || names.contains("POPULARVISUALISATION")) {
            return Crs.find("EPSG:3857");
        }
        boolean transverseMercator = names.contains("GAUSSKRUGER") || names.contains("TRANSVERSEMERCATOR");
        if (cgcs2000
                && transverseMercator
                && parameter(text, "FALSE_EASTING") == 500000.0
                && parameter(text, "SCALE_FACTOR") == 1.0
                && parameter(text, "FALSE_NORTHING") == 0.0) {
            double meridian = parameter(text, "CENTRAL_MERIDIAN");
            return meridian == 120.0
                    ? Crs.find("EPSG:4549")
                    : meridian == 123.0 ? Crs.find("EPSG:4550") : Optional.empty();
        }
        return Optional.empty();
    }

    /** A human name of what the WKT describes, for error messages. */
    static String name(String wkt) {
        Matcher m = Pattern.compile("^\\s*[A-Z]+\\[\"([^\"]*)\"").matcher(wkt);
        return m.find()
                ? m.group(1)
                : wkt.strip().substring(0, Math.min(60, wkt.strip().length()));
    }

    private static double parameter(String text, String name) {
        Matcher m = PARAMETER.matcher(text);
        while (m.find()) {
            if (m.group(1).equals(name)) {
                return Double.parseDouble(m.group(2));
            }
        }
        return Double.NaN;
    }
}
