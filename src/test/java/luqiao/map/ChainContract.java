package luqiao.map;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.MvtReader;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.TagKeyValueMapConverter;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.model.JtsLayer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import luqiao.map.catalog.Layer;
import luqiao.map.store.FeaturesChanged;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue #7, the project chain, over real HTTP on each backend: transitions (allowed, skipped 招引,
 * refused jumps, going back), the recorded history, and reads as of past dates (features, OGC items,
 * zone statistics, tiles) against a history made here at known dates; overdue and 拿地即开工 figures.
 */
abstract class ChainContract extends BackendContract {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String ADMIN = "admin:test-admin-password";
    /** In 飞龙湖 (zone FLH), by the lake. */
    static final double LON = 121.3558;

    static final double LAT = 28.5978;

    final List<String> made = new ArrayList<>();
    Client planner;
    Client admin;
    Client anonymous;

    @BeforeEach
    void users() {
        admin = new Client(ADMIN);
        anonymous = new Client(null);
        planner = user("PLANNER");
    }

    /** A new user with the role, signing in with Basic. */
    Client user(String role) {
        String name = role.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        Answer created = admin.send(
                "POST",
                "/api/admin/users",
                "{\"username\":\"" + name + "\",\"password\":\"correct-horse-battery\",\"roles\":[\"" + role + "\"]}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return new Client(name + ":correct-horse-battery");
    }

    /** The projects made here go again, and the tiles that showed them with them, so other suites see the shipped data. */
    @AfterEach
    void removeProjects() {
        for (String code : made) {
            jdbc.update("DELETE FROM project_stage_events WHERE project_code = ?", code);
            jdbc.update("DELETE FROM projects WHERE code = ?", code);
        }
        events.publishEvent(new FeaturesChanged(Layer.PROJECTS, List.of(new Envelope(LON, LON, LAT, LAT))));
    }

    /** A new project at 谋划 since {@code conceived}, in 飞龙湖, planned to start on {@code plannedStart}. */
    String project(String category, LocalDate conceived, LocalDate plannedStart) {
        String code = "T-" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.update(
                "INSERT INTO projects (code, name_zh, name_en, category, stage, planned_start, area_m2, length_m, geom)"
                        + " VALUES (?, ?, ?, ?, '谋划', ?, 0, 0, ST_GeomFromText(?, 4326))",
                code,
                "测试项目" + code,
                "Test project " + code,
                category,
                plannedStart == null ? null : java.sql.Date.valueOf(plannedStart),
                "POINT(" + LON + " " + LAT + ")");
        jdbc.update(
                "INSERT INTO project_stage_events (project_code, from_stage, to_stage, occurred_on, actor, note, recorded_at)"
                        + " VALUES (?, NULL, '谋划', ?, 'test', '谋划', CURRENT_TIMESTAMP)",
                code,
                java.sql.Date.valueOf(conceived));
        made.add(code);
        return code;
    }

    Answer move(Client who, String code, String to, String date, String note, String... headers) {
        String body = "{\"to\":" + quote(to) + (date == null ? "" : ",\"date\":" + quote(date))
                + (note == null ? "" : ",\"note\":" + quote(note)) + "}";
        return who.send("POST", "/api/projects/" + code + "/transitions", body, headers);
    }

    // ---------------------------------------------------------------- transitions

    @Test
    void transitionsFollowTheChainAndRecordTheirHistory() {
        String code = project("城市提能", LocalDate.of(2020, 1, 10), LocalDate.of(2020, 6, 1));

        Answer jump = move(planner, code, "开工", "2020-02-01", null);
        assertThat(jump.status()).as(jump.body()).isEqualTo(409);
        assertThat(jump.contentType()).startsWith("application/problem+json");
        assertThat(jump.json().path("detail").asString()).contains("谋划 → 开工").contains("前期");
        assertThat(jump.json().path("allowed").toString()).isEqualTo("[\"前期\"]");

        Answer prep = move(planner, code, "前期", "2020-03-01", "入库");
        assertThat(prep.status()).as(prep.body()).isEqualTo(200);
        assertThat(prep.json().path("stage").asString()).isEqualTo("前期");
        assertThat(prep.json().path("allowed").toString()).isEqualTo("[\"招引\",\"开工\"]");
        long version = prep.json().path("version").asLong();

        // 前期 → 开工 skips 招引; it sets the actual start and writes one edit-history row.
        Answer stale = move(planner, code, "开工", "2020-06-05", null, "If-Match", "\"" + (version - 1) + "\"");
        assertThat(stale.status()).as(stale.body()).isEqualTo(412);
        Answer started = move(planner, code, "开工", "2020-06-05", "开工仪式", "If-Match", "\"" + version + "\"");
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        assertThat(started.header("ETag")).isEqualTo("\"" + (version + 1) + "\"");
        JsonNode feature = planner.get("/api/projects/" + code).json();
        assertThat(feature.path("properties").path("stage").asString()).isEqualTo("开工");
        assertThat(feature.path("properties").path("actual_start").asString()).isEqualTo("2020-06-05");
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM feature_versions WHERE layer = 'projects' AND feature_id = ?"
                                + " AND action = 'update' AND version = ?",
                        Long.class,
                        code,
                        version + 1))
                .isEqualTo(1);
        JsonNode skipped = stageLine(started.json(), "招引");
        assertThat(skipped.path("skipped").asBoolean()).isTrue();
        assertThat(stageLine(started.json(), "开工").path("days_late").asLong()).isEqualTo(4);

        // Dates: never before the last transition, never in the future.
        Answer early = move(planner, code, "竣工", "2020-06-01", null);
        assertThat(early.status()).as(early.body()).isEqualTo(422);
        assertThat(early.json().path("detail").asString()).contains("2020-06-05");
        String tomorrow = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(1).toString();
        assertThat(move(planner, code, "竣工", tomorrow, null).status()).isEqualTo(422);
        assertThat(move(planner, code, "完成", "2021-01-01", null).status()).isEqualTo(400);
        assertThat(move(planner, code, "竣工", "2021-02-30", null).status()).isEqualTo(400);
        // Without credentials the CSRF check refuses first (403); wrong credentials are a 401. Nothing is written.
        assertThat(move(anonymous, code, "竣工", "2021-01-01", null).status()).isEqualTo(403);
        Answer unknown = move(new Client("nobody-" + UUID.randomUUID() + ":wrong"), code, "竣工", "2021-01-01", null);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(move(planner, "P-NO-SUCH", "竣工", "2021-01-01", null).status())
                .isEqualTo(404);
        Answer land = move(user("LAND_STAFF"), code, "竣工", "2021-01-01", null);
        assertThat(land.status()).as("land staff do not move projects").isEqualTo(403);
        assertThat(land.contentType()).startsWith("application/problem+json");

        assertThat(planner.get("/api/projects/" + code)
                        .json()
                        .path("properties")
                        .path("stage")
                        .asString())
                .isEqualTo("开工");
        assertThat(move(planner, code, "竣工", "2021-01-15", "验收").status()).isEqualTo(200);
        assertThat(planner.get("/api/projects/" + code)
                        .json()
                        .path("properties")
                        .path("actual_finish")
                        .asString())
                .isEqualTo("2021-01-15");
        Answer again = move(planner, code, "竣工", "2021-02-01", null);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().path("allowed").toString()).isEqualTo("[]");

        // Back: planners may not; an administrator must give a reason.
        Answer back = move(planner, code, "开工", "2021-02-01", "误报");
        assertThat(back.status()).as(back.body()).isEqualTo(403);
        assertThat(back.contentType()).startsWith("application/problem+json");
        Answer noReason = move(admin, code, "开工", "2021-02-01", " ");
        assertThat(noReason.status()).as(noReason.body()).isEqualTo(422);
        assertThat(noReason.json().path("detail").asString()).contains("reason");
        Answer corrected = move(admin, code, "开工", "2021-02-01", "验收未通过，退回");
        assertThat(corrected.status()).as(corrected.body()).isEqualTo(200);
        assertThat(planner.get("/api/projects/" + code)
                        .json()
                        .path("properties")
                        .path("actual_finish")
                        .isNull())
                .isTrue();

        // The history, oldest first, with who and why for staff only.
        JsonNode chain = planner.get("/api/projects/" + code + "/chain").json();
        List<String> to = new ArrayList<>();
        List<String> dates = new ArrayList<>();
        chain.path("events").forEach(e -> {
            to.add(e.path("to").asString());
            dates.add(e.path("date").asString());
        });
        assertThat(to).containsExactly("谋划", "前期", "开工", "竣工", "开工");
        assertThat(dates).containsExactly("2020-01-10", "2020-03-01", "2020-06-05", "2021-01-15", "2021-02-01");
        assertThat(chain.path("events").get(4).path("actor").asString()).isEqualTo("admin");
        assertThat(chain.path("events").get(4).path("note").asString()).isEqualTo("验收未通过，退回");
        // The public sees the public stages only (issue #15): not 谋划/前期, nor where the first public step came from.
        JsonNode publicChain = anonymous.get("/api/projects/" + code + "/chain").json();
        assertThat(publicChain
                        .path("events")
                        .valueStream()
                        .map(e -> e.path("to").asString())
                        .toList())
                .containsExactly("开工", "竣工", "开工");
        assertThat(publicChain.path("events").get(0).path("from").isNull()).isTrue();
        assertThat(publicChain.toString())
                .doesNotContain("actor")
                .doesNotContain("验收未通过")
                .doesNotContain("allowed")
                .doesNotContain("谋划")
                .doesNotContain("前期")
                .doesNotContain("2020-01-10")
                .doesNotContain("2020-03-01");
    }

    @Test
    void thePublicSeesNoChainOfAnInternalProject() {
        String code = project("产业转型", LocalDate.of(2020, 1, 10), null);
        assertThat(anonymous.get("/api/projects/" + code + "/chain").status()).isEqualTo(404);
        assertThat(planner.get("/api/projects/" + code + "/chain").status()).isEqualTo(200);
        assertThat(anonymous.get("/api/projects/overdue").body()).doesNotContain(code);
        String internal = jdbc.queryForObject("SELECT MIN(code) FROM projects WHERE stage = '招引'", String.class);
        Answer hidden = anonymous.get("/api/projects/" + internal + "/chain");
        assertThat(hidden.status()).isEqualTo(404);
        assertThat(hidden.body()).doesNotContain("招引");
    }

    // ---------------------------------------------------------------- as of a date

    @Test
    void projectsReadAsOfADateFollowTheRecordedHistory() throws IOException {
        String code = project("产业转型", LocalDate.of(2019, 1, 10), LocalDate.of(2020, 6, 1));
        assertThat(move(planner, code, "前期", "2019-03-01", null).status()).isEqualTo(200);
        assertThat(move(planner, code, "招引", "2019-04-01", null).status()).isEqualTo(200);
        assertThat(move(planner, code, "开工", "2019-06-01", null).status()).isEqualTo(200);

        Map<String, String> stageOn = new HashMap<>();
        stageOn.put("2019-01-09", null);
        stageOn.put("2019-01-10", "谋划");
        stageOn.put("2019-03-15", "前期");
        stageOn.put("2019-05-31", "招引");
        stageOn.put("2019-06-01", "开工");
        for (Map.Entry<String, String> e : stageOn.entrySet()) {
            String date = e.getKey();
            String expected = e.getValue();
            Answer one = planner.get("/api/projects/" + code + "?asOf=" + date);
            JsonNode items = planner.get("/ogc/collections/projects/items?asOf=" + date + "&filter="
                            + java.net.URLEncoder.encode("code = '" + code + "'", StandardCharsets.UTF_8))
                    .json();
            Set4 tiles = tileIds(date);
            if (expected == null) {
                assertThat(one.status())
                        .as("%s did not exist on %s", code, date)
                        .isEqualTo(404);
                assertThat(items.path("numberMatched").asLong()).isZero();
                assertThat(tiles.planner()).doesNotContainKey(code);
            } else {
                assertThat(one.json().path("properties").path("stage").asString())
                        .as(date)
                        .isEqualTo(expected);
                assertThat(items.path("features")
                                .get(0)
                                .path("properties")
                                .path("stage")
                                .asString())
                        .as(date)
                        .isEqualTo(expected);
                assertThat(tiles.planner()).as(date).containsEntry(code, expected);
            }
            // The public sees the project only once it has started, as of each date.
            boolean visible = "开工".equals(expected);
            assertThat(anonymous.get("/api/projects/" + code + "?asOf=" + date).status())
                    .as(date)
                    .isEqualTo(visible ? 200 : 404);
            assertThat(tiles.anonymous().containsKey(code)).as(date).isEqualTo(visible);
        }
        // PNG tiles draw the same history: the public sees the site appear on its start day, and a
        // planner sees its colour change with its stage.
        int[] xy = tile(12);
        String png = "/tiles/projects/12/" + xy[0] + "/" + xy[1] + ".png?asOf=";
        assertThat(anonymous.bytes(png + "2019-06-01")).isNotEqualTo(anonymous.bytes(png + "2019-05-31"));
        assertThat(planner.bytes(png + "2019-03-15")).isNotEqualTo(planner.bytes(png + "2019-01-10"));
        assertThat(planner.bytes(png + "2019-01-10")).isNotEqualTo(planner.bytes(png + "2019-01-09"));
        assertThat(planner.get("/api/projects/" + code + "?asOf=2019-05-31")
                        .json()
                        .path("properties")
                        .path("actual_start")
                        .isNull())
                .isTrue();
        assertThat(planner.get("/api/projects/" + code + "?asOf=2019-06-01")
                        .json()
                        .path("properties")
                        .path("actual_start")
                        .asString())
                .isEqualTo("2019-06-01");

        // The list as of a date holds exactly the projects whose history had begun by then, plus those
        // with no recorded history at all (e.g. imported), at their current stage.
        String noHistory = "NOT EXISTS (SELECT 1 FROM project_stage_events e WHERE e.project_code = p.code)";
        for (String date : List.of("2019-01-09", "2019-06-01", "2023-01-01")) {
            long expected = jdbc.queryForObject(
                    "SELECT COUNT(*) FROM projects p WHERE p.deleted_at IS NULL AND (" + noHistory
                            + " OR EXISTS (SELECT 1 FROM project_stage_events e WHERE e.project_code = p.code AND e.occurred_on <= ?))",
                    Long.class,
                    java.sql.Date.valueOf(date));
            assertThat(planner.get("/api/projects?limit=1&asOf=" + date)
                            .json()
                            .path("numberMatched")
                            .asLong())
                    .as(date)
                    .isEqualTo(expected);
            long publicExpected = jdbc.queryForObject(
                    "SELECT COUNT(*) FROM projects p WHERE p.deleted_at IS NULL AND CASE WHEN "
                            + noHistory + " THEN p.stage ELSE (SELECT e.to_stage FROM project_stage_events e"
                            + " WHERE e.project_code = p.code AND e.occurred_on <= ? ORDER BY e.occurred_on DESC, e.id DESC LIMIT 1) END"
                            + " IN ('开工', '竣工')",
                    Long.class,
                    java.sql.Date.valueOf(date));
            assertThat(anonymous
                            .get("/ogc/collections/projects/items?limit=1&asOf=" + date)
                            .json()
                            .path("numberMatched")
                            .asLong())
                    .as(date)
                    .isEqualTo(publicExpected);
        }

        // Zone statistics as of a date count the projects the list shows in the zone on that date.
        Geometry zone = geometry(planner.get("/api/zones/FLH").json());
        for (String date : List.of("2019-05-31", "2019-06-01")) {
            JsonNode stats = planner.get("/api/stats/zones/FLH?asOf=" + date).json();
            Map<String, Long> listed = new HashMap<>();
            planner.get("/api/projects?limit=10000&asOf=" + date)
                    .json()
                    .path("features")
                    .forEach(f -> {
                        if (geometry(f).intersects(zone)) {
                            listed.merge(f.path("properties").path("stage").asString(), 1L, Long::sum);
                        }
                    });
            Map<String, Long> counted = new HashMap<>();
            stats.path("projects").path("by_stage").forEach(s -> {
                if (s.path("count").asLong() > 0) {
                    counted.put(s.path("stage").asString(), s.path("count").asLong());
                }
            });
            assertThat(counted).as(date).isEqualTo(listed);
        }
        long before = count(planner.get("/api/stats/zones/FLH?asOf=2019-05-31").json(), "开工");
        long after = count(planner.get("/api/stats/zones/FLH?asOf=2019-06-01").json(), "开工");
        assertThat(after).isEqualTo(before + 1);

        // The dashboard's project figures as of a date count the list as of that date, stage by stage.
        for (String date : List.of("2019-05-31", "2019-06-01")) {
            Map<String, Long> listed = new HashMap<>();
            planner.get("/api/projects?limit=10000&asOf=" + date)
                    .json()
                    .path("features")
                    .forEach(
                            f -> listed.merge(f.path("properties").path("stage").asString(), 1L, Long::sum));
            JsonNode dashboard = planner.get("/api/dashboard?asOf=" + date).json();
            assertThat(dashboard.path("as_of").asString()).isEqualTo(date);
            Map<String, Long> counted = new HashMap<>();
            dashboard.path("figures").path("projects_by_stage").path("rows").forEach(r -> {
                if (r.path("count").asLong() > 0) {
                    counted.put(r.path("stage").asString(), r.path("count").asLong());
                }
            });
            assertThat(counted).as("dashboard as of " + date).isEqualTo(listed);
        }
    }

    @Test
    void badAsOfDatesAreRefused() {
        String tomorrow = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(1).toString();
        for (String path : List.of(
                "/api/projects?asOf=2024-13-01",
                "/api/projects?asOf=" + tomorrow,
                "/api/projects/P2024-001?asOf=yesterday",
                "/ogc/collections/projects/items?asOf=2024-02-30",
                "/api/stats/zones/FLH?asOf=x",
                "/tiles/projects/12/3430/1710.mvt?asOf=1.1.2024",
                "/api/zones?asOf=2024-01-01",
                "/api/dashboard?asOf=2024-02-30",
                "/tiles/parcels/12/3430/1710.mvt?asOf=2024-01-01",
                "/api/projects/P2024-001/chain?asOf=" + tomorrow)) {
            Answer a = anonymous.get(path);
            assertThat(a.status()).as(path).isEqualTo(400);
            assertThat(a.contentType()).as(path).startsWith("application/problem+json");
            assertThat(a.body()).as(path).contains("asOf");
        }
    }

    @Test
    void tilesAsOfTodayAreRevalidatedAndKeyedByDate() {
        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        int[] xy = tile(12);
        Answer now = anonymous.get("/tiles/all/12/" + xy[0] + "/" + xy[1] + ".mvt?asOf=" + today);
        assertThat(now.status()).isEqualTo(200);
        assertThat(now.header("Cache-Control")).contains("no-cache");
        Answer past = anonymous.get("/tiles/all/12/" + xy[0] + "/" + xy[1] + ".mvt?asOf=2020-01-01");
        assertThat(past.header("Cache-Control")).contains("max-age").doesNotContain("no-cache");
        assertThat(past.header("ETag")).isNotEqualTo(now.header("ETag"));
        Answer png = anonymous.get("/tiles/projects/12/" + xy[0] + "/" + xy[1] + ".png?asOf=2020-01-01");
        assertThat(png.status()).isEqualTo(200);
        assertThat(png.contentType()).isEqualTo("image/png");
    }

    // ---------------------------------------------------------------- overdue, 拿地即开工

    @Test
    void overdueProjectsAndDaysFromLandToStart() {
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        String code = project("产业转型", LocalDate.of(2020, 1, 10), today.minusDays(30));
        jdbc.update(
                "INSERT INTO project_stage_plans (project_code, stage, planned_on) VALUES (?, '前期', ?)",
                code,
                java.sql.Date.valueOf(today.minusDays(100)));
        JsonNode chain = planner.get("/api/projects/" + code + "/chain").json();
        assertThat(chain.path("overdue").path("stage").asString()).isEqualTo("前期");
        assertThat(chain.path("overdue").path("days_late").asLong()).isEqualTo(100);
        assertThat(stageLine(chain, "开工").path("overdue").asBoolean()).isTrue();
        assertThat(stageLine(chain, "开工").path("days_late").asLong()).isEqualTo(30);

        JsonNode list = planner.get("/api/projects/overdue").json();
        JsonNode mine = find(list.path("projects"), code);
        assertThat(mine.path("late_stage").asString()).isEqualTo("前期");
        assertThat(mine.path("days_overdue").asLong()).isEqualTo(100);
        assertThat(mine.path("planned").asString())
                .isEqualTo(today.minusDays(100).toString());
        assertThat(list.path("count").asLong()).isEqualTo(list.path("projects").size());
        // The same list as CSV, for the dashboard's download: one line per overdue project, same order.
        Answer csv = planner.get("/api/projects/overdue?format=csv");
        assertThat(csv.contentType()).startsWith("text/csv");
        String[] lines = csv.body().replace("\uFEFF", "").split("\r\n");
        assertThat(lines[0]).isEqualTo("id,name_zh,name_en,stage,late_stage,planned,days_overdue");
        assertThat(lines).hasSize(list.path("count").asInt() + 1);
        assertThat(lines[1]).startsWith(list.path("projects").get(0).path("id").asString() + ",");
        assertThat(planner.get("/api/projects/overdue?format=xml").status()).isEqualTo(400);

        // As of a date before the plan, nothing was late yet.
        JsonNode earlier = planner.get("/api/projects/overdue?asOf=" + today.minusDays(101))
                .json();
        assertThat(earlier.path("projects").toString()).doesNotContain(code);

        assertThat(move(planner, code, "前期", today.minusDays(20).toString(), null)
                        .status())
                .isEqualTo(200);
        jdbc.update(
                "UPDATE projects SET land_acquired_on = ? WHERE code = ?",
                java.sql.Date.valueOf(today.minusDays(12)),
                code);
        Answer started = move(planner, code, "开工", today.minusDays(5).toString(), null);
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        assertThat(started.json().path("land_to_start_days").asLong()).isEqualTo(7);
        assertThat(started.json().path("overdue").isNull()).isTrue();
        assertThat(stageLine(started.json(), "开工").path("days_late").asLong()).isEqualTo(25);
        assertThat(planner.get("/api/projects/overdue").body()).doesNotContain(code);

        // The overdue list is staff-only unless luqiao.public.overdue publishes it (issue #15): 404 for the public.
        assertThat(anonymous.get("/api/projects/overdue").status()).isEqualTo(404);
        // The shipped data: every overdue project land staff (who see projects as the public does) see is a public one
        // late for 竣工.
        Client land = user("LAND_STAFF");
        for (JsonNode o : land.get("/api/projects/overdue").json().path("projects")) {
            assertThat(o.path("stage").asString()).isIn("开工", "竣工");
            assertThat(o.path("late_stage").asString()).isEqualTo("竣工");
        }
    }

    // ---------------------------------------------------------------- helpers

    static JsonNode stageLine(JsonNode chain, String stage) {
        for (JsonNode line : chain.path("stages")) {
            if (line.path("stage").asString().equals(stage)) {
                return line;
            }
        }
        throw new AssertionError("no stage " + stage + " in " + chain);
    }

    static JsonNode find(JsonNode projects, String code) {
        for (JsonNode p : projects) {
            if (p.path("id").asString().equals(code)) {
                return p;
            }
        }
        throw new AssertionError(code + " is not in " + projects);
    }

    static long count(JsonNode stats, String stage) {
        for (JsonNode s : stats.path("projects").path("by_stage")) {
            if (s.path("stage").asString().equals(stage)) {
                return s.path("count").asLong();
            }
        }
        return 0;
    }

    record Set4(Map<String, String> planner, Map<String, String> anonymous) {}

    /** Project ids and stages in the decoded project tile over the test site, as of the date, for a planner and the public. */
    Set4 tileIds(String date) throws IOException {
        int[] xy = tile(12);
        String path = "/tiles/projects/12/" + xy[0] + "/" + xy[1] + ".mvt?asOf=" + date;
        return new Set4(decode(planner.bytes(path)), decode(anonymous.bytes(path)));
    }

    @SuppressWarnings("unchecked")
    static Map<String, String> decode(byte[] tile) throws IOException {
        Map<String, String> ids = new HashMap<>();
        JtsLayer layer = MvtReader.loadMvt(
                        new ByteArrayInputStream(tile),
                        new GeometryFactory(),
                        new TagKeyValueMapConverter(),
                        MvtReader.RING_CLASSIFIER_V2_1)
                .getLayer("projects");
        if (layer != null) {
            layer.getGeometries().forEach(g -> {
                Map<String, Object> a = (Map<String, Object>) g.getUserData();
                ids.put((String) a.get("id"), (String) a.get("stage"));
            });
        }
        return ids;
    }

    /** The XYZ tile holding the test site at zoom z. */
    static int[] tile(int z) {
        double n = Math.pow(2, z);
        double lat = Math.toRadians(LAT);
        return new int[] {
            (int) Math.floor((LON + 180) / 360 * n),
            (int) Math.floor((1 - Math.log(Math.tan(lat) + 1 / Math.cos(lat)) / Math.PI) / 2 * n)
        };
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    record Answer(int status, HttpResponse<byte[]> response) {
        String body() {
            return new String(response.body(), StandardCharsets.UTF_8);
        }

        String contentType() {
            return response.headers().firstValue("Content-Type").orElse("");
        }

        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        JsonNode json() {
            return JSON.readTree(body());
        }
    }

    final class Client {
        private final String basic;
        private final HttpClient client = HttpClient.newHttpClient();

        Client(String basic) {
            this.basic = basic;
        }

        Answer get(String path) {
            return send("GET", path, null);
        }

        byte[] bytes(String path) {
            Answer a = get(path);
            assertThat(a.status()).as(path).isIn(200, 204);
            return a.response().body();
        }

        Answer send(String method, String path, String body, String... headers) {
            HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .method(
                            method,
                            body == null
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofString(body));
            if (body != null) {
                r.header("Content-Type", "application/json");
            }
            for (int i = 0; i < headers.length; i += 2) {
                r.header(headers[i], headers[i + 1]);
            }
            if (basic != null) {
                r.header(
                        "Authorization",
                        "Basic " + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
            }
            try {
                HttpResponse<byte[]> response = client.send(r.build(), HttpResponse.BodyHandlers.ofByteArray());
                return new Answer(response.statusCode(), response);
            } catch (IOException e) {
                throw new IllegalStateException(path, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
