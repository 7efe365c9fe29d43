package luqiao.map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.MvtReader;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.TagKeyValueMapConverter;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.model.JtsLayer;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.model.JtsMvt;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import javax.imageio.ImageIO;
import luqiao.map.catalog.Audience;
import luqiao.map.catalog.Layer;
import luqiao.map.store.overviews.OverviewLevels;
import luqiao.map.store.overviews.OverviewStore;
import luqiao.map.support.Caller;
import luqiao.map.tiles.TileCoord;
import luqiao.map.tiles.WebMercator;
import luqiao.map.tiles.raster.MapView;
import luqiao.map.tiles.raster.ViewRenderer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.algorithm.distance.DiscreteHausdorffDistance;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Issue #18, zoom overviews of the parcels over real HTTP on each backend, on the shipped data: the levels derived
 * from the parcels' sizes, the class areas of every overview zoom's vector tiles against the parcels', the overview
 * tiles current right after each write path (same transaction, cache on), a rebuild giving the rows incremental
 * upkeep gave, and the PNG tiles from overviews drawing the picture the parcels draw.
 *
 * <p>Other contracts of the same server remove their parcels with plain SQL, behind the overviews' back, so each test
 * starts from a rebuild (what the {@code rebuild-overviews} command is for).
 */
abstract class OverviewContract extends BackendContract {

    static final String ADMIN = "admin:test-admin-password";

    @Autowired
    OverviewStore overviews;

    @Autowired
    ViewRenderer renderer;

    private final List<String> made = new ArrayList<>();

    @BeforeEach
    void rebuilt() {
        overviews.rebuild();
    }

    @AfterEach
    void removeTestParcels() {
        for (String id : made) {
            removeFeature(Layer.PARCELS, id);
        }
        if (!made.isEmpty()) {
            overviews.rebuild(); // removed with SQL: the next contracts see the shipped parcels' overviews again
        }
    }

    @Test
    void theLevelsRunFromTheMinZoomToTheZoomWhereTheMedianParcelIsUnderTwoPixels() {
        OverviewLevels levels = overviews.levels(Layer.PARCELS).orElseThrow();
        // The shipped parcels' median ground area is about 17,170 m² (a side of 131 m) around 28.53°N; a pixel is
        // 2π·6378137·cos φ / (256·2^z): 67.1 m at z11 (1.95 px, under 2) and 33.6 m at z12 (3.9 px).
        double median = jdbc.queryForObject(
                "SELECT PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY area_m2) FROM parcels WHERE deleted_at IS NULL",
                Double.class);
        assertThat(median).isBetween(15_000.0, 19_000.0);
        assertThat(levels.minZoom()).isEqualTo(10);
        assertThat(levels.maxZoom()).isEqualTo(11);
        assertThat(overviews.levels(Layer.ZONES))
                .as("zones and projects have no overviews")
                .isEmpty();
    }

    @Test
    void theClassAreasOfEveryOverviewZoomAddUpToTheParcelsWithinATenthOfAPercent() throws IOException {
        Map<String, Double> expected = new TreeMap<>();
        long parcels = 0;
        for (JsonNode f : Caller.anonymous(port)
                .get("/ogc/collections/parcels/items?limit=10000&f=json")
                .json()
                .path("features")) {
            JsonNode p = f.path("properties");
            expected.merge(
                    p.path("landuse_l1_code").asString(), p.path("area_m2").asDouble(), Double::sum);
            parcels++;
        }
        assertThat(parcels)
                .isEqualTo(jdbc.queryForObject("SELECT COUNT(*) FROM parcels WHERE deleted_at IS NULL", Long.class));
        OverviewLevels levels = overviews.levels(Layer.PARCELS).orElseThrow();
        for (int z = levels.minZoom(); z <= levels.maxZoom(); z++) {
            Map<String, Double> areas = new TreeMap<>();
            long counted = 0;
            for (TileCoord t : tilesOverTheParcels(z)) {
                for (Map<String, Object> a : overviewFeatures(t)) {
                    // Each cell lies in exactly one tile of the zoom: count its groups there, not in the neighbours'
                    // buffers.
                    if (cellTile(a, z).equals(t)) {
                        areas.merge((String) a.get("landuse_l1_code"), number(a, "area_m2"), Double::sum);
                        counted += (long) number(a, "feature_count");
                    }
                }
            }
            assertThat(counted).as("every parcel counted once at z" + z).isEqualTo(parcels);
            assertThat(areas.keySet()).as("z" + z).isEqualTo(expected.keySet());
            for (Map.Entry<String, Double> e : expected.entrySet()) {
                assertThat(areas.get(e.getKey()))
                        .as("class " + e.getKey() + " at z" + z)
                        .isCloseTo(e.getValue(), within(e.getValue() * 0.001));
            }
        }
    }

    @Test
    void everyWritePathShowsInTheOverviewTilesAtOnce() throws Exception {
        Caller admin = new Caller(port, ADMIN);
        double side = 0.0002; // about 20 m × 22 m: drawn at z13 (a pixel is 16.8 m there), too small for z10–z11
        double lon = EditingContract.LAKE_LON;
        double lat = EditingContract.LAKE_LAT;
        String square = EditingContract.square(lon, lat, side);
        Group industrialReserve = new Group("10", "储备", lon + side / 2, lat + side / 2);
        Group housingReserve = new Group("07", "储备", lon + side / 2, lat + side / 2);
        Group housingSold = new Group("07", "出让", lon + side / 2, lat + side / 2);
        Map<Group, long[]> start = counts(industrialReserve, housingReserve, housingSold); // and tiles cached

        String id = newId();
        Caller.Answer created = admin.send("POST", "/api/parcels", EditingContract.parcel(id, "储备", square));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        double area = created.json().path("properties").path("area_m2").asDouble();
        assertGroups(start, Map.of(industrialReserve, 1), area, "created");
        assertThat(Caller.anonymous(port)
                        .get(EditingContract.tilePath(lon, lat, 13))
                        .text())
                .as("above the cut, tiles read the parcels: the new one is in the z13 tile")
                .contains(id);

        Caller.Answer edited = admin.send(
                "PUT",
                "/api/parcels/" + id,
                EditingContract.parcel(id, "储备", square).replace("\"1001\"", "\"0701\""),
                "If-Match",
                "\"1\"");
        assertThat(edited.status()).as(edited.text()).isEqualTo(200);
        assertGroups(start, Map.of(housingReserve, 1), area, "class edited");

        Caller.Answer batch = admin.send(
                "POST",
                BatchStatusContract.BATCH,
                "{\"status\":\"出让\",\"parcels\":[{\"id\":\"" + id + "\",\"version\":2}]}");
        assertThat(batch.status()).as(batch.text()).isEqualTo(200);
        assertGroups(start, Map.of(housingSold, 1), area, "batch status");

        Caller.Answer deleted = admin.send("DELETE", "/api/parcels/" + id, null, "If-Match", "\"3\"");
        assertThat(deleted.status()).as(deleted.text()).isIn(200, 204);
        assertGroups(start, Map.of(), area, "deleted");

        Caller.Answer undeleted =
                admin.send("POST", "/api/parcels/" + id + "/undelete", null, "If-Match", deleted.header("ETag"));
        assertThat(undeleted.status()).as(undeleted.text()).isEqualTo(200);
        assertGroups(start, Map.of(housingSold, 1), area, "undeleted");

        Caller.Answer restored = admin.send(
                "POST", "/api/parcels/" + id + "/restore?version=1", null, "If-Match", undeleted.header("ETag"));
        assertThat(restored.status()).as(restored.text()).isEqualTo(200);
        assertGroups(start, Map.of(industrialReserve, 1), area, "restored to version 1");

        String imported = newId();
        byte[] file = ("{\"type\":\"FeatureCollection\",\"features\":["
                        + EditingContract.parcel(imported, "储备", square)
                                .replace("\"id\":\"" + imported + "\",", "")
                                .replace(
                                        "\"properties\":{",
                                        "\"properties\":{\"parcel_no\":\"" + imported
                                                + "\",\"landuse_name\":\"工业用地\",\"landuse_l1_code\":\"10\",\"landuse_l1_name\":\"工矿用地\",")
                        + "]}")
                .getBytes(StandardCharsets.UTF_8);
        Caller.Answer upload =
                admin.sendBytes("POST", "/api/import/parcels?filename=t.geojson", file, "application/octet-stream");
        assertThat(upload.status()).as(upload.text()).isEqualTo(202);
        String job = upload.json().path("id").asString();
        awaitReady(admin, job);
        Caller.Answer commit = admin.send("POST", "/api/import/" + job + "/commit", "{}");
        assertThat(commit.status()).as(commit.text()).isEqualTo(200);
        assertGroups(start, Map.of(industrialReserve, 2), area, "imported");
    }

    @Test
    void concurrentWritesInOneCellEachCount() throws Exception {
        double side = 0.0001;
        double lon = EditingContract.LAKE_LON + 0.001;
        double lat = EditingContract.LAKE_LAT + 0.001;
        Group group = new Group("10", "做地", lon + side / 2, lat + side / 2);
        Map<Group, long[]> start = counts(group);
        List<String> ids = List.of(newId(), newId(), newId(), newId());
        // Four writers at once, in one cell at every level: each refresh deletes and inserts the same cells' rows, so
        // they must take turns (the levels row is locked) or two would insert the same group.
        List<java.util.concurrent.Future<Caller.Answer>> answers = new ArrayList<>();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(ids.size());
        try {
            for (String id : ids) {
                answers.add(pool.submit(() -> new Caller(port, ADMIN)
                        .send(
                                "POST",
                                "/api/parcels",
                                EditingContract.parcel(id, "做地", EditingContract.square(lon, lat, side)))));
            }
            double area = 0;
            for (java.util.concurrent.Future<Caller.Answer> a : answers) {
                Caller.Answer created = a.get();
                assertThat(created.status()).as(created.text()).isEqualTo(201);
                area = created.json().path("properties").path("area_m2").asDouble();
            }
            assertGroups(start, Map.of(group, ids.size()), area, "four created at once");
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void aRebuildGivesTheRowsIncrementalUpkeepGave() {
        Caller admin = new Caller(port, ADMIN);
        for (int i = 0; i < 4; i++) {
            String id = newId();
            // Big enough to be drawn at z11 (a 300 m square), so the groups' geometries change too.
            String square = EditingContract.square(
                    EditingContract.LAKE_LON + i * 0.003, EditingContract.LAKE_LAT - 0.004, 0.003);
            Caller.Answer created =
                    admin.send("POST", "/api/parcels", EditingContract.parcel(id, i % 2 == 0 ? "储备" : "出让", square));
            assertThat(created.status()).as(created.text()).isEqualTo(201);
        }
        String moved = made.get(1);
        assertThat(admin.send(
                                "PUT",
                                "/api/parcels/" + moved,
                                EditingContract.parcel(
                                        moved,
                                        "储备",
                                        EditingContract.square(
                                                EditingContract.LAKE_LON - 0.01, EditingContract.LAKE_LAT, 0.002)),
                                "If-Match",
                                "\"1\"")
                        .status())
                .isEqualTo(200);
        assertThat(admin.send("DELETE", "/api/parcels/" + made.get(2), null, "If-Match", "\"1\"")
                        .status())
                .isIn(200, 204);
        Map<String, Object[]> incremental = rows();
        overviews.rebuild();
        Map<String, Object[]> rebuilt = rows();
        assertThat(rebuilt.keySet()).isEqualTo(incremental.keySet());
        OverviewLevels levels = overviews.levels(Layer.PARCELS).orElseThrow();
        rebuilt.forEach((key, r) -> {
            Object[] i = incremental.get(key);
            assertThat(i[0]).as(key + " count").isEqualTo(r[0]);
            assertThat((double) i[1]).as(key + " area").isCloseTo((double) r[1], within(1e-6 * (double) r[1]));
            Geometry a = wkb((byte[]) i[2]);
            Geometry b = wkb((byte[]) r[2]);
            // The union's ring may start elsewhere with its parcels read in another order, and the quarter-pixel
            // simplification follows the ring: the same shape within a pixel.
            int z = Integer.parseInt(key.split("/")[0]);
            double pixel = 360.0 / (256 * (1L << z));
            assertThat(a.getDimension()).as(key).isEqualTo(b.getDimension());
            assertThat(DiscreteHausdorffDistance.distance(a, b)).as(key).isLessThan(pixel);
        });
        assertThat(incremental.keySet().stream().map(k -> k.split("/")[0]).distinct())
                .containsExactlyInAnyOrder(java.util.stream.IntStream.rangeClosed(levels.minZoom(), levels.maxZoom())
                        .mapToObj(Integer::toString)
                        .toArray(String[]::new));
    }

    /**
     * Every z10–z13 PNG tile over the shipped parcels, as served (overviews at z10–z11, parcels above), against the
     * full render of the same tile: every visible parcel drawn by the PNG tiles' painter through {@link ViewRenderer}
     * (which reads the parcels, never overviews; its cap of max-features, 20,000, is above the 5,517 parcels, so
     * none is left out). A pixel differs when a channel, premultiplied by alpha (what shows over any basemap),
     * differs by more than 24/255: where two parcels of a class share an edge pixel, each drawn at 0.6 opacity with
     * half coverage gives 1 − 0.7² = 0.51 where their union gives 0.6, 23/255 apart; that seam is not a different
     * picture, a missing or miscoloured parcel is.
     */
    @Test
    void pngTilesFromOverviewsDifferFromTheFullRenderInAtMostTwoPercentOfPixels() throws IOException {
        double worst = 0;
        String worstTile = "";
        for (int z = 10; z <= 13; z++) {
            for (TileCoord t : tilesOverTheParcels(z)) {
                BufferedImage served = ImageIO.read(new ByteArrayInputStream(Caller.anonymous(port)
                        .get("/tiles/parcels/" + z + "/" + t.x() + "/" + t.y() + ".png")
                        .bytes()));
                BufferedImage full = new BufferedImage(256, 256, BufferedImage.TYPE_INT_ARGB);
                Graphics2D g = full.createGraphics();
                renderer.paint(
                        g,
                        new MapView(WebMercator.projected(t, 0), 256, 256, 1),
                        Audience.PUBLIC,
                        null,
                        Map.of(Layer.PARCELS, Set.of()));
                g.dispose();
                double share = differing(served, full) / (256.0 * 256.0);
                if (share > worst) {
                    worst = share;
                    worstTile = t.toString();
                }
                assertThat(share).as("pixels differing in " + t).isLessThanOrEqualTo(0.02);
            }
        }
        System.out.printf(
                Locale.ROOT,
                "overview PNG: the worst tile, %s, differs in %.3f %% of pixels%n",
                worstTile,
                worst * 100);
    }

    // ---------------------------------------------------------------- helpers

    /** A group of an overview: class, status, and the position whose cell it is in. */
    record Group(String l1, String status, double lon, double lat) {}

    private String newId() {
        String id = "T-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
        made.add(id);
        return id;
    }

    /** Per group, its feature count and area at each overview zoom, read from the served tiles (which are then cached). */
    private Map<Group, long[]> counts(Group... groups) throws IOException {
        Map<Group, long[]> counts = new LinkedHashMap<>();
        for (Group g : groups) {
            counts.put(g, read(g));
        }
        return counts;
    }

    /** [count, area · 1000] at each overview zoom, in order: min zoom first. */
    private long[] read(Group g) throws IOException {
        OverviewLevels levels = overviews.levels(Layer.PARCELS).orElseThrow();
        long[] values = new long[2 * (levels.maxZoom() - levels.minZoom() + 1)];
        int i = 0;
        for (int z = levels.minZoom(); z <= levels.maxZoom(); z++) {
            TileCoord tile = tileOf(g.lon(), g.lat(), z);
            TileCoord cell = tileOf(g.lon(), g.lat(), z + 2);
            String key = (z + 2) + "/" + cell.x() + "/" + cell.y();
            long count = 0, area = 0;
            double sum = 0;
            for (Map<String, Object> a : overviewFeatures(tile)) {
                // The group's parcels of every size band.
                if (key.equals(a.get("cell"))
                        && g.l1().equals(a.get("landuse_l1_code"))
                        && g.status().equals(a.get("status"))) {
                    count += (long) number(a, "feature_count");
                    sum += number(a, "area_m2");
                }
            }
            area = Math.round(sum * 1000);
            values[i++] = count;
            values[i++] = area;
        }
        return values;
    }

    /** Each group holds its starting count and area plus {@code added} parcels of {@code area}, at every overview zoom. */
    private void assertGroups(Map<Group, long[]> start, Map<Group, Integer> added, double area, String after)
            throws IOException {
        for (Map.Entry<Group, long[]> e : start.entrySet()) {
            int n = added.getOrDefault(e.getKey(), 0);
            long[] now = read(e.getKey());
            long[] was = e.getValue();
            for (int i = 0; i < now.length; i += 2) {
                assertThat(now[i])
                        .as(after + ": count of " + e.getKey() + " (level " + i / 2 + ")")
                        .isEqualTo(was[i] + n);
                assertThat((double) now[i + 1])
                        .as(after + ": area of " + e.getKey())
                        // The API gives areas to 0.01 m²: up to half that off per parcel added (in thousandths here).
                        .isCloseTo(was[i + 1] + n * area * 1000, within(5.0 * Math.max(1, n) + 1));
            }
        }
    }

    private void awaitReady(Caller admin, String job) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            JsonNode j = admin.get("/api/import/" + job).json();
            if (!j.path("status").asString().equals("reading")) {
                assertThat(j.path("status").asString()).as(j.toString()).isEqualTo("ready");
                assertThat(j.path("report").path("rejectedCount").asLong())
                        .as(j.toString())
                        .isZero();
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the dry run did not end");
    }

    /** The overview features of a parcels tile (those with {@code overview} true), as the public gets it. */
    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> overviewFeatures(TileCoord t) throws IOException {
        byte[] bytes = Caller.anonymous(port)
                .get("/tiles/parcels/" + t.z() + "/" + t.x() + "/" + t.y() + ".mvt")
                .bytes();
        List<Map<String, Object>> features = new ArrayList<>();
        if (bytes.length == 0) {
            return features;
        }
        JtsMvt mvt = MvtReader.loadMvt(
                new ByteArrayInputStream(bytes),
                new GeometryFactory(),
                new TagKeyValueMapConverter(),
                MvtReader.RING_CLASSIFIER_V2_1);
        JtsLayer layer = mvt.getLayer("parcels");
        if (layer == null) {
            return features;
        }
        for (Geometry g : layer.getGeometries()) {
            Map<String, Object> a = new HashMap<>((Map<String, Object>) g.getUserData());
            if (Boolean.TRUE.equals(a.get("overview"))) {
                features.add(a);
            }
        }
        return features;
    }

    private static double number(Map<String, Object> a, String name) {
        return ((Number) a.get(name)).doubleValue();
    }

    /** The tile of zoom z holding the feature's cell ("{z+2}/{x}/{y}"). */
    private static TileCoord cellTile(Map<String, Object> a, int z) {
        String[] cell = ((String) a.get("cell")).split("/");
        assertThat(Integer.parseInt(cell[0])).isEqualTo(z + 2);
        return TileCoord.of(z, Integer.parseInt(cell[1]) >> 2, Integer.parseInt(cell[2]) >> 2);
    }

    private List<TileCoord> tilesOverTheParcels(int z) {
        Map<String, Object> e =
                jdbc.queryForMap("SELECT MIN(ST_XMin(geom)) AS x0, MIN(ST_YMin(geom)) AS y0, MAX(ST_XMax(geom)) AS x1,"
                        + " MAX(ST_YMax(geom)) AS y1 FROM parcels WHERE deleted_at IS NULL");
        Envelope env = new Envelope(
                ((Number) e.get("x0")).doubleValue(),
                ((Number) e.get("x1")).doubleValue(),
                ((Number) e.get("y0")).doubleValue(),
                ((Number) e.get("y1")).doubleValue());
        TileCoord nw = tileOf(env.getMinX(), env.getMaxY(), z);
        TileCoord se = tileOf(env.getMaxX(), env.getMinY(), z);
        List<TileCoord> tiles = new ArrayList<>();
        for (int x = nw.x(); x <= se.x(); x++) {
            for (int y = nw.y(); y <= se.y(); y++) {
                tiles.add(TileCoord.of(z, x, y));
            }
        }
        return tiles;
    }

    private static TileCoord tileOf(double lon, double lat, int z) {
        int n = 1 << z;
        double r = Math.toRadians(lat);
        return TileCoord.of(z, (int) Math.floor((lon + 180) / 360 * n), (int)
                Math.floor((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2 * n));
    }

    /** The overview rows keyed "z/cell_x/cell_y/class/status/band": [count, area, WKB]. */
    private Map<String, Object[]> rows() {
        Map<String, Object[]> rows = new TreeMap<>();
        jdbc.query(
                "SELECT z, cell_x, cell_y, landuse_l1_code, status, band, feature_count, area_m2, ST_AsBinary(geom)"
                        + " FROM overviews WHERE layer = 'parcels'",
                rs -> {
                    rows.put(
                            rs.getInt(1) + "/" + rs.getInt(2) + "/" + rs.getInt(3) + "/" + rs.getString(4) + "/"
                                    + rs.getString(5) + "/" + rs.getInt(6),
                            new Object[] {rs.getInt(7), rs.getDouble(8), rs.getBytes(9)});
                });
        return rows;
    }

    /** Pixels where a premultiplied channel differs by more than 24/255. */
    private static int differing(BufferedImage a, BufferedImage b) {
        int n = 0;
        for (int y = 0; y < 256; y++) {
            for (int x = 0; x < 256; x++) {
                int[] p = premultiplied(a.getRGB(x, y));
                int[] q = premultiplied(b.getRGB(x, y));
                for (int c = 0; c < 4; c++) {
                    if (Math.abs(p[c] - q[c]) > 24) {
                        n++;
                        break;
                    }
                }
            }
        }
        return n;
    }

    private static int[] premultiplied(int argb) {
        int alpha = argb >>> 24;
        return new int[] {
            alpha, ((argb >> 16) & 0xff) * alpha / 255, ((argb >> 8) & 0xff) * alpha / 255, (argb & 0xff) * alpha / 255
        };
    }
}
