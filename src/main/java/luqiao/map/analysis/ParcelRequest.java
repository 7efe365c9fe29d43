package luqiao.map.analysis;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import luqiao.map.geometry.Crs;
import luqiao.map.web.InvalidParameterException;
import org.locationtech.jts.geom.Geometry;
import tools.jackson.databind.JsonNode;

/**
 * The body of {@code POST /api/analysis/parcels}, checked member by member: the query polygon (in
 * {@code crs}), and the optional zone, land-use codes and statuses it is narrowed by. Anything else
 * is a 400 naming the member.
 */
record ParcelRequest(Crs crs, Geometry area, String zone, Set<String> landuse, Set<String> status) {

    private static final Set<String> MEMBERS = Set.of("geometry", "crs", "zone", "landuse", "status");

    static ParcelRequest read(JsonNode body, int maxVertices) {
        for (String name : body.propertyNames()) {
            if (!MEMBERS.contains(name)) {
                throw new InvalidParameterException(
                        name,
                        "unknown member '" + name
                                + "'; the request members are geometry, crs, zone, landuse and status");
            }
        }
        Crs crs = present(body, "crs") ? Crs.of("crs", text(body.get("crs"), "crs")) : Crs.CRS84;
        Geometry area = QueryGeometry.polygonal(body.get("geometry"), crs, maxVertices);
        String zone = present(body, "zone") ? text(body.get("zone"), "zone") : null;
        Set<String> landuse = codes(
                body.get("landuse"),
                "landuse",
                "\\d{2}|\\d{4}",
                "a land-use code of level 1 (2 digits, e.g. 07) or level 2 (4 digits, e.g. 0701)");
        Set<String> status = codes(
                body.get("status"),
                "status",
                String.join("|", ParcelFilter.STATUSES),
                "one of " + String.join(", ", ParcelFilter.STATUSES));
        return new ParcelRequest(crs, area, zone, landuse, status);
    }

    /** The same request over another area (the polygon cut to a zone). */
    ParcelRequest within(Geometry narrowed) {
        return new ParcelRequest(crs, narrowed, zone, landuse, status);
    }

    private static boolean present(JsonNode body, String member) {
        return body.has(member) && !body.get(member).isNull();
    }

    /** A member that must be a JSON string. */
    static String text(JsonNode node, String parameter) {
        if (!node.isString()) {
            throw new InvalidParameterException(parameter, parameter + " must be a string");
        }
        return node.asString();
    }

    private static Set<String> codes(JsonNode node, String parameter, String pattern, String what) {
        Set<String> values = new LinkedHashSet<>();
        if (node == null || node.isNull()) {
            return values;
        }
        for (JsonNode item : node.isArray() ? node : List.of(node)) {
            if (!item.isString() || !item.asString().matches(pattern)) {
                throw new InvalidParameterException(parameter, parameter + ": " + item + " is not " + what);
            }
            values.add(item.asString());
        }
        return values;
    }
}
