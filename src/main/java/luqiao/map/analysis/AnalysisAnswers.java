package luqiao.map.analysis;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import luqiao.map.geojson.Feature;
import luqiao.map.geojson.GeoJsonGeometrySerializer;
import luqiao.map.geometry.AreaUnits;
import org.locationtech.jts.geom.Geometry;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * The answers of the analysis API as records, serialised by Jackson. A breakdown row is keyed by
 * what it breaks down by ({@code status}, {@code town}, {@code code}…), so rows are ordered maps.
 */
final class AnalysisAnswers {

    private AnalysisAnswers() {}

    /** {@code POST /api/analysis/parcels}. */
    record Parcels(
            String crs,
            Filter filter,
            Map<String, Object> area,
            Map<String, Object> total,
            List<Map<String, Object>> by_landuse,
            List<Map<String, Object>> by_status,
            List<Map<String, Object>> by_town,
            ParcelCollection parcels) {

        /** @param versions each parcel's version, for the parcels' editors (the If-Match of a change); else empty */
        static Parcels of(
                String crs, Filter filter, ParcelReport report, boolean withGeometry, Map<String, Long> versions) {
            List<ParcelFeature> features = report.parcels().stream()
                    .map(s -> ParcelFeature.of(
                            s, withGeometry, versions.get(s.parcel().id())))
                    .toList();
            return new Parcels(
                    crs,
                    filter,
                    areas("", report.areaM2()),
                    tally(report.total(), null, false),
                    byLanduse(report),
                    rows(report.byStatus(), "status"),
                    rows(report.byTown(), "town"),
                    new ParcelCollection("FeatureCollection", features.size(), features));
        }
    }

    record Filter(String zone, Set<String> landuse, Set<String> status) {}

    record ParcelCollection(String type, int numberReturned, List<ParcelFeature> features) {}

    /** A parcel in the drawn area: its own area and the part inside, in m², 亩 and hectares. */
    record ParcelFeature(
            String type,
            String id,
            @JsonSerialize(using = GeoJsonGeometrySerializer.class) Geometry geometry,
            Map<String, Object> properties) {

        static ParcelFeature of(ParcelReport.Share share, boolean withGeometry, Long version) {
            Feature f = share.parcel();
            Map<String, Object> properties = new LinkedHashMap<>();
            f.properties().forEach((name, value) -> properties.put(name, plain(value)));
            properties.remove("area_m2");
            properties.putAll(areas("area_", share.areaM2()));
            properties.putAll(areas("intersected_", share.intersectedM2()));
            if (version != null) {
                properties.put("version", version);
            }
            return new ParcelFeature("Feature", f.id(), withGeometry ? f.geometry() : null, properties);
        }
    }

    /** {@code POST /api/analysis/measure}. */
    record Measure(BigDecimal length_m, BigDecimal area_m2, BigDecimal area_mu, BigDecimal area_ha) {

        static Measure of(double lengthM, double areaM2) {
            return new Measure(
                    round(lengthM, 2),
                    round(areaM2, 2),
                    round(AreaUnits.mu(areaM2), 4),
                    round(AreaUnits.hectares(areaM2), 6));
        }
    }

    /** {@code GET /api/stats/zones/{id}}. */
    record ZoneStats(
            Map<String, Object> zone, Projects projects, Map<String, Object> parcels, Map<String, Object> renovation) {

        static ZoneStats of(ZoneStatistics.Stats stats) {
            Map<String, Object> zone = new LinkedHashMap<>();
            zone.put("id", stats.zone().id());
            for (String name : List.of("name_zh", "name_en", "kind")) {
                zone.put(name, plain(stats.zone().properties().get(name)));
            }
            zone.putAll(areas("area_", stats.parcels().areaM2()));

            Map<String, Object> parcels = new LinkedHashMap<>();
            parcels.put("count", stats.parcels().total().count());
            parcels.putAll(areas("", stats.parcels().total().areaM2()));
            parcels.put("by_landuse", byLanduse(stats.parcels()));
            parcels.put("by_status", rows(stats.parcels().byStatus(), "status"));
            parcels.put("by_town", rows(stats.parcels().byTown(), "town"));

            Map<String, Object> renovation = new LinkedHashMap<>();
            renovation.put("count", stats.renovation().count());
            renovation.putAll(areas("", stats.renovation().areaM2()));
            renovation.put(
                    "by_type",
                    stats.renovation().children().stream()
                            .map(type -> {
                                Map<String, Object> row = tally(type, "type", false);
                                row.put("by_status", rows(type.children(), "status"));
                                return row;
                            })
                            .toList());

            return new ZoneStats(
                    zone,
                    new Projects(
                            stats.projects().count(),
                            investment(stats.projects().investmentWan()),
                            projectRows(stats.byStage(), "stage"),
                            projectRows(stats.byCategory(), "category")),
                    parcels,
                    renovation);
        }
    }

    record Projects(
            long count,
            BigDecimal investment_wan,
            List<Map<String, Object>> by_stage,
            List<Map<String, Object>> by_category) {}

    private static List<Map<String, Object>> byLanduse(ParcelReport report) {
        return report.byLanduse().stream()
                .map(l1 -> {
                    Map<String, Object> row = tally(l1, "code", true);
                    row.put(
                            "classes",
                            l1.children().stream()
                                    .map(l2 -> tally(l2, "code", true))
                                    .toList());
                    return row;
                })
                .toList();
    }

    private static List<Map<String, Object>> rows(List<Tally> tallies, String keyName) {
        return tallies.stream().map(t -> tally(t, keyName, false)).toList();
    }

    /** {key: …, (name: …), count, area_m2, area_mu, area_ha}; no key when {@code keyName} is null. */
    private static Map<String, Object> tally(Tally t, String keyName, boolean withName) {
        Map<String, Object> row = new LinkedHashMap<>();
        if (keyName != null) {
            row.put(keyName, t.key());
        }
        if (withName) {
            row.put("name", t.name());
        }
        row.put("count", t.count());
        row.putAll(areas("", t.areaM2()));
        return row;
    }

    private static List<Map<String, Object>> projectRows(List<Tally> tallies, String keyName) {
        return tallies.stream()
                .map(t -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put(keyName, t.key());
                    row.put("count", t.count());
                    row.put("investment_wan", investment(t.investmentWan()));
                    return row;
                })
                .toList();
    }

    private static BigDecimal investment(double wan) {
        return round(wan, 2);
    }

    /** {prefix}m2, {prefix}mu, {prefix}ha; the plain names area_m2… when the prefix is empty. */
    static Map<String, Object> areas(String prefix, double m2) {
        String p = prefix.isEmpty() ? "area_" : prefix;
        Map<String, Object> areas = new LinkedHashMap<>();
        areas.put(p + "m2", round(m2, 2));
        areas.put(p + "mu", round(AreaUnits.mu(m2), 4));
        areas.put(p + "ha", round(AreaUnits.hectares(m2), 6));
        return areas;
    }

    /** A stored value as the answers show it: numbers and booleans as such, anything else as text. */
    private static Object plain(Object value) {
        return value == null || value instanceof BigDecimal || value instanceof Boolean ? value : value.toString();
    }

    private static BigDecimal round(double value, int decimals) {
        return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP);
    }
}
