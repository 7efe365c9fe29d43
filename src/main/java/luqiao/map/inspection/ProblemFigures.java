package luqiao.map.inspection;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import luqiao.map.catalog.Audience;
import luqiao.map.catalog.Layer;
import luqiao.map.geojson.Feature;
import luqiao.map.store.FeatureQuery;
import luqiao.map.store.SpatialStore;
import luqiao.map.store.inspection.InspectionStore;
import luqiao.map.web.AsOf;
import org.springframework.stereotype.Service;

/**
 * The dashboard's 督战 figures: open and overdue problems by department, zone and category, and the projects
 * with the most overdue problems. As of a past day, each problem counts as its recorded changes left it at the
 * end of that day (district time), and only if it had been raised by then.
 */
@Service
class ProblemFigures {

    /** The most zones the zone names are read for (the district has dozens). */
    private static final int MAX_ZONES = 10_000;

    /** One figure as a table: what the JSON lists and the CSV holds, so the two cannot disagree. */
    record Table(String id, List<String> columns, List<List<Object>> rows) {
        static Table of(String id, String... columns) {
            return new Table(id, List.of(columns), new ArrayList<>());
        }

        void row(Object... values) {
            rows.add(Arrays.asList(values));
        }

        /** The rows as objects keyed by column, as the dashboard's figures are answered. */
        Map<String, Object> json() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("id", id);
            out.put("columns", columns);
            out.put(
                    "rows",
                    rows.stream()
                            .map(r -> {
                                Map<String, Object> m = new LinkedHashMap<>();
                                for (int i = 0; i < columns.size(); i++) {
                                    m.put(columns.get(i), r.get(i));
                                }
                                return m;
                            })
                            .toList());
            return out;
        }
    }

    /** A problem as it stood on the day asked for. */
    private record Standing(InspectionStore.Problem problem, String status, boolean overdue) {}

    private final InspectionStore store;
    private final SpatialStore features;
    private final InspectionProperties settings;

    ProblemFigures(InspectionStore store, SpatialStore features, InspectionProperties settings) {
        this.store = store;
        this.features = features;
        this.settings = settings;
    }

    /** Open and overdue problems by department (every configured one), zone and category (every one). */
    List<Table> byGroup(LocalDate asOf) {
        LocalDate day = asOf == null ? AsOf.today() : asOf;
        List<Standing> open = open(asOf, day);
        Map<String, String> zoneOf = zonesOfProjects(open);
        Map<String, String> zoneNames = zoneNames();

        Table byDepartment = Table.of("problems_by_department", "department", "open", "overdue");
        List<String> departments = new ArrayList<>(settings.departments());
        open.stream()
                .map(s -> s.problem().department())
                .distinct()
                .filter(d -> !departments.contains(d))
                .forEach(departments::add);
        for (String d : departments) {
            byDepartment.row(
                    d,
                    count(open, s -> s.problem().department(), d, false),
                    count(open, s -> s.problem().department(), d, true));
        }

        Table byZone = Table.of("problems_by_zone", "zone", "name_zh", "open", "overdue");
        Function<Standing, String> zone = s -> zoneOf.get(s.problem().projectCode());
        open.stream()
                .map(zone)
                .distinct()
                .sorted(Comparator.nullsLast(Comparator.naturalOrder()))
                .forEach(z -> byZone.row(
                        z,
                        z == null ? null : zoneNames.get(z),
                        count(open, zone, z, false),
                        count(open, zone, z, true)));

        Table byCategory = Table.of("problems_by_category", "category", "open", "overdue");
        for (String c : ProblemList.CATEGORIES) {
            byCategory.row(
                    c,
                    count(open, s -> s.problem().category(), c, false),
                    count(open, s -> s.problem().category(), c, true));
        }
        return List.of(byDepartment, byZone, byCategory);
    }

    /** The projects with overdue problems, most overdue problems first (then the longest overdue), at most {@code limit}. */
    Table duzhan(LocalDate asOf, int limit) {
        LocalDate day = asOf == null ? AsOf.today() : asOf;
        List<Standing> open = open(asOf, day);
        Map<String, String> zoneOf = zonesOfProjects(open);
        Map<String, String> zoneNames = zoneNames();
        Map<String, List<Standing>> byProject = new LinkedHashMap<>();
        open.forEach(s -> byProject
                .computeIfAbsent(s.problem().projectCode(), c -> new ArrayList<>())
                .add(s));
        record Line(String code, String name, int overdue, int open, LocalDate oldestDue) {}
        List<Line> lines = new ArrayList<>();
        byProject.forEach((code, list) -> {
            List<Standing> late = list.stream().filter(Standing::overdue).toList();
            if (!late.isEmpty()) {
                lines.add(new Line(
                        code,
                        list.get(0).problem().projectName(),
                        late.size(),
                        list.size(),
                        late.stream()
                                .map(s -> s.problem().dueDate())
                                .min(Comparator.naturalOrder())
                                .orElseThrow()));
            }
        });
        lines.sort(Comparator.comparingInt(Line::overdue)
                .reversed()
                .thenComparing(Line::oldestDue)
                .thenComparing(Line::code));
        Table table = Table.of(
                "duzhan",
                "project",
                "name_zh",
                "zone",
                "zone_name_zh",
                "overdue",
                "open",
                "oldest_due",
                "max_days_overdue");
        lines.stream()
                .limit(limit)
                .forEach(l -> table.row(
                        l.code(),
                        l.name(),
                        zoneOf.get(l.code()),
                        zoneOf.get(l.code()) == null ? null : zoneNames.get(zoneOf.get(l.code())),
                        l.overdue(),
                        l.open(),
                        l.oldestDue().toString(),
                        ChronoUnit.DAYS.between(l.oldestDue(), day)));
        return table;
    }

    /** The problems open at the end of {@code day}: today's statuses, or as the recorded changes left them then. */
    private List<Standing> open(LocalDate asOf, LocalDate day) {
        Map<Long, String> statusThen = new HashMap<>();
        if (asOf != null) {
            Instant end = day.plusDays(1).atStartOfDay(AsOf.DISTRICT_TIME).toInstant();
            for (InspectionStore.Event e : store.allEvents()) {
                if (e.at().isBefore(end)) {
                    statusThen.put(e.problemId(), e.toStatus());
                }
            }
        }
        List<Standing> open = new ArrayList<>();
        for (InspectionStore.Problem p : store.problems()) {
            String status = asOf == null ? p.status() : statusThen.get(p.id());
            if (status != null && !status.equals(ProblemStatus.CLOSED.label())) {
                open.add(new Standing(p, status, ProblemList.overdue(status, p.dueDate(), day)));
            }
        }
        return open;
    }

    private static long count(List<Standing> open, Function<Standing, String> key, String value, boolean overdue) {
        return open.stream()
                .filter(s -> java.util.Objects.equals(key.apply(s), value) && (!overdue || s.overdue()))
                .count();
    }

    /** The zone of each project the problems are about (the projects layer's computed zone). */
    private Map<String, String> zonesOfProjects(List<Standing> open) {
        Map<String, String> zones = new HashMap<>();
        open.stream().map(s -> s.problem().projectCode()).distinct().forEach(code -> features.get(
                        Layer.PROJECTS, code, Audience.STAFF)
                .ifPresent(f -> zones.put(code, (String) f.properties().get("zone"))));
        return zones;
    }

    private Map<String, String> zoneNames() {
        Map<String, String> names = new HashMap<>();
        for (Feature z : features.find(Layer.ZONES, FeatureQuery.page(Audience.STAFF, null, MAX_ZONES, 0))
                .features()) {
            names.put(z.id(), (String) z.properties().get("name_zh"));
        }
        return names;
    }
}
