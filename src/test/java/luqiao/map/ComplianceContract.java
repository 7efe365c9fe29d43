package luqiao.map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import luqiao.map.compliance.ComplianceRules;
import luqiao.map.support.Caller;
import luqiao.map.support.PostgisReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The compliance overlay over real HTTP: which parcels conflict (checked with SQL on the backend's
 * database), how much (PostGIS {@code ST_Area(ST_Intersection(site, parcel)::geography)} within
 * 0.1 %), who may see it, and its CSV and GeoJSON forms.
 */
abstract class ComplianceContract extends BackendContract {

    Caller anonymous;
    Caller planner;

    @BeforeEach
    void callers() {
        anonymous = Caller.anonymous(port);
        planner = DashboardContract.newUser(port, "PLANNER");
    }

    @Test
    void theConflictingParcelsAreThoseTheRuleTableAndTheDatabaseName() {
        JsonNode all = planner.get("/api/compliance").json();
        Set<String> found = new TreeSet<>();
        all.path("projects").forEach(p -> p.path("conflicts")
                .forEach(c -> found.add(
                        p.path("id").asString() + "/" + c.path("parcel_no").asString())));

        Set<String> expected = new TreeSet<>();
        jdbc.query(
                "SELECT t.code, t.category, p.parcel_no, p.farmland_protected, p.landuse_l1_code,"
                        + " ST_Dimension(t.geom), ST_Area(ST_Intersection(t.geom, p.geom)), ST_Length(ST_Intersection(t.geom, p.geom))"
                        + " FROM projects t JOIN parcels p ON ST_Intersects(t.geom, p.geom)",
                rs -> {
                    boolean conflict = rs.getBoolean(4)
                            || ComplianceRules.conflictingClasses(rs.getString(2))
                                    .contains(rs.getString(5));
                    int dimension = rs.getInt(6);
                    // A polygon site must cover some of the parcel, a line run through it; a point stands on it.
                    boolean meets = dimension == 0 || (dimension == 1 ? rs.getDouble(8) > 0 : rs.getDouble(7) > 0);
                    if (conflict && meets) {
                        expected.add(rs.getString(1) + "/" + rs.getString(3));
                    }
                });
        assertThat(found).isEqualTo(expected).isNotEmpty();
        assertThat(found).as("the reclamation site meets protected farmland").anyMatch(k -> k.startsWith("P2024-011/"));
        assertThat(all.path("projects").size())
                .isEqualTo(jdbc.queryForObject("SELECT COUNT(*) FROM projects", Integer.class));
    }

    @Test
    void overlapAreasAgreeWithPostgisOnTheSpheroid() throws Exception {
        JsonNode all = planner.get("/api/compliance").json();
        double farmland = 0;
        double landuse = 0;
        int polygons = 0;
        try (PostgisReference postgis = new PostgisReference()) {
            for (JsonNode p : all.path("projects")) {
                String site = planner.get("/api/projects/" + p.path("id").asString())
                        .json()
                        .path("geometry")
                        .toString();
                double projectFarmland = 0;
                for (JsonNode c : p.path("conflicts")) {
                    String parcel = planner.get(
                                    "/api/parcels/" + c.path("parcel_no").asString())
                            .json()
                            .path("geometry")
                            .toString();
                    double m2 = c.path("overlap_m2").asDouble();
                    switch (p.path("site").asString()) {
                        case "Point" ->
                            assertThat(m2)
                                    .as("a point site takes its parcel")
                                    .isCloseTo(postgis.areaM2(parcel), within(postgis.areaM2(parcel) * 0.001));
                        case "LineString", "MultiLineString" -> {
                            assertThat(m2).isZero();
                            double length = postgis.intersectionLengthM(site, parcel);
                            assertThat(c.path("crossing_m").asDouble())
                                    .isPositive()
                                    .isCloseTo(length, within(length * 0.001 + 0.01));
                        }
                        default -> {
                            double expected = postgis.intersectionAreaM2(site, parcel);
                            assertThat(m2)
                                    .as("%s ∩ %s", p.path("id"), c.path("parcel_no"))
                                    .isCloseTo(expected, within(expected * 0.001 + 0.01));
                            polygons++;
                        }
                    }
                    assertThat(c.path("overlap_mu").asDouble()).isCloseTo(m2 * 15 / 10000, within(0.001));
                    if (c.path("farmland_protected").asBoolean()) {
                        projectFarmland += m2;
                        farmland += m2;
                    }
                    if (c.path("landuse_conflict").asBoolean()) {
                        landuse += m2;
                    }
                }
                assertThat(p.path("farmland_m2").asDouble()).isCloseTo(projectFarmland, within(0.05));
            }
        }
        assertThat(polygons)
                .as("polygon sites overlapping conflicting parcels were measured")
                .isPositive();
        assertThat(all.path("totals").path("farmland_m2").asDouble())
                .isPositive()
                .isCloseTo(farmland, within(0.5));
        assertThat(all.path("totals").path("landuse_m2").asDouble())
                .isPositive()
                .isCloseTo(landuse, within(0.5));
    }

    @Test
    void internalProjectsComplianceIsThePlannersAlone() {
        String internal = jdbc.queryForList(
                        "SELECT code FROM projects WHERE stage NOT IN " + DashboardContract.PUBLIC_STAGES
                                + " ORDER BY code",
                        String.class)
                .get(0);
        Caller.Answer hidden = anonymous.get("/api/compliance/" + internal);
        assertThat(hidden.status()).isEqualTo(404);
        assertThat(hidden.header("Content-Type")).startsWith("application/problem+json");
        assertThat(planner.get("/api/compliance/" + internal).json().path("id").asString())
                .isEqualTo(internal);
        assertThat(new Caller(port, DashboardContract.ADMIN)
                        .get("/api/compliance/" + internal)
                        .status())
                .isEqualTo(200);
        assertThat(DashboardContract.newUser(port, "LAND_STAFF")
                        .get("/api/compliance/" + internal)
                        .status())
                .as("land staff see projects as the public does")
                .isEqualTo(404);

        // Compliance is staff-only unless published (issue #15, PublicFaceContract); land staff see the public
        // projects' conflicts.
        Caller land = DashboardContract.newUser(port, "LAND_STAFF");
        JsonNode pub = land.get("/api/compliance").json();
        long publicCount = jdbc.queryForObject(
                "SELECT COUNT(*) FROM projects WHERE stage IN " + DashboardContract.PUBLIC_STAGES, Long.class);
        assertThat(pub.path("projects").size()).isEqualTo(publicCount);
        Set<String> internals = new HashSet<>(jdbc.queryForList(
                "SELECT code FROM projects WHERE stage NOT IN " + DashboardContract.PUBLIC_STAGES, String.class));
        for (String body : List.of(
                land.get("/api/compliance").text(),
                land.get("/api/compliance/areas").text(),
                land.get("/api/compliance?format=csv").text(),
                anonymous.get("/api/compliance").text())) {
            internals.forEach(code -> assertThat(body).doesNotContain(code));
            assertThat(body).doesNotContain("owner");
        }
    }

    @Test
    void theConflictLayerAndTheCsvHoldOneEntryPerConflict() {
        JsonNode all = planner.get("/api/compliance").json();
        Map<String, Double> conflicts = new HashMap<>();
        all.path("projects").forEach(p -> p.path("conflicts")
                .forEach(c -> conflicts.put(
                        p.path("id").asString() + "/" + c.path("parcel_no").asString(),
                        c.path("overlap_m2").asDouble())));

        Caller.Answer areas = planner.get("/api/compliance/areas");
        assertThat(areas.header("Content-Type")).startsWith("application/geo+json");
        JsonNode layer = areas.json();
        assertThat(layer.path("features").size())
                .isEqualTo(conflicts.size())
                .isEqualTo(layer.path("numberReturned").asInt());
        for (JsonNode f : layer.path("features")) {
            String id = f.path("id").asString();
            assertThat(conflicts).containsKey(id);
            assertThat(f.path("properties").path("area_m2").asDouble()).isCloseTo(conflicts.get(id), within(0.01));
            assertThat(geometry(f).isValid()).isTrue();
        }

        Caller.Answer csv = planner.get("/api/compliance?format=csv");
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        String text = new String(csv.bytes(), StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFFproject,name_zh,name_en,category,stage,parcel_no,");
        String[] lines = text.split("\r\n");
        assertThat(lines).hasSize(conflicts.size() + 1);
        assertThat(planner.get("/api/compliance?format=pdf").status()).isEqualTo(400);
    }
}
