package luqiao.map;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import luqiao.map.support.Caller;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue #15 over real HTTP: the public face. Internal stages (谋划, 前期, 招引) and their dates are never
 * public; overdue figures and compliance conflicts are staff-only unless the deployment publishes them
 * ({@code luqiao.public.overdue}, {@code luqiao.public.compliance}): by default in the API contract suites,
 * both on in {@link PublishedPublicFaceTest}. Staff see everything either way.
 */
abstract class PublicFaceContract extends BackendContract {

    static final Set<String> PUBLIC = Set.of("开工", "竣工");
    static final List<String> INTERNAL = List.of("谋划", "前期", "招引");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    Caller anonymous;
    Caller planner;
    Caller land;

    /** Whether this context publishes overdue and compliance figures (both settings on). */
    boolean published() {
        return false;
    }

    @BeforeEach
    void callers() {
        anonymous = Caller.anonymous(port);
        planner = DashboardContract.newUser(port, "PLANNER");
        land = DashboardContract.newUser(port, "LAND_STAFF");
    }

    /** Whether the text names an internal stage as a value (JSON string, CSV cell): not inside prose such as "业态招引". */
    static void assertNoInternalStage(String what, String text) {
        for (String stage : INTERNAL) {
            assertThat(text)
                    .as("%s names the internal stage %s", what, stage)
                    .doesNotContain("\"" + stage + "\"")
                    .doesNotContain("," + stage + ",")
                    .doesNotContain("," + stage + "\r")
                    .doesNotContain(">" + stage + "<");
        }
    }

    // ---------------------------------------------------------------- chains

    @Test
    void aPublicProjectsChainShowsThePublicOnlyItsPublicStagesAndTheirDates() {
        List<String> codes = jdbc.queryForList(
                "SELECT DISTINCT p.code FROM projects p JOIN project_stage_events e ON e.project_code = p.code"
                        + " WHERE p.stage IN ('开工', '竣工') ORDER BY p.code",
                String.class);
        assertThat(codes)
                .as("public projects with a history through internal stages")
                .isNotEmpty();
        int withInternalHistory = 0;
        for (String code : codes) {
            Caller.Answer a = anonymous.get("/api/projects/" + code + "/chain");
            assertThat(a.status()).as(code).isEqualTo(200);
            JsonNode chain = a.json();
            assertNoInternalStage(code, a.text());
            for (JsonNode e : chain.path("events")) {
                assertThat(e.path("to").asString()).as(code).isIn(PUBLIC);
                assertThat(e.path("from").isNull()
                                || PUBLIC.contains(e.path("from").asString()))
                        .as(code + " " + e)
                        .isTrue();
            }
            List<String> lines = chain.path("stages")
                    .valueStream()
                    .map(l -> l.path("stage").asString())
                    .toList();
            assertThat(lines).as(code).containsExactly("开工", "竣工");

            // Every date the public sees is a public one: a public event, the project's public dates, the land
            // acquisition.
            Set<String> allowed = new HashSet<>(jdbc.queryForList(
                    "SELECT CAST(occurred_on AS VARCHAR(10)) FROM project_stage_events"
                            + " WHERE project_code = ? AND to_stage IN ('开工', '竣工')",
                    String.class,
                    code));
            Map<String, Object> p = jdbc.queryForMap(
                    "SELECT planned_start, planned_finish, actual_start, actual_finish FROM projects"
                            + " WHERE code = ?",
                    code);
            p.values().stream()
                    .filter(v -> v != null)
                    .forEach(v -> allowed.add(v.toString().substring(0, 10)));
            if (!chain.path("land_acquired_on").isNull()) {
                allowed.add(chain.path("land_acquired_on").asString());
            }
            Matcher m = DATE.matcher(chain.toString());
            while (m.find()) {
                assertThat(allowed)
                        .as("%s shows the date %s, which is no public date of it", code, m.group())
                        .contains(m.group());
            }
            List<LocalDate> internalDates = jdbc.queryForList(
                    "SELECT occurred_on FROM project_stage_events WHERE project_code = ?"
                            + " AND to_stage NOT IN ('开工', '竣工')",
                    LocalDate.class,
                    code);
            if (!internalDates.isEmpty()) {
                withInternalHistory++;
            }

            if (!published()) {
                assertThat(chain.path("overdue").isNull()).as(code).isTrue();
                for (JsonNode l : chain.path("stages")) {
                    assertThat(l.path("days_late").isNull()).as(code).isTrue();
                    assertThat(l.path("overdue").asBoolean()).as(code).isFalse();
                }
            }
            // Land staff see projects as the public does: no internal stage either.
            assertNoInternalStage(
                    code + " (land staff)",
                    land.get("/api/projects/" + code + "/chain").text());
        }
        assertThat(withInternalHistory)
                .as("some public project went through internal stages")
                .isPositive();

        // Planners see the whole chain, with the internal stages and their planned dates.
        String code = codes.get(0);
        JsonNode full = planner.get("/api/projects/" + code + "/chain").json();
        assertThat(full.path("stages")
                        .valueStream()
                        .map(l -> l.path("stage").asString())
                        .toList())
                .containsExactly("谋划", "前期", "招引", "开工", "竣工");
    }

    @Test
    void overdueFiguresAreStaffOnlyUnlessPublished() {
        // A public project late for 竣工, as staff see it.
        JsonNode staffList = land.get("/api/projects/overdue").json();
        assertThat(staffList.path("count").asInt())
                .as("the shipped data has public overdue projects")
                .isPositive();
        String late = staffList.path("projects").get(0).path("id").asString();
        long days = staffList.path("projects").get(0).path("days_overdue").asLong();
        assertThat(planner.get("/api/projects/" + late + "/chain")
                        .json()
                        .path("overdue")
                        .path("days_late")
                        .asLong())
                .isEqualTo(days);

        JsonNode publicChain = anonymous.get("/api/projects/" + late + "/chain").json();
        for (String path : List.of(
                "/api/projects/overdue", "/api/projects/overdue?format=csv", "/api/projects/overdue?asOf=2024-01-01")) {
            Caller.Answer a = anonymous.get(path);
            if (published()) {
                assertThat(a.status()).as(path).isEqualTo(200);
                assertNoInternalStage(path, a.text());
            } else {
                assertThat(a.status()).as(path).isEqualTo(404);
                assertThat(a.header("Content-Type")).as(path).startsWith("application/problem+json");
                assertThat(a.text()).as(path).doesNotContain(late);
            }
            assertThat(planner.get(path).status()).as(path).isEqualTo(200);
        }
        if (published()) {
            assertThat(anonymous.get("/api/projects/overdue").json().path("projects"))
                    .isEqualTo(staffList.path("projects"));
            assertThat(publicChain.path("overdue").path("days_late").asLong()).isEqualTo(days);
        } else {
            assertThat(publicChain.path("overdue").isNull()).isTrue();
            assertThat(publicChain.toString()).doesNotContain("\"days_late\":" + days);
        }
    }

    // ---------------------------------------------------------------- compliance

    @Test
    void complianceConflictsAreStaffOnlyUnlessPublished() {
        String project =
                jdbc.queryForObject("SELECT MIN(code) FROM projects WHERE stage IN ('开工', '竣工')", String.class);
        for (String path : List.of(
                "/api/compliance",
                "/api/compliance?format=csv",
                "/api/compliance/areas",
                "/api/compliance/" + project)) {
            Caller.Answer a = anonymous.get(path);
            if (published()) {
                assertThat(a.status()).as(path).isEqualTo(200);
                assertNoInternalStage(path, a.text());
            } else {
                assertThat(a.status()).as(path).isEqualTo(404);
                assertThat(a.header("Content-Type")).as(path).startsWith("application/problem+json");
                assertThat(a.text()).as(path).doesNotContain("farmland").doesNotContain("overlap");
            }
            assertThat(planner.get(path).status()).as(path).isEqualTo(200);
            assertThat(land.get(path).status()).as(path).isEqualTo(200);
        }
        if (!published()) {
            // An unpublished project's conflicts are answered exactly like a project that does not exist.
            assertThat(anonymous.get("/api/compliance/" + project).text().replace(project, "P-NO-SUCH-ID"))
                    .isEqualTo(planner.get("/api/compliance/P-NO-SUCH-ID").text());
        }
    }

    // ---------------------------------------------------------------- dashboard, the caller's view, vocabulary

    @Test
    void thePublicDashboardCountsNoInternalStageAndSaysWhichPanelsItHas() {
        JsonNode pub = anonymous.get("/api/dashboard").json();
        assertThat(pub.path("shows").path("overdue").asBoolean()).isEqualTo(published());
        assertThat(pub.path("shows").path("compliance").asBoolean()).isEqualTo(published());
        assertThat(pub.path("figures")
                        .path("projects_by_stage")
                        .path("rows")
                        .valueStream()
                        .map(r -> r.path("stage").asString())
                        .toList())
                .containsExactly("开工", "竣工");
        assertNoInternalStage("/api/dashboard", pub.toString());
        for (String figure :
                List.of("projects_by_stage", "projects_by_category", "project_targets", "projects_by_zone")) {
            String path = "/api/dashboard/" + figure + "?format=csv";
            assertNoInternalStage(path, anonymous.get(path).text());
        }
        JsonNode staff = planner.get("/api/dashboard").json();
        assertThat(staff.path("shows").path("overdue").asBoolean()).isTrue();
        assertThat(staff.path("shows").path("compliance").asBoolean()).isTrue();
    }

    @Test
    void theCallersViewAndTheVocabularyNameOnlyTheStagesItHolds() {
        JsonNode me = anonymous.get("/api/me").json().path("sees");
        assertThat(me.path("stages").valueStream().map(JsonNode::asString).toList())
                .containsExactly("开工", "竣工");
        assertThat(me.path("overdue").asBoolean()).isEqualTo(published());
        assertThat(me.path("compliance").asBoolean()).isEqualTo(published());
        JsonNode staff = planner.get("/api/me").json().path("sees");
        assertThat(staff.path("stages").valueStream().map(JsonNode::asString).toList())
                .containsExactly("谋划", "前期", "招引", "开工", "竣工");
        assertThat(staff.path("overdue").asBoolean()).isTrue();
        assertThat(staff.path("compliance").asBoolean()).isTrue();

        assertThat(anonymous
                        .get("/api/choices")
                        .json()
                        .path("projects")
                        .path("stage")
                        .valueStream()
                        .map(JsonNode::asString)
                        .toList())
                .containsExactly("开工", "竣工");
        assertThat(planner.get("/api/choices")
                        .json()
                        .path("projects")
                        .path("stage")
                        .valueStream()
                        .map(JsonNode::asString)
                        .toList())
                .containsExactly("谋划", "前期", "招引", "开工", "竣工");

        // The read APIs the map, the embed and programs use: public projects, public stages only.
        List<String> reads = new ArrayList<>(List.of(
                "/api/projects?limit=10000",
                "/ogc/collections/projects/items?limit=10000",
                "/ogc/collections/projects/items?limit=10000&f=html",
                "/ogc/collections/projects/queryables",
                "/api/export/projects?format=csv",
                "/api/export/projects?format=geojson"));
        for (String path : reads) {
            assertNoInternalStage(path, anonymous.get(path).text());
        }
        Set<String> stages = new TreeSet<>();
        anonymous
                .get("/api/projects?limit=10000")
                .json()
                .path("features")
                .forEach(f -> stages.add(f.path("properties").path("stage").asString()));
        assertThat(stages).isSubsetOf(PUBLIC);
    }
}
