package luqiao.map.features;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import luqiao.map.catalog.Audience;
import luqiao.map.catalog.Field;
import luqiao.map.catalog.FieldType;
import luqiao.map.catalog.Layer;
import luqiao.map.cql2.Cql2;
import luqiao.map.cql2.Filter;
import luqiao.map.geometry.Bbox;
import luqiao.map.geometry.Crs;
import luqiao.map.store.FeatureQuery;
import luqiao.map.store.TimeInterval;
import luqiao.map.web.AsOf;
import luqiao.map.web.InvalidParameterException;
import org.locationtech.jts.densify.Densifier;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

/**
 * The query parameters of a page of features, {@code /ogc/collections/{id}/items} and {@code /api/{layer}},
 * checked and turned into a {@link FeatureQuery} before any I/O. Anything malformed is a 400 naming
 * the parameter; so is anything unknown: to the OGC endpoint anything outside {@link #PARAMETERS}, to
 * {@code /api/{layer}} anything outside {@link #API_PARAMETERS} (a {@code filter} it silently dropped
 * would answer more than the caller asked for).
 */
public record ItemsRequest(FeatureQuery query, Crs crs, Set<String> properties) {

    /**
     * Vendor parameter: the one DATE property {@code datetime} tests instead of the features' time span, for
     * QGIS 3.22, which turns every date comparison of a layer's subset into {@code datetime} (README).
     */
    static final String DATETIME_PROPERTY = "datetime-property";

    static final Set<String> PARAMETERS = Set.of(
            "f",
            "bbox",
            "bbox-crs",
            "limit",
            "offset",
            "datetime",
            DATETIME_PROPERTY,
            "properties",
            "sortby",
            "crs",
            "filter",
            "filter-lang",
            "filter-crs",
            AsOf.PARAMETER);
    /** What {@code /api/{layer}} reads: a page of a box, as the layer stands now or stood on a day. */
    public static final Set<String> API_PARAMETERS = Set.of("bbox", "limit", "offset", AsOf.PARAMETER);

    /** The OGC items request: every parameter must be known. */
    public static ItemsRequest parse(
            Layer layer, Audience audience, Map<String, String> params, int defaultLimit, int maxLimit) {
        for (String name : params.keySet()) {
            if (!PARAMETERS.contains(name)) {
                throw new InvalidParameterException(
                        name,
                        "unknown query parameter '" + name + "'; known are "
                                + String.join(", ", new java.util.TreeSet<>(PARAMETERS)));
            }
        }
        return read(layer, audience, params, defaultLimit, maxLimit);
    }

    /** The {@code /api/{layer}} request: {@link #API_PARAMETERS}, read as the OGC endpoint reads them; any other is a 400. */
    public static ItemsRequest parseApi(
            Layer layer, Audience audience, Map<String, String> params, int defaultLimit, int maxLimit) {
        List<String> unknown = params.keySet().stream()
                .filter(n -> !API_PARAMETERS.contains(n))
                .sorted()
                .toList();
        if (!unknown.isEmpty()) {
            throw new InvalidParameterException(
                    unknown.get(0),
                    "unsupported query parameter" + (unknown.size() > 1 ? "s " : " ")
                            + String.join(
                                    ", ",
                                    unknown.stream().map(n -> "'" + n + "'").toList()) + "; /api/" + layer.id()
                            + " knows "
                            + String.join(", ", new java.util.TreeSet<>(API_PARAMETERS))
                            + " (filters, sorting and properties are on /ogc/collections/" + layer.id() + "/items)");
        }
        return read(layer, audience, params, defaultLimit, maxLimit);
    }

    private static ItemsRequest read(
            Layer layer, Audience audience, Map<String, String> params, int defaultLimit, int maxLimit) {
        int limit = integer(params, "limit", defaultLimit);
        if (limit < 1 || limit > maxLimit) {
            throw new InvalidParameterException("limit", "limit must be between 1 and " + maxLimit);
        }
        long offset = integer(params, "offset", 0);
        if (offset < 0) {
            throw new InvalidParameterException("offset", "offset must not be negative");
        }
        Crs crs = params.containsKey("crs") ? Crs.of("crs", params.get("crs")) : Crs.CRS84;
        Bbox bbox = params.containsKey("bbox")
                ? bbox(
                        params.get("bbox"),
                        params.containsKey("bbox-crs") ? Crs.of("bbox-crs", params.get("bbox-crs")) : Crs.CRS84)
                : null;
        if (params.containsKey("bbox-crs") && bbox == null) {
            throw new InvalidParameterException("bbox-crs", "bbox-crs is given without bbox");
        }
        String timeProperty = datetimeProperty(layer, audience, params.get(DATETIME_PROPERTY));
        TimeInterval time = params.containsKey("datetime")
                ? DatetimeParameter.parse("datetime", params.get("datetime")).on(timeProperty)
                : null;
        Filter filter = params.containsKey("filter") ? filter(params) : null;
        return new ItemsRequest(
                new FeatureQuery(
                        audience,
                        bbox,
                        filter,
                        time,
                        sortBy(layer, audience, params.get("sortby")),
                        limit,
                        offset,
                        AsOf.parse(params.get(AsOf.PARAMETER), layer)),
                crs,
                properties(layer, audience, params.get("properties")));
    }

    /**
     * The {@code datetime-property} checked: a DATE property of the layer the audience sees, or a 400. On a
     * layer with no date property at all (zones, parcels) it is accepted and names nothing, since {@code
     * datetime} matches nothing there anyway: one QGIS connection URL carrying it then serves every collection.
     */
    static String datetimeProperty(Layer layer, Audience audience, String name) {
        List<Field> dates = layer.fields(audience).stream()
                .filter(f -> f.type() == FieldType.DATE && f.isColumn())
                .toList();
        if (name == null || dates.isEmpty()) {
            return null;
        }
        return dates.stream()
                .map(Field::name)
                .filter(name::equals)
                .findFirst()
                .orElseThrow(() -> new InvalidParameterException(
                        DATETIME_PROPERTY,
                        DATETIME_PROPERTY + ": '" + name + "' is not a date property of " + layer.id() + "; the date"
                                + " properties are "
                                + String.join(
                                        ", ", dates.stream().map(Field::name).toList())));
    }

    private static long integer(Map<String, String> params, String name, long fallback) {
        String text = params.get(name);
        if (text == null) {
            return fallback;
        }
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new InvalidParameterException(name, name + " must be a whole number");
        }
    }

    private static int integer(Map<String, String> params, String name, int fallback) {
        long value = integer(params, name, (long) fallback);
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value));
    }

    /**
     * A bbox in any supported CRS: in a geographic one its corners in lon/lat (so it may cross the
     * antimeridian, west edge east of the east edge), in a projected one the lon/lat envelope of its
     * densified outline.
     */
    static Bbox bbox(String text, Crs crs) {
        if (crs == Crs.CRS84) {
            return Bbox.parse("bbox", sixToFour(text));
        }
        double[] v = Arrays.stream(sixToFour(text).split(",", -1))
                .mapToDouble(s -> number("bbox", s))
                .toArray();
        if (v.length != 4) {
            throw new InvalidParameterException("bbox", "bbox must be four numbers");
        }
        if (crs.isLonLat()) {
            return crs.authorityNorthingFirst()
                    ? Bbox.of("bbox", v[1], v[0], v[3], v[2])
                    : Bbox.of("bbox", v[0], v[1], v[2], v[3]);
        }
        if (v[0] > v[2] || v[1] > v[3]) {
            throw new InvalidParameterException("bbox", "bbox lower corner must not exceed the upper corner");
        }
        GeometryFactory factory = new GeometryFactory();
        Geometry box = AxisOrder.fromAuthority(crs, factory.toGeometry(new Envelope(v[0], v[2], v[1], v[3])));
        Envelope e = box.getEnvelopeInternal();
        // Projected edges are curves in lon/lat: densify so the envelope covers them.
        Geometry lonLat = crs.toLonLat(Densifier.densify(box, Math.max(e.getWidth(), e.getHeight()) / 32));
        Envelope ll = lonLat.getEnvelopeInternal();
        if (!Double.isFinite(ll.getMinX()) || !Double.isFinite(ll.getMaxY())) {
            throw new InvalidParameterException("bbox", "bbox lies outside the area where " + crs.id() + " is defined");
        }
        return Bbox.of("bbox", ll);
    }

    /** A 3D bbox (six numbers) is accepted; its heights are not used. */
    private static String sixToFour(String text) {
        String[] parts = text.split(",", -1);
        return parts.length == 6 ? String.join(",", parts[0], parts[1], parts[3], parts[4]) : text;
    }

    private static double number(String parameter, String text) {
        try {
            double value = Double.parseDouble(text.trim());
            if (Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidParameterException(parameter, parameter + ": '" + text + "' is not a number");
    }

    private static Filter filter(Map<String, String> params) {
        String lang = params.getOrDefault("filter-lang", "cql2-text");
        Filter filter =
                switch (lang) {
                    case "cql2-text" -> Cql2.parseText(params.get("filter"));
                    case "cql2-json" -> Cql2.parseJson(params.get("filter"));
                    // Legacy alias: the pre-release name GDAL 3.6 (Debian 12) sends, with what it writes under it.
                    case LegacyQueryables.CQL_TEXT -> Cql2.parsePreReleaseText(params.get("filter"));
                    default ->
                        throw new InvalidParameterException(
                                "filter-lang", "filter-lang must be cql2-text or cql2-json");
                };
        Crs filterCrs = params.containsKey("filter-crs") ? Crs.of("filter-crs", params.get("filter-crs")) : Crs.CRS84;
        return filter.mapGeometries(g -> filterCrs.toLonLat(AxisOrder.fromAuthority(filterCrs, valid(g, filterCrs))));
    }

    /** A self-intersecting literal would make the database's spatial predicates fail or guess: refuse it, saying where. */
    private static Geometry valid(Geometry literal, Crs crs) {
        TopologyValidationError error = new IsValidOp(literal).getValidationError();
        if (error != null) {
            Coordinate at = error.getCoordinate();
            throw new InvalidParameterException(
                    "filter",
                    "filter: the geometry literal is not valid: " + error.getMessage()
                            + (at == null ? "" : " at (" + at.x + " " + at.y + ") in " + crs.id() + " axis order"));
        }
        return literal;
    }

    /** The sort keys: properties of the layer, backed by a column, that the audience sees. */
    private static List<FeatureQuery.SortKey> sortBy(Layer layer, Audience audience, String text) {
        List<FeatureQuery.SortKey> keys = new ArrayList<>();
        if (text == null) {
            return keys;
        }
        for (String part : text.split(",")) {
            String name = part.trim();
            if (name.isEmpty()) {
                throw new InvalidParameterException("sortby", "sortby has an empty property name");
            }
            boolean ascending = !name.startsWith("-");
            String field = name.startsWith("-") || name.startsWith("+") ? name.substring(1) : name;
            if (layer.field(field, audience).filter(Field::isColumn).isEmpty()) {
                throw new InvalidParameterException(
                        "sortby", "sortby: '" + field + "' is not a sortable property of " + layer.id());
            }
            keys.add(new FeatureQuery.SortKey(field, ascending));
        }
        return keys;
    }

    private static Set<String> properties(Layer layer, Audience audience, String text) {
        Set<String> all = new LinkedHashSet<>(
                layer.fields(audience).stream().map(Field::name).toList());
        if (text == null) {
            return all;
        }
        Set<String> chosen = new LinkedHashSet<>();
        for (String name : text.split(",")) {
            String n = name.trim();
            if (!n.isEmpty() && !all.contains(n)) {
                throw new InvalidParameterException(
                        "properties", "properties: unknown property '" + n + "' of " + layer.id());
            }
            if (!n.isEmpty()) {
                chosen.add(n);
            }
        }
        return chosen;
    }
}
