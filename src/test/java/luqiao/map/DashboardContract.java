package luqiao.map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import luqiao.map.support.Caller;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The dashboard's figures over real HTTP, each checked against SQL written here, independently of
 * the server's, on the backend's own database: counts and investment of projects (public and
 * planner views), the plan's thresholds and targets, 亩 of parcels by status and renovation per town
 * and per zone, and the CSV export of every figure.
 */
abstract class DashboardContract extends BackendContract {

    static final String ADMIN = "admin:test-admin-password";
    static final String PUBLIC_STAGES = "('开工', '竣工')";
    static final double M2_PER_MU = 10000.0 / 15.0;

    Caller anonymous;
    Caller planner;

    @BeforeEach
    void callers() {
        anonymous = Caller.anonymous(port);
        planner = newUser(port, "PLANNER");
    }

    /** A new user with the role, signed in with Basic credentials. */
    static Caller newUser(int port, String role) {
        String name = role.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        Caller.Answer created = new Caller(port, ADMIN)
                .send(
                        "POST",
                        "/api/admin/users",
                        "{\"username\":\"" + name + "\",\"password\":\"correct-horse-battery\",\"roles\":[\"" + role
                                + "\"]}");
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return new Caller(port, name + ":correct-horse-battery");
    }

    @Test
    void projectFiguresAreTheDatabasesCountsAndSumsForEachAudience() {
        JsonNode pub = dashboard(anonymous, "PUBLIC");
        JsonNode all = dashboard(planner, "PLANNER");
        for (String field : List.of("stage", "category")) {
            assertRows(
                    pub,
                    "projects_by_" + field,
                    field,
                    "investment_wan",
                    sql("SELECT " + field + ", COUNT(*), SUM(investment_wan) FROM projects WHERE stage IN "
                            + PUBLIC_STAGES + " GROUP BY " + field));
            assertRows(
                    all,
                    "projects_by_" + field,
                    field,
                    "investment_wan",
                    sql("SELECT " + field + ", COUNT(*), SUM(investment_wan) FROM projects GROUP BY " + field));
        }
        assertThat(keys(pub, "projects_by_stage", "stage"))
                .as("the public sees no internal stage")
                .containsExactly("开工", "竣工");
        assertThat(keys(all, "projects_by_stage", "stage")).containsExactly("谋划", "前期", "招引", "开工", "竣工");

        // 1亿元 = 10,000万元; 50亿元 = 500,000万元; new starts: actual start in the plan year 2024.
        for (var view : List.of(Map.entry(pub, " AND stage IN " + PUBLIC_STAGES), Map.entry(all, ""))) {
            Map<String, JsonNode> targets = byKey(view.getKey(), "project_targets", "measure");
            String visible = view.getValue();
            assertMeasure(
                    targets.get("all"), "SELECT COUNT(*), SUM(investment_wan) FROM projects WHERE 1 = 1" + visible);
            assertMeasure(
                    targets.get("large"),
                    "SELECT COUNT(*), SUM(investment_wan) FROM projects WHERE investment_wan >= 10000" + visible);
            assertMeasure(
                    targets.get("major"),
                    "SELECT COUNT(*), SUM(investment_wan) FROM projects WHERE investment_wan >= 500000" + visible);
            assertMeasure(
                    targets.get("new_starts_2024"),
                    "SELECT COUNT(*), SUM(investment_wan) FROM projects"
                            + " WHERE actual_start >= DATE '2024-01-01' AND actual_start <= DATE '2024-12-31'"
                            + visible);
            assertThat(targets.get("major").path("target").asInt()).isEqualTo(1);
            assertThat(targets.get("new_starts_2024").path("target").asInt()).isEqualTo(20);
            assertThat(targets.get("large").path("threshold_wan").asLong()).isEqualTo(10000);
        }
        assertThat(byKey(all, "project_targets", "measure")
                        .get("all")
                        .path("count")
                        .asLong())
                .as("planners count every project")
                .isGreaterThan(byKey(pub, "project_targets", "measure")
                        .get("all")
                        .path("count")
                        .asLong());
        String body = anonymous.get("/api/dashboard").text();
        for (String internal :
                jdbc.queryForList("SELECT code FROM projects WHERE stage NOT IN " + PUBLIC_STAGES, String.class)) {
            assertThat(body).doesNotContain(internal);
        }
    }

    @Test
    void projectsByZoneAndTownFollowTheProjectsZoneAndTheTownOfTheNearestParcel() {
        for (Caller caller : List.of(anonymous, planner)) {
            JsonNode d = dashboard(caller, null);
            Map<String, double[]> byZone = new TreeMap<>();
            for (JsonNode f : caller.get("/api/projects?limit=10000").json().path("features")) {
                JsonNode zone = f.path("properties").path("zone");
                double[] t = byZone.computeIfAbsent(zone.isNull() ? "null" : zone.asString(), k -> new double[2]);
                t[0]++;
                t[1] += f.path("properties").path("investment_wan").asDouble();
            }
            assertThat(table(d, "projects_by_zone", "zone", "investment_wan")).isEqualTo(rounded(byZone));

            // The town written here without the server's search window: nearest parcel to the site's interior point.
            String visible = caller == anonymous ? " WHERE t.stage IN " + PUBLIC_STAGES : "";
            Map<String, double[]> byTown = new TreeMap<>();
            jdbc.query(
                    "SELECT (SELECT p.town FROM parcels p ORDER BY ST_Distance(p.geom, ST_PointOnSurface(t.geom)), p.parcel_no LIMIT 1),"
                            + " t.investment_wan FROM projects t" + visible,
                    rs -> {
                        double[] t = byTown.computeIfAbsent(Objects.toString(rs.getString(1)), k -> new double[2]);
                        t[0]++;
                        t[1] += rs.getDouble(2);
                    });
            assertThat(table(d, "projects_by_town", "town", "investment_wan")).isEqualTo(rounded(byTown));
            assertThat(byTown).doesNotContainKey("null");
            // Each visible project's town, for the map's filter, tallies to the same counts.
            Map<String, Integer> counted = new TreeMap<>();
            d.path("project_towns")
                    .properties()
                    .forEach(e -> counted.merge(e.getValue().asString(), 1, Integer::sum));
            Map<String, Integer> figure = new TreeMap<>();
            d.path("figures")
                    .path("projects_by_town")
                    .path("rows")
                    .forEach(r -> figure.put(
                            r.path("town").asString(), r.path("count").asInt()));
            assertThat(counted).isEqualTo(figure);
            assertThat(d.path("project_towns").size())
                    .isEqualTo(caller.get("/api/projects?limit=10000")
                            .json()
                            .path("numberReturned")
                            .asInt());
        }
    }

    @Test
    void landAreasByStatusAndRenovationPerTownAndZoneAreTheStoredGroundAreas() {
        for (Caller caller : List.of(anonymous, planner)) {
            JsonNode d = dashboard(caller, null);
            assertRows(
                    d,
                    "land_by_status",
                    "status",
                    "area_m2",
                    sql("SELECT status, COUNT(*), SUM(area_m2) FROM parcels GROUP BY status"));
            assertRows(
                    d,
                    "land_by_renovation",
                    "renovation",
                    "area_m2",
                    sql(
                            "SELECT renovation, COUNT(*), SUM(area_m2) FROM parcels WHERE renovation IS NOT NULL GROUP BY renovation"));
            assertThat(table(d, "land_status_by_town", List.of("town", "status"), "area_m2"))
                    .isEqualTo(sql("SELECT town, status, COUNT(*), SUM(area_m2) FROM parcels GROUP BY town, status"));
            assertThat(table(d, "land_renovation_by_town", List.of("town", "renovation"), "area_m2"))
                    .isEqualTo(
                            sql(
                                    "SELECT town, renovation, COUNT(*), SUM(area_m2) FROM parcels WHERE renovation IS NOT NULL GROUP BY town, renovation"));
            String zones = "SELECT z.code, p.%s, COUNT(*), SUM(p.area_m2) FROM parcels p JOIN zones z"
                    + " ON ST_Contains(z.geom, ST_PointOnSurface(p.geom)) WHERE z.kind <> 'district'"
                    + (caller == anonymous ? " AND z.is_public = TRUE" : "") + " %s GROUP BY z.code, p.%s";
            assertThat(table(d, "land_status_by_zone", List.of("zone", "status"), "area_m2"))
                    .isEqualTo(sql(String.format(zones, "status", "", "status")));
            assertThat(table(d, "land_renovation_by_zone", List.of("zone", "renovation"), "area_m2"))
                    .isEqualTo(sql(String.format(zones, "renovation", "AND p.renovation IS NOT NULL", "renovation")));
            for (JsonNode row : d.path("figures").path("land_by_status").path("rows")) {
                assertThat(row.path("area_mu").asDouble())
                        .isCloseTo(row.path("area_m2").asDouble() / M2_PER_MU, within(0.001));
                // The three 1,000-mu actions: 做地, 储备, 出让.
                if (row.path("status").asString().equals("已供")) {
                    assertThat(row.path("target_mu").isNull()).isTrue();
                } else {
                    assertThat(row.path("target_mu").asDouble()).isEqualTo(1000.0);
                }
            }
        }
        String publicZones = anonymous.get("/api/dashboard").text();
        for (String internal : jdbc.queryForList("SELECT code FROM zones WHERE is_public = FALSE", String.class)) {
            assertThat(publicZones)
                    .as("the public dashboard names no internal zone")
                    .doesNotContain("\"" + internal + "\"");
            assertThat(planner.get("/api/dashboard").text()).contains("\"" + internal + "\"");
        }
    }

    @Test
    void everyFigureExportsAsCsvWithTheSameRows() {
        JsonNode d = dashboard(planner, "PLANNER");
        assertThat(d.path("figures").size()).isEqualTo(11);
        for (var figure : d.path("figures").properties()) {
            Caller.Answer csv = planner.get("/api/dashboard/" + figure.getKey() + "?format=csv");
            assertThat(csv.status()).isEqualTo(200);
            assertThat(csv.header("Content-Type")).startsWith("text/csv").containsIgnoringCase("charset=UTF-8");
            assertThat(csv.header("Content-Disposition"))
                    .startsWith("attachment")
                    .contains(figure.getKey() + ".csv");
            byte[] bytes = csv.bytes();
            assertThat(new byte[] {bytes[0], bytes[1], bytes[2]})
                    .as("UTF-8 byte-order mark for Excel")
                    .isEqualTo(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
            String[] lines = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8).split("\r\n");
            List<String> columns = new ArrayList<>();
            figure.getValue().path("columns").forEach(c -> columns.add(c.asString()));
            assertThat(lines[0]).isEqualTo(String.join(",", columns));
            JsonNode rows = figure.getValue().path("rows");
            assertThat(lines).hasSize(rows.size() + 1);
            for (int i = 0; i < rows.size(); i++) {
                // No value of these figures holds a comma or a quote, so a plain split reads the cells.
                String[] cells = lines[i + 1].split(",", -1);
                assertThat(cells).hasSameSizeAs(columns);
                for (int c = 0; c < columns.size(); c++) {
                    JsonNode v = rows.get(i).path(columns.get(c));
                    String where = figure.getKey() + " row " + i + " " + columns.get(c);
                    if (v.isNumber()) {
                        assertThat(new java.math.BigDecimal(cells[c])).as(where).isEqualByComparingTo(v.decimalValue());
                    } else {
                        assertThat(cells[c]).as(where).isEqualTo(v.isNull() ? "" : v.asString());
                    }
                }
            }
            assertThat(planner.get("/api/dashboard/" + figure.getKey()).json().path("rows"))
                    .isEqualTo(rows);
        }
        assertThat(new String(
                        anonymous
                                .get("/api/dashboard/projects_by_stage?format=csv")
                                .bytes(),
                        StandardCharsets.UTF_8))
                .contains("开工")
                .doesNotContain("谋划");
        Caller.Answer unknown = anonymous.get("/api/dashboard/no_such_figure?format=csv");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.header("Content-Type")).startsWith("application/problem+json");
        Caller.Answer badFormat = anonymous.get("/api/dashboard/land_by_status?format=pdf");
        assertThat(badFormat.status()).isEqualTo(400);
        assertThat(badFormat.json().path("parameter").asString()).isEqualTo("format");
    }

    // ---------------------------------------------------------------- helpers

    JsonNode dashboard(Caller caller, String audience) {
        Caller.Answer a = caller.get("/api/dashboard");
        assertThat(a.status()).as(a.text()).isEqualTo(200);
        JsonNode d = a.json();
        if (audience != null) {
            assertThat(d.path("audience").asString()).isEqualTo(audience);
        }
        assertThat(d.path("plan_year").asInt()).isEqualTo(2024);
        return d;
    }

    /** The rows of a one-key figure equal the SQL groups (rows with count 0 stand for groups SQL has not). */
    void assertRows(JsonNode d, String figure, String key, String sum, Map<String, List<Double>> expected) {
        Map<String, List<Double>> actual = table(d, figure, List.of(key), sum);
        actual.values().removeIf(v -> v.get(0) == 0);
        assertThat(actual).as(figure).isEqualTo(expected);
    }

    void assertMeasure(JsonNode row, String sql) {
        Map<String, Object> expected = jdbc.queryForMap(sql);
        List<Object> values = new ArrayList<>(expected.values());
        assertThat(row.path("count").asLong()).as(sql).isEqualTo(((Number) values.get(0)).longValue());
        double sum = values.get(1) == null ? 0 : ((Number) values.get(1)).doubleValue();
        assertThat(row.path("investment_wan").asDouble()).as(sql).isCloseTo(sum, within(0.01));
    }

    Map<String, List<Double>> table(JsonNode d, String figure, String key, String sum) {
        return table(d, figure, List.of(key), sum);
    }

    /** key values joined by "|" → [count, sum rounded to 0.01]. */
    Map<String, List<Double>> table(JsonNode d, String figure, List<String> keys, String sum) {
        Map<String, List<Double>> out = new TreeMap<>();
        for (JsonNode row : d.path("figures").path(figure).path("rows")) {
            List<String> k = new ArrayList<>();
            keys.forEach(name ->
                    k.add(row.path(name).isNull() ? "null" : row.path(name).asString()));
            out.put(
                    String.join("|", k),
                    List.of(row.path("count").asDouble(), round(row.path(sum).asDouble())));
        }
        return out;
    }

    /** Rows (key columns…, count, sum) of SQL as {@link #table}. */
    Map<String, List<Double>> sql(String sql) {
        Map<String, List<Double>> out = new TreeMap<>();
        jdbc.query(sql, rs -> {
            int n = rs.getMetaData().getColumnCount();
            List<String> k = new ArrayList<>();
            for (int i = 1; i <= n - 2; i++) {
                k.add(Objects.toString(rs.getString(i)));
            }
            out.put(String.join("|", k), List.of(rs.getDouble(n - 1), round(rs.getDouble(n))));
        });
        return out;
    }

    static Map<String, List<Double>> rounded(Map<String, double[]> tallies) {
        Map<String, List<Double>> out = new TreeMap<>();
        tallies.forEach((k, v) -> out.put(k, List.of(v[0], round(v[1]))));
        return out;
    }

    static List<String> keys(JsonNode d, String figure, String key) {
        List<String> out = new ArrayList<>();
        d.path("figures")
                .path(figure)
                .path("rows")
                .forEach(r -> out.add(r.path(key).asString()));
        return out;
    }

    static Map<String, JsonNode> byKey(JsonNode d, String figure, String key) {
        Map<String, JsonNode> out = new HashMap<>();
        d.path("figures")
                .path(figure)
                .path("rows")
                .forEach(r -> out.put(r.path(key).asString(), r));
        return out;
    }

    static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
