package luqiao.map.analysis;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import jakarta.servlet.http.HttpServletRequest;
import luqiao.map.catalog.Audience;
import luqiao.map.catalog.Layer;
import luqiao.map.geometry.AreaUnits;
import luqiao.map.geometry.Crs;
import luqiao.map.geometry.GroundMeasure;
import luqiao.map.geometry.LonLat;
import luqiao.map.web.AsOf;
import luqiao.map.geojson.Feature;
import luqiao.map.store.SpatialStore;
import luqiao.map.geojson.GeoJsonWriter;
import luqiao.map.web.InvalidParameterException;
import org.locationtech.jts.geom.Geometry;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The analysis API: parcels in a drawn polygon with area totals, projects near a position, and the
 * figures of a zone. Every answer is limited to what the caller's {@link Audience} may see.
 */
@RestController
class AnalysisController {

    private static final MediaType GEO_JSON = MediaType.parseMediaType("application/geo+json");
    private static final Set<String> PARCEL_REQUEST_MEMBERS = Set.of("geometry", "crs", "zone", "landuse", "status");

    private final ParcelAnalysis parcels;
    private final NearProjects near;
    private final ZoneStatistics zones;
    private final SpatialStore store;
    private final ObjectMapper json;
    private final AnalysisProperties limits;

    AnalysisController(ParcelAnalysis parcels, NearProjects near, ZoneStatistics zones, SpatialStore store,
                       ObjectMapper json, AnalysisProperties limits) {
        this.parcels = parcels;
        this.near = near;
        this.zones = zones;
        this.store = store;
        this.json = json;
        this.limits = limits;
    }

    @PostMapping("/api/analysis/parcels")
    ResponseEntity<byte[]> parcels(HttpServletRequest request,
                                   @RequestParam(name = "geometry", defaultValue = "false") boolean withGeometry,
                                   Audience audience) throws IOException {
        JsonNode body = readBody(request);
        for (String name : body.propertyNames()) {
            if (!PARCEL_REQUEST_MEMBERS.contains(name)) {
                throw new InvalidParameterException(name, "unknown member '" + name + "'; the request members are "
                        + "geometry, crs, zone, landuse and status");
            }
        }
        Crs crs = body.has("crs") && !body.get("crs").isNull() ? Crs.of("crs", text(body.get("crs"), "crs")) : Crs.CRS84;
        Geometry area = QueryGeometry.polygonal(body.get("geometry"), crs, limits.maxVertices());
        String zone = null;
        if (body.has("zone") && !body.get("zone").isNull()) {
            zone = text(body.get("zone"), "zone");
            String code = zone;
            Feature z = store.get(Layer.ZONES, code, audience).orElseThrow(() ->
                    new InvalidParameterException("zone", "zone: there is no public zone '" + code + "'"));
            area = ParcelAnalysis.polygonalIntersection(area, z.geometry());
        }
        Set<String> landuse = codes(body.get("landuse"), "landuse", "\\d{2}|\\d{4}",
                "a land-use code of level 1 (2 digits, e.g. 07) or level 2 (4 digits, e.g. 0701)");
        Set<String> status = codes(body.get("status"), "status", String.join("|", ParcelFilter.STATUSES),
                "one of " + String.join(", ", ParcelFilter.STATUSES));
        ParcelReport report = parcels.analyse(area, new ParcelFilter(landuse, status), audience);
        String zoneCode = zone;
        return json(MediaType.APPLICATION_JSON, out -> {
            out.writeStartObject();
            out.writeStringProperty("crs", crs.id());
            out.writeObjectPropertyStart("filter");
            out.writeStringProperty("zone", zoneCode);
            strings(out, "landuse", landuse);
            strings(out, "status", status);
            out.writeEndObject();
            out.writeObjectPropertyStart("area");
            areas(out, "", report.areaM2());
            out.writeEndObject();
            out.writeName("total");
            tally(out, report.total(), null, false);
            parcelBreakdowns(out, report);
            out.writeObjectPropertyStart("parcels");
            out.writeStringProperty("type", "FeatureCollection");
            out.writeNumberProperty("numberReturned", report.parcels().size());
            out.writeArrayPropertyStart("features");
            for (ParcelReport.Share share : report.parcels()) {
                Map<String, Object> properties = new LinkedHashMap<>(share.parcel().properties());
                properties.remove("area_m2");
                Feature f = share.parcel();
                out.writeStartObject();
                out.writeStringProperty("type", "Feature");
                out.writeStringProperty("id", f.id());
                out.writeName("geometry");
                if (withGeometry) {
                    GeoJsonWriter.writeGeometry(out, f.geometry());
                } else {
                    out.writeNull();
                }
                out.writeObjectPropertyStart("properties");
                for (Map.Entry<String, Object> e : properties.entrySet()) {
                    value(out, e.getKey(), e.getValue());
                }
                areas(out, "area_", share.areaM2());
                areas(out, "intersected_", share.intersectedM2());
                out.writeEndObject();
                out.writeEndObject();
            }
            out.writeEndArray();
            out.writeEndObject();
            out.writeEndObject();
        });
    }

    /**
     * Ground length and area of a drawn line or polygon, measured as every other figure of the
     * server is (WGS 84 ellipsoid, GeographicLib), so the map's measure tool agrees with PostGIS.
     */
    @PostMapping("/api/analysis/measure")
    ResponseEntity<byte[]> measure(HttpServletRequest request) throws IOException {
        JsonNode body = readBody(request);
        Crs crs = body.has("crs") ? Crs.of("crs", text(body.get("crs"), "crs")) : Crs.CRS84;
        Geometry geometry = QueryGeometry.measurable(body.get("geometry"), crs, limits.maxVertices());
        double length = GroundMeasure.lengthM(geometry);
        double area = GroundMeasure.areaM2(geometry);
        return json(MediaType.APPLICATION_JSON, out -> {
            out.writeStartObject();
            out.writeNumberProperty("length_m", round(length, 2));
            out.writeNumberProperty("area_m2", round(area, 2));
            out.writeNumberProperty("area_mu", round(AreaUnits.mu(area), 4));
            out.writeNumberProperty("area_ha", round(AreaUnits.hectares(area), 6));
            out.writeEndObject();
        });
    }

    private static BigDecimal round(double value, int decimals) {
        return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP);
    }

    @GetMapping("/api/projects/near")
    ResponseEntity<byte[]> projectsNear(@RequestParam double lon, @RequestParam double lat,
                                        @RequestParam(name = "radius_m", required = false) Double radiusM,
                                        @RequestParam(required = false) Integer limit,
                                        Audience audience) {
        LonLat position = LonLat.of(lon, lat);
        double radius = radiusM == null ? limits.defaultRadiusM() : radiusM;
        if (!(radius >= 0 && radius <= limits.maxRadiusM())) {
            throw new InvalidParameterException("radius_m",
                    "radius_m must be between 0 and " + plain(limits.maxRadiusM()) + " metres");
        }
        int n = limit == null ? limits.defaultNearLimit() : limit;
        if (n < 1 || n > limits.maxNearLimit()) {
            throw new InvalidParameterException("limit", "limit must be between 1 and " + limits.maxNearLimit());
        }
        List<NearProjects.Near> found = near.near(position.lon(), position.lat(), radius, n, audience);
        return json(GEO_JSON, out -> {
            out.writeStartObject();
            out.writeStringProperty("type", "FeatureCollection");
            out.writeNumberProperty("numberReturned", found.size());
            out.writeArrayPropertyStart("features");
            for (NearProjects.Near hit : found) {
                Map<String, Object> properties = new LinkedHashMap<>(hit.project().properties());
                properties.put("distance_m", BigDecimal.valueOf(hit.distanceM()));
                GeoJsonWriter.writeFeature(out, new Feature(hit.project().id(), properties, hit.project().geometry()));
            }
            out.writeEndArray();
            out.writeEndObject();
        });
    }

    @GetMapping("/api/stats/zones/{id}")
    ResponseEntity<byte[]> zoneStats(@PathVariable String id,
                                     @RequestParam(name = AsOf.PARAMETER, required = false) String asOf, Audience audience) {
        ZoneStatistics.Stats stats = zones.of(id, audience, AsOf.parse(asOf, Layer.PROJECTS));
        return json(MediaType.APPLICATION_JSON, out -> {
            out.writeStartObject();
            out.writeObjectPropertyStart("zone");
            out.writeStringProperty("id", stats.zone().id());
            for (String name : List.of("name_zh", "name_en", "kind")) {
                value(out, name, stats.zone().properties().get(name));
            }
            areas(out, "area_", stats.parcels().areaM2());
            out.writeEndObject();

            out.writeObjectPropertyStart("projects");
            out.writeNumberProperty("count", stats.projects().count());
            investment(out, stats.projects().investmentWan());
            out.writeArrayPropertyStart("by_stage");
            stats.byStage().forEach(t -> projectTally(out, "stage", t));
            out.writeEndArray();
            out.writeArrayPropertyStart("by_category");
            stats.byCategory().forEach(t -> projectTally(out, "category", t));
            out.writeEndArray();
            out.writeEndObject();

            out.writeName("parcels");
            out.writeStartObject();
            out.writeNumberProperty("count", stats.parcels().total().count());
            areas(out, "", stats.parcels().total().areaM2());
            parcelBreakdowns(out, stats.parcels());
            out.writeEndObject();

            out.writeObjectPropertyStart("renovation");
            out.writeNumberProperty("count", stats.renovation().count());
            areas(out, "", stats.renovation().areaM2());
            out.writeArrayPropertyStart("by_type");
            for (Tally type : stats.renovation().children()) {
                out.writeStartObject();
                out.writeStringProperty("type", type.key());
                out.writeNumberProperty("count", type.count());
                areas(out, "", type.areaM2());
                out.writeArrayPropertyStart("by_status");
                type.children().forEach(s -> tally(out, s, "status", false));
                out.writeEndArray();
                out.writeEndObject();
            }
            out.writeEndArray();
            out.writeEndObject();
            out.writeEndObject();
        });
    }

    private static void parcelBreakdowns(JsonGenerator out, ParcelReport report) {
        out.writeArrayPropertyStart("by_landuse");
        for (Tally l1 : report.byLanduse()) {
            out.writeStartObject();
            out.writeStringProperty("code", l1.key());
            out.writeStringProperty("name", l1.name());
            out.writeNumberProperty("count", l1.count());
            areas(out, "", l1.areaM2());
            out.writeArrayPropertyStart("classes");
            l1.children().forEach(l2 -> tally(out, l2, "code", true));
            out.writeEndArray();
            out.writeEndObject();
        }
        out.writeEndArray();
        out.writeArrayPropertyStart("by_status");
        report.byStatus().forEach(t -> tally(out, t, "status", false));
        out.writeEndArray();
        out.writeArrayPropertyStart("by_town");
        report.byTown().forEach(t -> tally(out, t, "town", false));
        out.writeEndArray();
    }

    /** {"key": …, ("name": …), "count", "area_m2", "area_mu", "area_ha"}; no key when {@code keyName} is null. */
    private static void tally(JsonGenerator out, Tally t, String keyName, boolean withName) {
        out.writeStartObject();
        if (keyName != null) {
            out.writeStringProperty(keyName, t.key());
        }
        if (withName) {
            out.writeStringProperty("name", t.name());
        }
        out.writeNumberProperty("count", t.count());
        areas(out, "", t.areaM2());
        out.writeEndObject();
    }

    private static void projectTally(JsonGenerator out, String keyName, Tally t) {
        out.writeStartObject();
        out.writeStringProperty(keyName, t.key());
        out.writeNumberProperty("count", t.count());
        investment(out, t.investmentWan());
        out.writeEndObject();
    }

    private static void investment(JsonGenerator out, double wan) {
        out.writeNumberProperty("investment_wan", BigDecimal.valueOf(wan).setScale(2, RoundingMode.HALF_UP));
    }

    /** {prefix}m2, {prefix}mu, {prefix}ha; the plain names area_m2… when the prefix is empty. */
    private static void areas(JsonGenerator out, String prefix, double m2) {
        String p = prefix.isEmpty() ? "area_" : prefix;
        out.writeNumberProperty(p + "m2", BigDecimal.valueOf(m2).setScale(2, RoundingMode.HALF_UP));
        out.writeNumberProperty(p + "mu", BigDecimal.valueOf(AreaUnits.mu(m2)).setScale(4, RoundingMode.HALF_UP));
        out.writeNumberProperty(p + "ha", BigDecimal.valueOf(AreaUnits.hectares(m2)).setScale(6, RoundingMode.HALF_UP));
    }

    private static void value(JsonGenerator out, String name, Object value) {
        out.writeName(name);
        if (value == null) {
            out.writeNull();
        } else if (value instanceof BigDecimal number) {
            out.writeNumber(number);
        } else if (value instanceof Boolean b) {
            out.writeBoolean(b);
        } else {
            out.writeString(value.toString());
        }
    }

    private static void strings(JsonGenerator out, String name, Set<String> values) {
        out.writeArrayPropertyStart(name);
        values.forEach(out::writeString);
        out.writeEndArray();
    }

    /** The request body as JSON; 413 beyond the configured size, 400 naming {@code body} when not a JSON object. */
    private JsonNode readBody(HttpServletRequest request) throws IOException {
        long max = limits.maxBodySize().toBytes();
        if (request.getContentLengthLong() > max) {
            throw tooLarge(max);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (InputStream in = request.getInputStream()) {
            byte[] buffer = new byte[64 * 1024];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                bytes.write(buffer, 0, n);
                if (bytes.size() > max) {
                    throw tooLarge(max);
                }
            }
        }
        if (bytes.size() == 0) {
            throw new InvalidParameterException("body", "body is required: a JSON object with a geometry");
        }
        JsonNode body;
        try {
            body = json.readTree(bytes.toByteArray());
        } catch (JacksonException e) {
            throw new InvalidParameterException("body", "body is not valid JSON: " + e.getOriginalMessage());
        }
        if (body == null || !body.isObject()) {
            throw new InvalidParameterException("body", "body must be a JSON object with a geometry");
        }
        return body;
    }

    private static ResponseStatusException tooLarge(long max) {
        return new ResponseStatusException(HttpStatusCode.valueOf(413),
                "the request body is larger than the " + max + " bytes accepted");
    }

    private static String text(JsonNode node, String parameter) {
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
        Iterable<JsonNode> items = node.isArray() ? node : List.of(node);
        for (JsonNode item : items) {
            if (!item.isString() || !item.asString().matches(pattern)) {
                throw new InvalidParameterException(parameter, parameter + ": " + item + " is not " + what);
            }
            values.add(item.asString());
        }
        return values;
    }

    private static String plain(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    private ResponseEntity<byte[]> json(MediaType type, Consumer<JsonGenerator> body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator out = json.createGenerator(bytes)) {
            body.accept(out);
        }
        return ResponseEntity.ok().contentType(type).body(bytes.toByteArray());
    }
}
