package luqiao.map.gisdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.PolygonArea;
import net.sf.geographiclib.PolygonResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Checks the shipped data set in {@code gis-data/} (relative to the Maven project dir) against the
 * schema the server relies on. Plain JUnit, no Spring; needs nothing outside the repository.
 */
class ShippedDataSetTest {

    private static final Path DIR = Path.of("gis-data");

    private static JsonNode zones;
    private static JsonNode projects;
    private static JsonNode parcels;
    /** District boundary in local metres, grown by the 1 m tolerance. */
    private static PreparedGeometry districtPlus1m;

    private static Map<String, Sources.LandUse> codes;

    @BeforeAll
    static void load() throws IOException {
        ObjectMapper om = new ObjectMapper();
        zones = om.readTree(DIR.resolve("zones.geojson").toFile()).get("features");
        projects = om.readTree(DIR.resolve("projects.geojson").toFile()).get("features");
        parcels = om.readTree(DIR.resolve("parcels.geojson").toFile()).get("features");
        codes = Sources.readLandUses(DIR.resolve("landuse_ydyh_2023_codes.csv"));
        Geometry district = null;
        for (JsonNode z : zones) {
            if (z.get("properties").get("code").asString().equals("331004")) {
                district = GeoJson.readGeometry(z.get("geometry"));
            }
        }
        assertNotNull(district, "district 331004 missing");
        districtPlus1m =
                PreparedGeometryFactory.prepare(Coords.toLocal(district).buffer(1.0));
    }

    // ---- files ----------------------------------------------------------------------------------

    @Test
    void filesAreUtf8WithChineseCharactersAndSevenDecimals() throws IOException {
        Pattern tooPrecise = Pattern.compile("\\d\\.\\d{8,}");
        for (String f : List.of("zones.geojson", "projects.geojson", "parcels.geojson")) {
            String text = Files.readString(DIR.resolve(f), StandardCharsets.UTF_8);
            assertFalse(text.contains("\\u"), f + " has \\u escapes");
            Matcher m = tooPrecise.matcher(text);
            assertFalse(m.find(), f + " has a number with more than 7 decimals");
            assertTrue(text.startsWith("{\"type\":\"FeatureCollection\""), f);
        }
        assertTrue(Files.size(DIR.resolve("parcels.geojson")) < 3_200_000, "parcels.geojson too large");
    }

    // ---- zones ----------------------------------------------------------------------------------

    @Test
    void zonesHaveSchemaAndKeyZones() {
        Set<String> kinds = Set.of("district", "key_zone", "industrial_park", "logistics", "rural_showcase", "port");
        Set<String> codesSeen = new HashSet<>();
        Set<String> names = new HashSet<>();
        int nonPublic = 0;
        for (JsonNode f : zones) {
            JsonNode p = f.get("properties");
            assertTrue(codesSeen.add(p.get("code").asString()), "duplicate zone code " + p.get("code"));
            names.add(p.get("name_zh").asString());
            assertTrue(kinds.contains(p.get("kind").asString()), "kind " + p.get("kind"));
            assertTrue(p.get("name_en").isNull() || p.get("name_en").isString());
            assertTrue(p.get("description").asString().length() > 5);
            assertTrue(p.get("public").isBoolean());
            nonPublic += p.get("public").asBoolean() ? 0 : 1;
            Geometry g = geometry(f);
            assertTrue(g instanceof MultiPolygon, "zone geometry must be MultiPolygon");
            assertValidRfc7946(g, p.get("code").asString());
            assertInsideDistrict(g, "zone " + p.get("code"));
        }
        assertTrue(names.containsAll(List.of("路桥区", "飞龙湖", "十里长街", "黄礁白沙")), "missing key zones: " + names);
        assertTrue(codesSeen.containsAll(List.of("331004", "FLH", "SLCJ", "HJBS")));
        assertEquals(2, nonPublic, "two zones are internal (public=false)");
    }

    @Test
    void keyZonesAreWhereTheyReallyAre() {
        assertCentroidNear("FLH", 121.340, 121.375, 28.588, 28.612);
        assertCentroidNear("SLCJ", 121.375, 121.382, 28.570, 28.590);
        assertCentroidNear("HJBS", 121.600, 121.660, 28.500, 28.565);
        // 十里长街 is a long narrow band: ~2–3 km long.
        Geometry slcj = Coords.toLocal(zoneGeometry("SLCJ"));
        Envelope e = slcj.getEnvelopeInternal();
        assertTrue(e.getHeight() > 2000 && e.getHeight() < 3000, "十里长街 length " + e.getHeight());
        assertTrue(e.getWidth() < 800, "十里长街 width " + e.getWidth());
    }

    // ---- projects -------------------------------------------------------------------------------

    @Test
    void projectsHaveSchemaAndCoverEveryStageAndCategory() {
        Set<String> categories = Set.of("产业转型", "城市提能", "民生优享", "绿色生态");
        Set<String> stages = Set.of("谋划", "前期", "招引", "开工", "竣工");
        Set<String> seenCat = new HashSet<>();
        Set<String> seenStage = new HashSet<>();
        Set<String> seenCodes = new HashSet<>();
        int over1yi = 0;
        int over50yi = 0;
        assertTrue(projects.size() >= 45, "only " + projects.size() + " projects");
        for (JsonNode f : projects) {
            JsonNode p = f.get("properties");
            String code = p.get("code").asString();
            assertTrue(code.matches("P2024-\\d{3}"), code);
            assertTrue(seenCodes.add(code), "duplicate project code " + code);
            assertTrue(p.get("name_zh").asString().length() > 1);
            assertTrue(p.get("name_en").isNull() || p.get("name_en").isString());
            assertTrue(categories.contains(p.get("category").asString()), code);
            assertTrue(stages.contains(p.get("stage").asString()), code);
            seenCat.add(p.get("category").asString());
            seenStage.add(p.get("stage").asString());
            assertTrue(
                    p.get("investment_wan").isNumber()
                            && p.get("investment_wan").asDouble() > 0,
                    code);
            over1yi += p.get("investment_wan").asDouble() >= 10000 ? 1 : 0;
            over50yi += p.get("investment_wan").asDouble() >= 500000 ? 1 : 0;
            assertFalse(p.get("responsible_unit").asString().isBlank(), code);
            assertDatesMatchStage(p);
            Geometry g = geometry(f);
            String type = g.getGeometryType();
            assertTrue(Set.of("Point", "LineString", "Polygon").contains(type), code + " " + type);
            assertValidRfc7946(g, code);
            assertInsideDistrict(g, "project " + code);
        }
        assertEquals(categories, seenCat);
        assertEquals(stages, seenStage);
        assertTrue(over1yi >= 5, "projects of 1亿元+: " + over1yi);
        assertTrue(over50yi >= 1, "no project of 50亿元+");
    }

    @Test
    void namedProjectsHaveTheirGeometryTypes() {
        assertEquals("LineString", projectGeometry("南官河城区绿道").getGeometryType());
        assertEquals("LineString", projectGeometry("一号公路").getGeometryType());
        assertTrue(countProjects("断头路", "LineString") >= 2, "at least two 断头路 lines");
        for (String poly : List.of("千亩新能源汽车零部件基地", "中央绿轴公园", "高端电摩产业园", "智慧陆港新区物流基地")) {
            assertEquals("Polygon", projectGeometry(poly).getGeometryType(), poly);
        }
        for (String pt : List.of("机场冷链物流中心", "数字贸易产业园", "再生金属交易中心", "国际科学家创业基地南区", "职业教育中心", "渔港")) {
            assertEquals("Point", projectGeometry(pt).getGeometryType(), pt);
        }
        // The greenway follows the river N–S through 十里长街.
        Geometry greenway = Coords.toLocal(projectGeometry("南官河城区绿道"));
        Envelope ge = greenway.getEnvelopeInternal();
        assertTrue(ge.getHeight() > 3 * ge.getWidth(), "greenway should run north–south");
        assertTrue(greenway.intersects(Coords.toLocal(zoneGeometry("SLCJ"))), "greenway must pass 十里长街");
        // 中央绿轴公园 lies inside 飞龙湖.
        assertTrue(Coords.toLocal(zoneGeometry("FLH")).buffer(1).covers(Coords.toLocal(projectGeometry("中央绿轴公园"))));
        // The cold-chain centre is near the airport (121.4290, 28.5622).
        Coordinate airport = Coords.toLocal(121.4290, 28.5622);
        assertTrue(Coords.toLocal(projectGeometry("机场冷链物流中心")).getCoordinate().distance(airport) < 1500);
    }

    /**
     * 1000 mu = 666,667 m² (±3 %). Area in a local equirectangular frame centred on the polygon:
     * x = N·cosφ₀·Δλ, y = M·Δφ with the WGS 84 radii at the centroid latitude φ₀. Its area scale is
     * cosφ/cosφ₀ ≈ 1 − tanφ₀·(φ−φ₀); over a ~1 km polygon |φ−φ₀| < 1e-4 rad, so the error is below
     * 1e-4 (and cancels to first order about the centroid) — far inside 3 %. Cross-checked against
     * the geodesic area (GeographicLib, as PostGIS geography uses).
     */
    @Test
    void thousandMuBaseHasTheRightArea() {
        Polygon base = (Polygon) projectGeometry("千亩新能源汽车零部件基地");
        double local = localEqualArea(base);
        assertEquals(666_667, local, 666_667 * 0.03, "1000-mu base area " + local);
        PolygonArea pa = new PolygonArea(Geodesic.WGS84, false);
        for (Coordinate c : base.getExteriorRing().getCoordinates()) {
            pa.AddPoint(c.y, c.x);
        }
        PolygonResult r = pa.Compute(false, true);
        assertEquals(Math.abs(r.area), local, local * 0.001, "local vs geodesic area");
    }

    // ---- parcels --------------------------------------------------------------------------------

    @Test
    void parcelsHaveSchema() {
        Set<String> statuses = Set.of("做地", "储备", "出让", "已供");
        Set<String> renovations = Set.of("改造提升", "盘活置换", "倒逼腾退");
        Set<String> seenRenovation = new HashSet<>();
        Set<String> numbers = new HashSet<>();
        int industrial = 0;
        int renovated = 0;
        int farmland = 0;
        int protectedFarmland = 0;
        assertTrue(parcels.size() >= 3200, "only " + parcels.size() + " parcels");
        for (JsonNode f : parcels) {
            JsonNode p = f.get("properties");
            String no = p.get("parcel_no").asString();
            assertTrue(no.matches("LQ-[A-Z]+-\\d{5}"), no);
            assertTrue(numbers.add(no), "duplicate parcel_no " + no);
            String code = p.get("landuse_code").asString();
            Sources.LandUse lu = codes.get(code);
            assertNotNull(lu, no + ": land-use code not in the 2023 list: " + code);
            assertEquals(lu.name(), p.get("landuse_name").asString(), no);
            assertEquals(lu.l1Code(), p.get("landuse_l1_code").asString(), no);
            assertEquals(lu.l1Name(), p.get("landuse_l1_name").asString(), no);
            assertTrue(statuses.contains(p.get("status").asString()), no);
            boolean isIndustrial = Set.of("1001", "1002", "1003").contains(code);
            industrial += isIndustrial ? 1 : 0;
            if (!p.get("renovation").isNull()) {
                assertTrue(isIndustrial, no + ": renovation on non-industrial land " + code);
                assertTrue(renovations.contains(p.get("renovation").asString()), no);
                seenRenovation.add(p.get("renovation").asString());
                renovated++;
            }
            assertTrue(p.get("farmland_protected").isBoolean(), no);
            boolean isFarmland = code.startsWith("01");
            farmland += isFarmland ? 1 : 0;
            if (p.get("farmland_protected").asBoolean()) {
                assertTrue(isFarmland, no + ": farmland_protected on " + code);
                protectedFarmland++;
            }
            assertFalse(p.get("owner").asString().isBlank(), no);
            assertEquals(
                    nearestSeat(geometry(f).getInteriorPoint().getCoordinate()),
                    p.get("town").asString(),
                    no);
        }
        assertEquals(renovations, seenRenovation, "all three renovation actions occur");
        double renShare = (double) renovated / industrial;
        assertTrue(renShare > 0.1 && renShare < 0.7, "renovation share of industrial land " + renShare);
        double farmShare = (double) protectedFarmland / farmland;
        assertTrue(farmShare > 0.4 && farmShare < 0.95, "protected share of farmland " + farmShare);
    }

    @Test
    void parcelGeometriesAreValidInsideTheDistrictAndNotSlivers() {
        for (JsonNode f : parcels) {
            String no = f.get("properties").get("parcel_no").asString();
            Geometry g = geometry(f);
            assertTrue(g instanceof MultiPolygon, no + " must be MultiPolygon");
            assertValidRfc7946(g, no);
            Geometry local = Coords.toLocal(g);
            for (int i = 0; i < local.getNumGeometries(); i++) {
                assertTrue(
                        local.getGeometryN(i).getArea() >= 200,
                        no + ": sliver " + local.getGeometryN(i).getArea());
            }
            assertInsideDistrict(g, "parcel " + no);
        }
    }

    @Test
    void parcelsDoNotOverlap() {
        List<Geometry> local = new ArrayList<>();
        STRtree tree = new STRtree();
        for (JsonNode f : parcels) {
            Geometry g = Coords.toLocal(geometry(f));
            g.setUserData(f.get("properties").get("parcel_no").asString());
            local.add(g);
            tree.insert(g.getEnvelopeInternal(), g);
        }
        for (Geometry a : local) {
            for (Object o : tree.query(a.getEnvelopeInternal())) {
                Geometry b = (Geometry) o;
                if (a == b || ((String) a.getUserData()).compareTo((String) b.getUserData()) > 0) {
                    continue; // each pair once
                }
                if (a.intersects(b)) {
                    double overlap = a.intersection(b).getArea();
                    assertTrue(
                            overlap < 0.01,
                            a.getUserData() + " overlaps " + b.getUserData() + " by " + overlap + " m²");
                }
            }
        }
    }

    @Test
    void keyZonesAreCoveredByParcelsWithFittingLandUse() {
        Map<String, Map<String, Integer>> useByZone = new HashMap<>();
        for (String zone : List.of("FLH", "SLCJ", "HJBS")) {
            PreparedGeometry z = PreparedGeometryFactory.prepare(Coords.toLocal(zoneGeometry(zone)));
            Map<String, Integer> uses = new HashMap<>();
            for (JsonNode f : parcels) {
                if (z.contains(Coords.toLocal(geometry(f)).getInteriorPoint())) {
                    uses.merge(f.get("properties").get("landuse_code").asString(), 1, Integer::sum);
                }
            }
            useByZone.put(zone, uses);
        }
        assertTrue(
                useByZone.get("FLH").keySet().containsAll(List.of("1401", "0701", "0901")),
                "飞龙湖 uses " + useByZone.get("FLH"));
        assertTrue(
                useByZone.get("SLCJ").keySet().containsAll(List.of("0901", "1504")),
                "十里长街 uses " + useByZone.get("SLCJ"));
        assertTrue(
                useByZone.get("HJBS").keySet().containsAll(List.of("0101", "2302")),
                "黄礁白沙 uses " + useByZone.get("HJBS"));
        for (Map<String, Integer> uses : useByZone.values()) {
            assertTrue(
                    uses.values().stream().mapToInt(Integer::intValue).sum() >= 100,
                    "key zone sparsely parcelled: " + uses);
        }
    }

    // ---- helpers --------------------------------------------------------------------------------

    /** The 11 town-level seats (luqiao_places_found.csv, WGS-84-derived columns). */
    private static final Object[][] SEATS = {
        {"路南街道", 121.392692, 28.561593}, {"路桥街道", 121.378334, 28.580907}, {"路北街道", 121.350624, 28.594716},
        {"螺洋街道", 121.325829, 28.561266}, {"桐屿街道", 121.322383, 28.594902}, {"峰江街道", 121.380236, 28.539542},
        {"新桥镇", 121.414728, 28.523141}, {"横街镇", 121.438466, 28.535934}, {"金清镇", 121.514473, 28.510894},
        {"蓬街镇", 121.481558, 28.555406}, {"滨海工业城", 121.521756, 28.584158},
    };

    private static String nearestSeat(Coordinate lonLat) {
        Coordinate p = Coords.toLocal(lonLat.x, lonLat.y);
        String best = null;
        double bestD = Double.MAX_VALUE;
        for (Object[] s : SEATS) {
            double d = Coords.toLocal((Double) s[1], (Double) s[2]).distance(p);
            if (d < bestD) {
                bestD = d;
                best = (String) s[0];
            }
        }
        return best;
    }

    private static void assertDatesMatchStage(JsonNode p) {
        String stage = p.get("stage").asString();
        String code = p.get("code").asString();
        LocalDate ps = date(p, "planned_start");
        LocalDate pf = date(p, "planned_finish");
        LocalDate as = date(p, "actual_start");
        LocalDate af = date(p, "actual_finish");
        boolean started = stage.equals("开工") || stage.equals("竣工");
        assertEquals(started, as != null, code + ": actual_start vs stage " + stage);
        assertEquals(stage.equals("竣工"), af != null, code + ": actual_finish vs stage " + stage);
        if (ps != null && pf != null) {
            assertTrue(!pf.isBefore(ps), code + ": planned finish before start");
        }
        if (as != null && af != null) {
            assertTrue(!af.isBefore(as), code + ": actual finish before start");
        }
        if (!stage.equals("谋划")) {
            assertNotNull(ps, code + ": planned_start expected from 前期 on");
        }
    }

    private static LocalDate date(JsonNode p, String field) {
        JsonNode v = p.get(field);
        assertNotNull(v, "field " + field + " missing");
        if (v.isNull()) {
            return null;
        }
        assertTrue(v.asString().matches("\\d{4}-\\d{2}-\\d{2}"), field + " " + v);
        return LocalDate.parse(v.asString());
    }

    private static void assertValidRfc7946(Geometry g, String what) {
        assertTrue(g.isValid(), what + ": invalid geometry");
        assertFalse(g.isEmpty(), what + ": empty geometry");
        for (int i = 0; i < g.getNumGeometries(); i++) {
            if (g.getGeometryN(i) instanceof Polygon p) {
                assertTrue(Orientation.isCCW(p.getExteriorRing().getCoordinates()), what + ": exterior ring not CCW");
            }
        }
    }

    private static void assertInsideDistrict(Geometry lonLat, String what) {
        if (!districtPlus1m.covers(Coords.toLocal(lonLat))) {
            fail(what + " is outside the district boundary");
        }
    }

    private static void assertCentroidNear(String code, double lon0, double lon1, double lat0, double lat1) {
        Coordinate c = zoneGeometry(code).getCentroid().getCoordinate();
        assertTrue(c.x > lon0 && c.x < lon1 && c.y > lat0 && c.y < lat1, code + " centroid at " + c);
    }

    /** Area in metres² in an equirectangular frame centred on the polygon's own centroid. */
    static double localEqualArea(Polygon lonLat) {
        Coordinate c = lonLat.getCentroid().getCoordinate();
        double kx = Coords.metresPerDegLon(c.y);
        double ky = Coords.metresPerDegLat(c.y);
        Coordinate[] ring = lonLat.getExteriorRing().getCoordinates();
        double sum = 0;
        for (int i = 0; i + 1 < ring.length; i++) {
            double x0 = (ring[i].x - c.x) * kx;
            double y0 = (ring[i].y - c.y) * ky;
            double x1 = (ring[i + 1].x - c.x) * kx;
            double y1 = (ring[i + 1].y - c.y) * ky;
            sum += x0 * y1 - x1 * y0;
        }
        return Math.abs(sum) / 2;
    }

    private static Geometry geometry(JsonNode feature) {
        return GeoJson.readGeometry(feature.get("geometry"));
    }

    private static Geometry zoneGeometry(String code) {
        for (JsonNode z : zones) {
            if (z.get("properties").get("code").asString().equals(code)) {
                return geometry(z);
            }
        }
        throw new AssertionError("zone " + code + " missing");
    }

    private static Geometry projectGeometry(String nameContains) {
        for (JsonNode f : projects) {
            if (f.get("properties").get("name_zh").asString().contains(nameContains)) {
                return geometry(f);
            }
        }
        throw new AssertionError("no project named like " + nameContains);
    }

    private static int countProjects(String nameContains, String type) {
        int n = 0;
        for (JsonNode f : projects) {
            if (f.get("properties").get("name_zh").asString().contains(nameContains)
                    && geometry(f).getGeometryType().equals(type)) {
                n++;
            }
        }
        return n;
    }
}
