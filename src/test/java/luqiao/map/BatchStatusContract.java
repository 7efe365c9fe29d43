package luqiao.map;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import luqiao.map.catalog.Layer;
import luqiao.map.store.FeaturesChanged;
import luqiao.map.support.Caller;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue #15, the batch status change of parcels ({@code POST /api/parcels/batch/status}) over real HTTP
 * on each backend: one request, one transaction, one version row per changed parcel with the same
 * history as a single edit; the tiles that showed the old status show the new one; all or nothing (an
 * unknown parcel or a stale version changes nothing); roles; the size cap. The parcels are the test's
 * own, in the empty 飞龙湖 lake (as in {@link EditingContract}), removed afterwards.
 */
abstract class BatchStatusContract extends BackendContract {

    static final String ADMIN = "admin:test-admin-password";
    static final String BATCH = "/api/parcels/batch/status";

    private final List<String> made = new ArrayList<>();

    @AfterEach
    void removeTestParcels() {
        for (String id : made) {
            List<byte[]> geometries =
                    jdbc.queryForList("SELECT ST_AsBinary(geom) FROM parcels WHERE parcel_no = ?", byte[].class, id);
            jdbc.update("DELETE FROM parcels WHERE parcel_no = ?", id);
            jdbc.update("DELETE FROM feature_versions WHERE layer = 'parcels' AND feature_id = ?", id);
            events.publishEvent(new FeaturesChanged(
                    Layer.PARCELS,
                    geometries.stream().map(g -> wkb(g).getEnvelopeInternal()).toList()));
        }
    }

    @Test
    void oneRequestChangesEveryParcelWithOneVersionRowEachAndTheTilesFollow() {
        String landName = user("LAND_STAFF");
        Caller land = caller(landName);
        List<String> ids = parcelsInTheLake(land, 3, "储备");
        String tile =
                EditingContract.tilePath(EditingContract.LAKE_LON + 0.0002, EditingContract.LAKE_LAT + 0.0002, 17);
        assertThat(http.get(tile).body()).contains(ids.get(0)).contains("储备").doesNotContain("出让");

        Map<String, Long> read = versionsFromTheQuery(land);
        assertThat(read)
                .as("the parcel query gives editors each parcel's version")
                .containsKeys(ids.toArray(String[]::new));
        assertThat(http.postJson("/api/analysis/parcels", lakeQuery()).body())
                .as("the public is given no versions")
                .doesNotContain("\"version\"");

        Caller.Answer done = land.send("POST", BATCH, batch("出让", read, ids));
        assertThat(done.status()).as(done.text()).isEqualTo(200);
        assertThat(done.json().path("changed").size()).isEqualTo(3);
        assertThat(done.json().path("unchanged").size()).isZero();
        for (String id : ids) {
            assertThat(status(id)).isEqualTo("出让");
            List<String> actions = jdbc.queryForList(
                    "SELECT action FROM feature_versions WHERE layer = 'parcels' AND feature_id = ? ORDER BY version",
                    String.class,
                    id);
            assertThat(actions).as("a creation and ONE update of " + id).containsExactly("create", "update");
            JsonNode history = land.get("/api/parcels/" + id + "/history").json();
            JsonNode last =
                    history.path("versions").get(history.path("versions").size() - 1);
            assertThat(last.path("action").asString()).isEqualTo("update");
            assertThat(last.path("actor").asString()).isEqualTo(landName);
            assertThat(last.path("before").path("properties").path("status").asString())
                    .isEqualTo("储备");
            assertThat(last.path("after").path("properties").path("status").asString())
                    .isEqualTo("出让");
            assertThat(land.get("/api/parcels/" + id).header("ETag")).isEqualTo("\"2\"");
        }
        assertThat(http.get(tile).body())
                .as("the tile that showed the old status shows the new one")
                .contains("出让")
                .doesNotContain("储备");

        Caller.Answer again = land.send("POST", BATCH, batch("出让", versionsFromTheQuery(land), ids));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("changed").size())
                .as("parcels already at the status get no version row")
                .isZero();
        assertThat(versionRows(ids)).isEqualTo(6);
    }

    @Test
    void aBatchWithOneUnknownOrDeletedParcelOrOneStaleVersionChangesNothing() {
        Caller land = caller(user("LAND_STAFF"));
        List<String> ids = parcelsInTheLake(land, 3, "储备");
        Map<String, Long> read = versionsFromTheQuery(land);

        Map<String, Long> withUnknown = new TreeMap<>(read);
        withUnknown.put("T-NO-SUCH-PARCEL", 1L);
        List<String> named = new ArrayList<>(ids);
        named.add("T-NO-SUCH-PARCEL");
        Caller.Answer unknown = land.send("POST", BATCH, batch("出让", withUnknown, named));
        assertThat(unknown.status()).as(unknown.text()).isEqualTo(422);
        assertThat(unknown.header("Content-Type")).startsWith("application/problem+json");
        assertThat(unknown.json().path("detail").asString()).contains("T-NO-SUCH-PARCEL");
        assertUnchanged(ids);

        // The stale one sorts last: the others were already written inside the transaction, and roll back.
        Map<String, Long> stale = new TreeMap<>(read);
        String last = ids.stream().max(String::compareTo).orElseThrow();
        stale.put(last, read.get(last) + 7);
        Caller.Answer refused = land.send("POST", BATCH, batch("出让", stale, ids));
        assertThat(refused.status()).as(refused.text()).isEqualTo(412);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertUnchanged(ids);

        String noVersion = "{\"status\":\"出让\",\"parcels\":[{\"id\":\"" + ids.get(0) + "\"}]}";
        assertThat(land.send("POST", BATCH, noVersion).status())
                .as("a version is required, as If-Match is")
                .isEqualTo(428);
        Caller.Answer badStatus = land.send("POST", BATCH, batch("卖掉了", read, ids));
        assertThat(badStatus.status()).isEqualTo(422);
        assertThat(badStatus.json().path("field").asString()).isEqualTo("status");
        assertUnchanged(ids);

        // A deleted parcel is no parcel to change: the batch naming it changes none of the others.
        jdbc.update("UPDATE parcels SET deleted_at = CURRENT_TIMESTAMP WHERE parcel_no = ?", ids.get(2));
        Caller.Answer deleted = land.send("POST", BATCH, batch("出让", read, ids));
        assertThat(deleted.status()).as(deleted.text()).isEqualTo(422);
        assertThat(deleted.json().path("ids").toString()).contains(ids.get(2));
        assertUnchanged(ids.subList(0, 2));
    }

    @Test
    void onlyTheParcelsEditorsMayAndTheBatchIsCapped() {
        String body = "{\"status\":\"出让\",\"parcels\":[{\"id\":\"X\",\"version\":1}]}";
        Caller.Answer anonymous = anonymousWithCsrf(body);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.header("Content-Type")).startsWith("application/problem+json");
        Caller.Answer planner = caller(user("PLANNER")).send("POST", BATCH, body);
        assertThat(planner.status()).isEqualTo(403);
        assertThat(planner.header("Content-Type")).startsWith("application/problem+json");

        String tooMany = "{\"status\":\"出让\",\"parcels\":["
                + IntStream.range(0, 1001)
                        .mapToObj(i -> "{\"id\":\"T-" + i + "\",\"version\":1}")
                        .collect(Collectors.joining(","))
                + "]}";
        Caller.Answer capped = new Caller(port, ADMIN).send("POST", BATCH, tooMany);
        assertThat(capped.status()).isEqualTo(422);
        assertThat(capped.json().path("title").asString()).isEqualTo("Too many parcels");
        assertThat(capped.json().path("max").asInt()).isEqualTo(1000);
    }

    // ---------------------------------------------------------------- helpers

    private List<String> parcelsInTheLake(Caller land, int n, String status) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = "T-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
            made.add(id);
            String square =
                    EditingContract.square(EditingContract.LAKE_LON + i * 0.00012, EditingContract.LAKE_LAT, 0.0001);
            Caller.Answer created = land.send("POST", "/api/parcels", EditingContract.parcel(id, status, square));
            assertThat(created.status()).as(created.text()).isEqualTo(201);
            ids.add(id);
        }
        return ids;
    }

    private static String lakeQuery() {
        return "{\"geometry\":"
                + EditingContract.square(EditingContract.LAKE_LON - 0.001, EditingContract.LAKE_LAT - 0.001, 0.002)
                + "}";
    }

    private Map<String, Long> versionsFromTheQuery(Caller caller) {
        Map<String, Long> versions = new TreeMap<>();
        caller.send("POST", "/api/analysis/parcels", lakeQuery())
                .json()
                .path("parcels")
                .path("features")
                .forEach(f -> {
                    if (f.path("properties").has("version")) {
                        versions.put(
                                f.path("id").asString(),
                                f.path("properties").path("version").asLong());
                    }
                });
        return versions;
    }

    private static String batch(String status, Map<String, Long> versions, List<String> ids) {
        return "{\"status\":\"" + status + "\",\"parcels\":["
                + ids.stream()
                        .map(id -> "{\"id\":\"" + id + "\",\"version\":" + versions.get(id) + "}")
                        .collect(Collectors.joining(","))
                + "]}";
    }

    private String status(String id) {
        return jdbc.queryForObject("SELECT status FROM parcels WHERE parcel_no = ?", String.class, id);
    }

    private long versionRows(List<String> ids) {
        return ids.stream()
                .mapToLong(id -> jdbc.queryForObject(
                        "SELECT COUNT(*) FROM feature_versions WHERE layer = 'parcels' AND feature_id = ?",
                        Long.class,
                        id))
                .sum();
    }

    private void assertUnchanged(List<String> ids) {
        for (String id : ids) {
            assertThat(status(id)).as(id).isEqualTo("储备");
            assertThat(jdbc.queryForObject("SELECT version FROM parcels WHERE parcel_no = ?", Long.class, id))
                    .as(id)
                    .isEqualTo(1L);
        }
        assertThat(versionRows(ids)).as("only the creations are recorded").isEqualTo(ids.size());
    }

    /** A new user with the role, made by the administrator: its name. */
    private String user(String role) {
        String name = role.toLowerCase(Locale.ROOT) + "-"
                + UUID.randomUUID().toString().substring(0, 8);
        Caller.Answer created = new Caller(port, ADMIN)
                .send(
                        "POST",
                        "/api/admin/users",
                        "{\"username\":\"" + name + "\",\"password\":\"correct-horse-battery\",\"roles\":[\"" + role
                                + "\"]}");
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return name;
    }

    private Caller caller(String name) {
        return new Caller(port, name + ":correct-horse-battery");
    }

    /** An anonymous caller past the CSRF check (cookie and header), so that authorization answers. */
    private Caller.Answer anonymousWithCsrf(String body) {
        CookieManager cookies = new CookieManager();
        HttpClient client = HttpClient.newBuilder().cookieHandler(cookies).build();
        try {
            client.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/me"))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            String token = cookies.getCookieStore().getCookies().stream()
                    .filter(c -> c.getName().equals("XSRF-TOKEN"))
                    .map(HttpCookie::getValue)
                    .findFirst()
                    .orElseThrow();
            HttpResponse<byte[]> response = client.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + BATCH))
                            .header("Content-Type", "application/json")
                            .header("X-XSRF-TOKEN", token)
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return new Caller.Answer(response);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
