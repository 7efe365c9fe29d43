package luqiao.map.analysis;

import java.util.List;
import java.util.Locale;
import luqiao.map.geometry.Crs;
import luqiao.map.web.InvalidParameterException;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.geojson.GeoJsonReader;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;
import tools.jackson.databind.JsonNode;

/**
 * A polygonal query geometry from a request: read as GeoJSON in the request's CRS, checked
 * (type, size, coordinates, validity) and returned in WGS 84 lon/lat. Every rejection is a 400
 * naming the parameter {@code geometry} and, for invalid geometries, where the fault is.
 */
final class QueryGeometry {

    private QueryGeometry() {}

    private static final List<String> POLYGONAL = List.of("Polygon", "MultiPolygon");
    private static final List<String> MEASURABLE = List.of("LineString", "MultiLineString", "Polygon", "MultiPolygon");

    /** A Polygon or MultiPolygon, for the parcel analysis. */
    static Geometry polygonal(JsonNode node, Crs crs, int maxVertices) {
        return read(node, crs, maxVertices, POLYGONAL);
    }

    /** A line or polygon, for measuring a length or an area. */
    static Geometry measurable(JsonNode node, Crs crs, int maxVertices) {
        return read(node, crs, maxVertices, MEASURABLE);
    }

    private static Geometry read(JsonNode node, Crs crs, int maxVertices, List<String> types) {
        String expected = "a GeoJSON " + String.join(" or ", types);
        if (node == null || node.isMissingNode() || node.isNull()) {
            throw bad("geometry is required: " + expected);
        }
        if (!node.isObject()) {
            throw bad("geometry must be a GeoJSON geometry object");
        }
        String type = node.path("type").asString("");
        if (!types.contains(type)) {
            throw bad("geometry must be " + expected + ", not " + (type.isEmpty() ? "an object without a type" : type));
        }
        Geometry geometry;
        try {
            geometry = new GeoJsonReader(new GeometryFactory()).read(node.toString());
        } catch (ParseException | RuntimeException e) {
            throw bad("geometry is not valid GeoJSON: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
        if (geometry.isEmpty()) {
            throw bad("geometry must not be empty");
        }
        if (geometry.getNumPoints() > maxVertices) {
            throw bad(
                    "geometry has " + geometry.getNumPoints() + " vertices; at most " + maxVertices + " are accepted");
        }
        for (Coordinate c : geometry.getCoordinates()) {
            if (!Double.isFinite(c.x) || !Double.isFinite(c.y)) {
                throw bad("geometry has a coordinate that is not a finite number");
            }
            if (crs.isLonLat() && (Math.abs(c.x) > 180 || Math.abs(c.y) > 90)) {
                throw bad("geometry has the position (" + c.x + ", " + c.y
                        + ") outside longitude -180..180, latitude -90..90"
                        + " (coordinates are longitude, latitude in " + crs.id() + ")");
            }
        }
        checkValid(geometry, crs);
        Geometry lonLat = crs.toLonLat(geometry);
        for (Coordinate c : lonLat.getCoordinates()) {
            if (!Double.isFinite(c.x) || !Double.isFinite(c.y) || Math.abs(c.x) > 180 || Math.abs(c.y) > 90) {
                throw bad("geometry has positions outside the area where " + crs.id() + " is defined");
            }
        }
        if (!crs.isLonLat()) {
            checkValid(lonLat, Crs.CRS84);
        }
        return lonLat;
    }

    private static void checkValid(Geometry geometry, Crs crs) {
        TopologyValidationError error = new IsValidOp(geometry).getValidationError();
        if (error != null) {
            Coordinate at = error.getCoordinate();
            String where = at == null
                    ? ""
                    : String.format(Locale.ROOT, " at (%s, %s) in %s", plain(at.x, crs), plain(at.y, crs), crs.id());
            throw bad("geometry is not valid: " + error.getMessage() + where);
        }
    }

    /** 9 decimals of a degree (0.1 mm) or 4 of a metre: enough to find the spot, no float noise. */
    private static String plain(double v, Crs crs) {
        return java.math.BigDecimal.valueOf(v)
                .setScale(crs.isLonLat() ? 9 : 4, java.math.RoundingMode.HALF_UP)
                .stripTrailingZeros()
                .toPlainString();
    }

    private static InvalidParameterException bad(String detail) {
        return new InvalidParameterException("geometry", detail);
    }
}
