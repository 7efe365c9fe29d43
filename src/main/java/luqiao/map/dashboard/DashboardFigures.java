package luqiao.map.dashboard;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import luqiao.map.catalog.Audience;
import luqiao.map.catalog.Layer;
import luqiao.map.catalog.PublicPolicy;
import luqiao.map.cql2.Cql2;
import luqiao.map.geojson.Feature;
import luqiao.map.geometry.AreaUnits;
import luqiao.map.store.FeatureQuery;
import luqiao.map.store.GroupTotal;
import luqiao.map.store.SpatialStore;
import org.springframework.stereotype.Service;

/**
 * The dashboard's figures, each a table computed by grouped SQL through the store, for the
 * caller's audience: the public counts and sums public projects only (开工, 竣工; the internal
 * stages are not even listed), planners every project. Land figures are the stored ground areas of
 * the parcels (every audience sees parcel status, renovation and town; the owner is never used).
 * A project's zone and town are those of {@link Layer#PROJECTS}; a parcel counts, whole, for
 * each zone the audience may see that contains its interior point.
 */
@Service
class DashboardFigures {

    static final List<String> CATEGORIES = List.of("产业转型", "城市提能", "民生优享", "绿色生态");
    static final List<String> STATUSES = List.of("做地", "储备", "出让", "已供");
    static final List<String> RENOVATIONS = List.of("改造提升", "盘活置换", "倒逼腾退");
    static final List<String> IDS = List.of(
            "projects_by_stage",
            "projects_by_category",
            "projects_by_zone",
            "projects_by_town",
            "project_targets",
            "land_by_status",
            "land_status_by_town",
            "land_status_by_zone",
            "land_by_renovation",
            "land_renovation_by_town",
            "land_renovation_by_zone");

    private final SpatialStore store;
    private final DashboardProperties settings;
    private final PublicPolicy policy;

    DashboardFigures(SpatialStore store, DashboardProperties settings, PublicPolicy policy) {
        this.store = store;
        this.settings = settings;
        this.policy = policy;
    }

    /** Every figure, in {@link #IDS} order. */
    List<Figure> all(Audience audience, LocalDate asOf) {
        return IDS.stream().map(id -> compute(id, audience, asOf)).toList();
    }

    /** The figure called {@code id}; empty when there is none. */
    Optional<Figure> one(String id, Audience audience, LocalDate asOf) {
        return IDS.contains(id) ? Optional.of(compute(id, audience, asOf)) : Optional.empty();
    }

    private Figure compute(String id, Audience audience, LocalDate asOf) {
        return switch (id) {
            case "projects_by_stage" -> projectsBy(id, "stage", policy.stages(audience), audience, asOf);
            case "projects_by_category" -> projectsBy(id, "category", CATEGORIES, audience, asOf);
            case "projects_by_zone" -> projectsByZone(audience, asOf);
            case "projects_by_town" -> projectsBy(id, "town", null, audience, asOf);
            case "project_targets" -> projectTargets(audience, asOf);
            case "land_by_status" -> landByStatus(audience);
            case "land_status_by_town" -> landBy(id, "town", "status", STATUSES, null, audience);
            case "land_status_by_zone" -> landByZone(id, "status", STATUSES, null, audience);
            case "land_by_renovation" -> landByRenovation(audience);
            case "land_renovation_by_town" ->
                landBy(id, "town", "renovation", RENOVATIONS, "renovation IS NOT NULL", audience);
            case "land_renovation_by_zone" ->
                landByZone(id, "renovation", RENOVATIONS, "renovation IS NOT NULL", audience);
            default -> throw new IllegalArgumentException("no figure " + id);
        };
    }

    /** The town of every project the audience may see, by project code (projects carry no town of their own). */
    Map<String, String> projectTowns(Audience audience, LocalDate asOf) {
        Map<String, String> towns = new java.util.TreeMap<>();
        FeatureQuery query = new FeatureQuery(audience, null, null, null, List.of(), 1, 0).withAsOf(asOf);
        store.totals(Layer.PROJECTS, query, List.of(Layer.PROJECTS.idColumn(), "town"), null)
                .forEach(t -> towns.put(t.key(0), t.key(1)));
        return towns;
    }

    // ---------------------------------------------------------------- projects

    /** Count and investment per value of a project field; {@code order} lists every value shown (null: as found). */
    private Figure projectsBy(String id, String field, List<String> order, Audience audience, LocalDate asOf) {
        Figure figure = Figure.of(id, field, "count", "investment_wan");
        List<GroupTotal> totals = projects(audience, asOf, null, field);
        for (String key : order == null ? keys(totals, 0) : order) {
            GroupTotal t = find(totals, key);
            figure.row(key, t == null ? 0 : t.count(), wan(t == null ? 0 : t.sum()));
        }
        return figure;
    }

    private Figure projectsByZone(Audience audience, LocalDate asOf) {
        Figure figure = Figure.of("projects_by_zone", "zone", "name_zh", "name_en", "count", "investment_wan");
        Map<String, Feature> zones = zones(audience);
        for (GroupTotal t : projects(audience, asOf, null, "zone")) {
            Feature zone = t.key(0) == null ? null : zones.get(t.key(0));
            figure.row(
                    t.key(0),
                    zone == null ? null : zone.properties().get("name_zh"),
                    zone == null ? null : zone.properties().get("name_en"),
                    t.count(),
                    wan(t.sum()));
        }
        return figure;
    }

    /** All projects, those of 1亿元+ and 50亿元+, and the plan year's new starts, with the plan's targets. */
    private Figure projectTargets(Audience audience, LocalDate asOf) {
        Figure figure = Figure.of("project_targets", "measure", "threshold_wan", "count", "investment_wan", "target");
        int year = settings.planYear();
        List<GroupTotal> all = projects(audience, asOf, null);
        figure.row("all", null, count(all), wan(sum(all)), null);
        List<GroupTotal> large = projects(audience, asOf, "investment_wan >= " + settings.largeProjectWan());
        figure.row("large", settings.largeProjectWan(), count(large), wan(sum(large)), null);
        List<GroupTotal> major = projects(audience, asOf, "investment_wan >= " + settings.majorProjectWan());
        figure.row("major", settings.majorProjectWan(), count(major), wan(sum(major)), settings.majorProjectsTarget());
        List<GroupTotal> starts = projects(
                audience,
                asOf,
                "actual_start >= DATE('" + year + "-01-01') AND actual_start <= DATE('" + year + "-12-31')");
        figure.row("new_starts_" + year, null, count(starts), wan(sum(starts)), settings.newStartsTarget());
        return figure;
    }

    /** Project totals grouped by the fields; {@code filter} is CQL2 text made here from settings, never from a request. */
    private List<GroupTotal> projects(Audience audience, LocalDate asOf, String filter, String... groupBy) {
        FeatureQuery query = new FeatureQuery(
                        audience, null, filter == null ? null : Cql2.parseText(filter), null, List.of(), 1, 0)
                .withAsOf(asOf);
        return store.totals(Layer.PROJECTS, query, List.of(groupBy), "investment_wan");
    }

    // ---------------------------------------------------------------- land

    private Figure landByStatus(Audience audience) {
        Figure figure = Figure.of("land_by_status", "status", "count", "area_m2", "area_mu", "target_mu");
        List<GroupTotal> totals = parcels(audience, null, "status");
        for (String status : STATUSES) {
            GroupTotal t = find(totals, status);
            double m2 = t == null ? 0 : t.sum();
            Double target = settings.landTargetsMu().forStatus(status);
            figure.row(
                    status,
                    t == null ? 0 : t.count(),
                    m2(m2),
                    mu(m2),
                    target == null ? null : BigDecimal.valueOf(target));
        }
        return figure;
    }

    private Figure landByRenovation(Audience audience) {
        Figure figure = Figure.of("land_by_renovation", "renovation", "count", "area_m2", "area_mu");
        List<GroupTotal> totals = parcels(audience, "renovation IS NOT NULL", "renovation");
        for (String type : RENOVATIONS) {
            GroupTotal t = find(totals, type);
            double m2 = t == null ? 0 : t.sum();
            figure.row(type, t == null ? 0 : t.count(), m2(m2), mu(m2));
        }
        return figure;
    }

    /** Area per town and value of {@code field}, values in {@code order}. */
    private Figure landBy(String id, String place, String field, List<String> order, String filter, Audience audience) {
        Figure figure = Figure.of(id, place, field, "count", "area_m2", "area_mu");
        for (GroupTotal t : sortedWithin(parcels(audience, filter, place, field), order)) {
            figure.row(t.key(0), t.key(1), t.count(), m2(t.sum()), mu(t.sum()));
        }
        return figure;
    }

    private Figure landByZone(String id, String field, List<String> order, String filter, Audience audience) {
        Figure figure = Figure.of(id, "zone", "name_zh", "name_en", field, "count", "area_m2", "area_mu");
        Map<String, Feature> zones = zones(audience);
        FeatureQuery query =
                new FeatureQuery(audience, null, filter == null ? null : Cql2.parseText(filter), null, List.of(), 1, 0);
        for (GroupTotal t : sortedWithin(store.totalsByZone(Layer.PARCELS, query, List.of(field), "area_m2"), order)) {
            Feature zone = zones.get(t.key(0));
            figure.row(
                    t.key(0),
                    zone == null ? null : zone.properties().get("name_zh"),
                    zone == null ? null : zone.properties().get("name_en"),
                    t.key(1),
                    t.count(),
                    m2(t.sum()),
                    mu(t.sum()));
        }
        return figure;
    }

    private List<GroupTotal> parcels(Audience audience, String filter, String... groupBy) {
        FeatureQuery query =
                new FeatureQuery(audience, null, filter == null ? null : Cql2.parseText(filter), null, List.of(), 1, 0);
        return store.totals(Layer.PARCELS, query, List.of(groupBy), "area_m2");
    }

    // ---------------------------------------------------------------- helpers

    private Map<String, Feature> zones(Audience audience) {
        Map<String, Feature> byCode = new HashMap<>();
        store.find(Layer.ZONES, FeatureQuery.page(audience, null, 10_000, 0))
                .features()
                .forEach(z -> byCode.put(z.id(), z));
        return byCode;
    }

    /** Groups of (place, value) ordered by place as found, then by the value's place in {@code order}. */
    private static List<GroupTotal> sortedWithin(List<GroupTotal> totals, List<String> order) {
        List<GroupTotal> sorted = new ArrayList<>(totals);
        List<String> places = keys(totals, 0);
        sorted.sort(java.util.Comparator.<GroupTotal>comparingInt(t -> places.indexOf(t.key(0)))
                .thenComparingInt(t -> order.indexOf(t.key(1)) < 0 ? order.size() : order.indexOf(t.key(1))));
        return sorted;
    }

    private static List<String> keys(List<GroupTotal> totals, int index) {
        return totals.stream().map(t -> t.key(index)).distinct().toList();
    }

    private static GroupTotal find(List<GroupTotal> totals, String key) {
        return totals.stream()
                .filter(t -> java.util.Objects.equals(t.key(0), key))
                .findFirst()
                .orElse(null);
    }

    private static long count(List<GroupTotal> totals) {
        return totals.stream().mapToLong(GroupTotal::count).sum();
    }

    private static double sum(List<GroupTotal> totals) {
        return totals.stream().mapToDouble(GroupTotal::sum).sum();
    }

    private static BigDecimal wan(double v) {
        return BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_UP);
    }

    private static BigDecimal m2(double v) {
        return BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_UP);
    }

    private static BigDecimal mu(double m2) {
        return BigDecimal.valueOf(AreaUnits.mu(m2)).setScale(4, RoundingMode.HALF_UP);
    }
}
