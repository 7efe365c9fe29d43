package luqiao.map.editing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import luqiao.map.catalog.Layer;
import luqiao.map.geometry.Crs;
import luqiao.map.web.ProblemException;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.geom.util.GeometryFixer;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.geojson.GeoJsonReader;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;

/**
 * The geometry of an edited feature: read as GeoJSON in the request's CRS and axis order, checked (type for the
 * layer, vertex cap, finite coordinates inside the district's box, OGC validity) and returned in
 * lon/lat. An invalid geometry is refused with the JTS reason and the position of the fault, or, on
 * request, repaired with JTS {@link GeometryFixer} and the repair reported.
 */
final class EditGeometry {

    private static final GeometryFactory WGS84 = new GeometryFactory(new PrecisionModel(), 4326);

    /** Zones and parcels are stored as MultiPolygon (a Polygon is promoted); projects may be any simple type. */
    private static final Map<Layer, Set<String>> TYPES = Map.of(
            Layer.ZONES, Set.of("Polygon", "MultiPolygon"),
            Layer.PARCELS, Set.of("Polygon", "MultiPolygon"),
            Layer.PROJECTS, Set.of("Point", "LineString", "Polygon", "MultiPoint", "MultiLineString", "MultiPolygon"));

    /** The lon/lat geometry, and what was repaired (empty when nothing was). */
    record Checked(Geometry lonLat, List<Map<String, Object>> repairs) {}

    private EditGeometry() {}

    static Checked read(Layer layer, JsonNode node, BodyCrs body, boolean repair, EditingProperties limits) {
        Crs crs = body.crs();
        Set<String> types = TYPES.get(layer);
        if (node == null || node.isMissingNode() || node.isNull() || !node.isObject()) {
            throw invalid("the feature needs a geometry: a GeoJSON "
                    + String.join(" or ", types.stream().sorted().toList()));
        }
        String type = node.path("type").asString("");
        if (!types.contains(type)) {
            throw invalid(layer.id() + " take a "
                    + String.join(" or ", types.stream().sorted().toList()) + " geometry, not "
                    + (type.isEmpty() ? "an object without a type" : type));
        }
        Geometry geometry;
        try {
            geometry = new GeoJsonReader(new GeometryFactory()).read(node.toString());
        } catch (ParseException | RuntimeException e) {
            throw invalid("the geometry is not valid GeoJSON: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
        if (geometry.isEmpty()) {
            throw invalid("the geometry must not be empty");
        }
        if (geometry.getNumPoints() > limits.maxVertices()) {
            throw invalid("the geometry has " + geometry.getNumPoints() + " vertices; at most " + limits.maxVertices()
                    + " are accepted");
        }
        for (Coordinate c : geometry.getCoordinates()) {
            if (!Double.isFinite(c.x) || !Double.isFinite(c.y)) {
                throw invalid("the geometry has a coordinate that is not a finite number");
            }
        }
        List<Map<String, Object>> repairs = new ArrayList<>();
        TopologyValidationError error = new IsValidOp(geometry).getValidationError();
        if (error != null) {
            if (!repair) {
                throw invalid("the geometry is not valid: " + error.getMessage() + " at "
                                + where(error.getCoordinate(), crs)
                                + "; send it again with repair=true to have it repaired")
                        .with("reason", error.getMessage())
                        .with("location", location(error.getCoordinate(), crs))
                        .with("crs", crs.id());
            }
            Geometry fixed = GeometryFixer.fix(geometry);
            if (fixed.isEmpty() || !types.contains(fixed.getGeometryType())) {
                throw invalid("the geometry is not valid (" + error.getMessage() + " at "
                                + where(error.getCoordinate(), crs) + ") and repairing it leaves "
                                + (fixed.isEmpty() ? "nothing" : "a " + fixed.getGeometryType()))
                        .with("reason", error.getMessage())
                        .with("location", location(error.getCoordinate(), crs));
            }
            Map<String, Object> repaired = new java.util.LinkedHashMap<>();
            repaired.put("reason", error.getMessage());
            repaired.put("location", location(error.getCoordinate(), crs));
            repaired.put(
                    "result",
                    fixed.getGeometryType() + " with " + fixed.getNumPoints() + " vertices (was "
                            + geometry.getNumPoints() + ")");
            repairs.add(repaired);
            geometry = fixed;
        }
        // Faults above are located as the client sent its coordinates; from here on x is east.
        Geometry lonLat = crs.toLonLat(body.toEastNorth().apply(geometry));
        List<Double> b = limits.bounds();
        for (Coordinate c : lonLat.getCoordinates()) {
            if (!Double.isFinite(c.x) || !(c.x >= b.get(0) && c.x <= b.get(2) && c.y >= b.get(1) && c.y <= b.get(3))) {
                throw invalid("the geometry has a position outside the district (lon " + b.get(0) + ".." + b.get(2)
                                + ", lat " + b.get(1) + ".." + b.get(3) + "); are the coordinates in " + crs.id()
                                + ", " + body.axisOrder() + "?")
                        .with("location", location(c, Crs.CRS84))
                        .with("crs", Crs.CRS84.id());
            }
        }
        if (!crs.isLonLat()) {
            TopologyValidationError after = new IsValidOp(lonLat).getValidationError();
            if (after != null) {
                throw invalid("the geometry is not valid in lon/lat: " + after.getMessage() + " at "
                                + where(after.getCoordinate(), Crs.CRS84))
                        .with("reason", after.getMessage())
                        .with("location", location(after.getCoordinate(), Crs.CRS84));
            }
        }
        if (lonLat instanceof Polygon polygon && layer != Layer.PROJECTS) {
            lonLat = WGS84.createMultiPolygon(new Polygon[] {polygon});
        }
        lonLat.setSRID(4326);
        return new Checked(lonLat, repairs);
    }

    private static String where(Coordinate at, Crs crs) {
        List<BigDecimal> l = location(at, crs);
        return l == null
                ? "an unknown position"
                : "(" + l.get(0).toPlainString() + ", " + l.get(1).toPlainString() + ") in " + crs.id();
    }

    /** The position as [x, y] in the request's CRS: 9 decimals of a degree or 4 of a metre, enough to find the spot. */
    private static List<BigDecimal> location(Coordinate at, Crs crs) {
        if (at == null) {
            return null;
        }
        int scale = crs.isLonLat() ? 9 : 4;
        return List.of(
                BigDecimal.valueOf(at.x).setScale(scale, RoundingMode.HALF_UP).stripTrailingZeros(),
                BigDecimal.valueOf(at.y).setScale(scale, RoundingMode.HALF_UP).stripTrailingZeros());
    }

    private static ProblemException invalid(String detail) {
        return new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "Invalid geometry", detail)
                .with("field", "geometry");
    }
}
