package luqiao.map.compliance;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import luqiao.map.catalog.Audience;
import luqiao.map.catalog.PublicPolicy;
import luqiao.map.geojson.Feature;
import luqiao.map.geojson.GeoJsonFeatureSerializer;
import luqiao.map.geometry.AreaUnits;
import luqiao.map.web.Csv;
import luqiao.map.web.InvalidParameterException;
import luqiao.map.web.JsonBodies;
import luqiao.map.web.NotFoundException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * The compliance overlay: every visible project's overlap with protected farmland and with land of
 * a conflicting class (JSON, or one CSV row per conflict), one project's, and the overlapping parts
 * as GeoJSON for the map's conflict layer. Areas in m² and 亩, lengths of line sites in m. Staff only
 * unless the deployment publishes them ({@link PublicPolicy#compliance()}).
 */
@RestController
class ComplianceController {

    private static final List<String> CSV_COLUMNS = List.of(
            "project",
            "name_zh",
            "name_en",
            "category",
            "stage",
            "parcel_no",
            "landuse_code",
            "landuse_name",
            "farmland_protected",
            "landuse_conflict",
            "overlap_m2",
            "overlap_mu",
            "crossing_m");

    private final ComplianceCheck check;
    private final JsonBodies json;
    private final PublicPolicy policy;

    ComplianceController(ComplianceCheck check, JsonBodies json, PublicPolicy policy) {
        this.check = check;
        this.json = json;
        this.policy = policy;
    }

    /**
     * Compliance conflicts are for staff unless published ({@code luqiao.public.compliance}): otherwise the
     * public is answered 404, as for a path that is not there, so it cannot tell that there is something to see.
     */
    private void requireVisible(Audience audience, java.util.function.Supplier<NotFoundException> notFound) {
        if (!policy.seesCompliance(audience)) {
            throw notFound.get();
        }
    }

    @GetMapping("/api/compliance")
    ResponseEntity<?> all(@RequestParam(defaultValue = "json") String format, Audience audience) {
        // As /api/{layer} answers a name that is no layer.
        requireVisible(
                audience,
                () -> new NotFoundException("unknown layer 'compliance'; the layers are zones, projects and parcels"));
        List<ComplianceCheck.ProjectCompliance> all = check.all(audience);
        if (format.equals("csv")) {
            List<List<Object>> rows = new ArrayList<>();
            for (ComplianceCheck.ProjectCompliance pc : all) {
                Map<String, Object> p = pc.project().properties();
                for (ComplianceCheck.Conflict c : pc.conflicts()) {
                    Map<String, Object> q = c.parcel().properties();
                    rows.add(java.util.Arrays.asList(
                            pc.project().id(),
                            p.get("name_zh"),
                            p.get("name_en"),
                            p.get("category"),
                            p.get("stage"),
                            c.parcel().id(),
                            q.get("landuse_code"),
                            q.get("landuse_name"),
                            c.farmland(),
                            c.landuse(),
                            round(c.areaM2(), 2),
                            round(AreaUnits.mu(c.areaM2()), 4),
                            round(c.lengthM(), 2)));
                }
            }
            return Csv.download("compliance.csv", CSV_COLUMNS, rows);
        }
        if (!format.equals("json")) {
            throw new InvalidParameterException("format", "format must be json or csv");
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        Map<String, Object> rules = new TreeMap<>();
        ComplianceRules.CONFLICTING_CLASSES.forEach(
                (category, classes) -> rules.put(category, new java.util.TreeSet<>(classes)));
        answer.put(
                "rules", Map.of("farmland_protected", "conflicts with every category", "landuse_l1_conflicts", rules));
        Map<String, Object> totals = new LinkedHashMap<>();
        totals.put("projects", all.size());
        totals.put(
                "projects_in_conflict",
                all.stream().filter(pc -> !pc.conflicts().isEmpty()).count());
        areas(
                totals,
                "farmland_",
                all.stream()
                        .mapToDouble(ComplianceCheck.ProjectCompliance::farmlandM2)
                        .sum());
        areas(
                totals,
                "landuse_",
                all.stream()
                        .mapToDouble(ComplianceCheck.ProjectCompliance::landuseM2)
                        .sum());
        areas(
                totals,
                "total_",
                all.stream()
                        .mapToDouble(ComplianceCheck.ProjectCompliance::totalM2)
                        .sum());
        answer.put("totals", totals);
        answer.put("projects", all.stream().map(ComplianceController::project).toList());
        return ResponseEntity.ok(answer);
    }

    @GetMapping("/api/compliance/{projectId}")
    Map<String, Object> one(@PathVariable String projectId, Audience audience) {
        requireVisible(audience, () -> new NotFoundException("no project '" + projectId + "'"));
        return project(check.of(projectId, audience)
                .orElseThrow(() -> new NotFoundException("no project '" + projectId + "'")));
    }

    /** The overlapping parts (polygon sites), parcels (point sites) and crossings (line sites), for the map. */
    @GetMapping("/api/compliance/areas")
    ResponseEntity<byte[]> areas(Audience audience) {
        requireVisible(audience, () -> new NotFoundException("no project 'areas'"));
        List<Feature> features = new ArrayList<>();
        for (ComplianceCheck.ProjectCompliance pc : check.all(audience)) {
            for (ComplianceCheck.Conflict c : pc.conflicts()) {
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("project", pc.project().id());
                p.put("name_zh", pc.project().properties().get("name_zh"));
                p.put("name_en", pc.project().properties().get("name_en"));
                p.put("category", pc.project().properties().get("category"));
                p.put("parcel_no", c.parcel().id());
                p.put("landuse_code", c.parcel().properties().get("landuse_code"));
                p.put("landuse_name", c.parcel().properties().get("landuse_name"));
                p.put("farmland_protected", c.farmland());
                p.put("landuse_conflict", c.landuse());
                p.put("crossing_m", BigDecimal.valueOf(c.lengthM()));
                p.put("area_m2", BigDecimal.valueOf(c.areaM2()));
                features.add(new Feature(pc.project().id() + "/" + c.parcel().id(), p, c.overlap()));
            }
        }
        return json.ok(JsonBodies.GEO_JSON, new Areas("FeatureCollection", features, features.size()));
    }

    /** The conflict areas: a FeatureCollection with its count after the features. */
    record Areas(
            String type,
            @JsonSerialize(contentUsing = GeoJsonFeatureSerializer.class) List<Feature> features,
            int numberReturned) {}

    private static Map<String, Object> project(ComplianceCheck.ProjectCompliance pc) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> p = pc.project().properties();
        out.put("id", pc.project().id());
        for (String name : List.of("name_zh", "name_en", "category", "stage")) {
            out.put(name, p.get(name));
        }
        out.put("site", pc.project().geometry().getGeometryType());
        areas(out, "farmland_", pc.farmlandM2());
        areas(out, "landuse_", pc.landuseM2());
        areas(out, "total_", pc.totalM2());
        out.put(
                "conflicts",
                pc.conflicts().stream()
                        .map(c -> {
                            Map<String, Object> row = new LinkedHashMap<>();
                            Map<String, Object> q = c.parcel().properties();
                            row.put("parcel_no", c.parcel().id());
                            for (String name : List.of(
                                    "landuse_code",
                                    "landuse_name",
                                    "landuse_l1_code",
                                    "landuse_l1_name",
                                    "status",
                                    "town")) {
                                row.put(name, q.get(name));
                            }
                            row.put("farmland_protected", c.farmland());
                            row.put("landuse_conflict", c.landuse());
                            areas(row, "overlap_", c.areaM2());
                            row.put("crossing_m", round(c.lengthM(), 2));
                            return row;
                        })
                        .toList());
        return out;
    }

    private static void areas(Map<String, Object> out, String prefix, double m2) {
        out.put(prefix + "m2", round(m2, 2));
        out.put(prefix + "mu", round(AreaUnits.mu(m2), 4));
    }

    private static BigDecimal round(double v, int decimals) {
        return BigDecimal.valueOf(v).setScale(decimals, RoundingMode.HALF_UP);
    }
}
