package luqiao.map.gisdata;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import luqiao.map.gisdata.GeoJson.Feature;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateList;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.buffer.BufferParameters;
import org.locationtech.jts.simplify.DouglasPeuckerSimplifier;

/**
 * The zones of the plan, plus the hand-placed features they are built from (飞龙湖 lake, 中央绿轴,
 * 南官河 centreline).
 *
 * <p>Only the district boundary is real data. Every other outline here is drawn by hand from
 * knowledge of the district (the sources have no coordinates for them) and is approximate to a few
 * hundred metres. All geometry is kept in local metres; {@link #features()} converts to lon/lat.
 */
public final class ZoneCatalog {

    /** One zone: schema properties plus its local geometry. */
    public record Zone(
            String code,
            String nameZh,
            String nameEn,
            String kind,
            String description,
            boolean isPublic,
            Geometry local) {}

    private final Sources src;
    /** District boundary shrunk by 2 m: hand-drawn shapes are clipped to it so that rounding to
     *  7 decimals (≈1 cm) can never push them outside. */
    final Geometry inner;

    /** 南官河 centreline through the old town, north to south (hand-traced, approximate). */
    final LineString nanguanRiver;
    /** 飞龙湖 water body (an irregular ellipse), excluded from all parcels. */
    final Polygon lake;
    /** 中央绿轴公园: green axis running south from the lake. */
    final Polygon greenAxis;

    /** 南官河城区绿道: along the east bank, 25 m off the river centreline. */
    final LineString greenway;
    /** 一号公路 along the east seawall (derived from the real boundary, see deriveRouteNo1). */
    final LineString routeNo1;

    /** Project sites that parcels must respect (their land use is forced inside them). */
    final Polygon autoPartsBase;

    final Polygon eMotoPark;
    final Polygon dryPortBase;

    final List<Zone> zones = new ArrayList<>();
    private final Map<String, Zone> byCode = new LinkedHashMap<>();

    public ZoneCatalog(Sources src) {
        this.src = src;
        this.inner = src.boundaryLocal.buffer(-2.0);
        this.nanguanRiver = line(
                121.3805, 28.5940, 121.3799, 28.5900, 121.3790, 28.5850, 121.3784, 28.5810, 121.3781, 28.5790, 121.3778,
                28.5760, 121.3772, 28.5720, 121.3766, 28.5680, 121.3760, 28.5640, 121.3752, 28.5600, 121.3745, 28.5560,
                121.3738, 28.5515);
        this.lake = lakeOutline(Coords.toLocal(121.3558, 28.5978), 390, 210, 22);
        // The axis starts at the lake and runs south; the water itself is cut out of it.
        Geometry axis = line(121.3562, 28.5975, 121.3580, 28.5920, 121.3590, 28.5885)
                .buffer(80, 8, BufferParameters.CAP_FLAT)
                .difference(lake.buffer(25));
        this.greenAxis = largest(axis);
        this.greenway = shifted(nanguanRiver, 25, 0);
        this.routeNo1 = deriveRouteNo1();
        // 1000 mu = 666,666.7 m², laid out as a 1000 m x 666.667 m block aligned with the
        // 滨海 street grid (4.5°). The local frame is exact to ~0.02 % here, so the area holds.
        this.autoPartsBase = rectangle(Coords.toLocal(121.5420, 28.5700), 1000.0, 10000.0 / 15.0, 4.5);
        this.eMotoPark = rectangle(Coords.toLocal(121.5610, 28.5790), 700, 450, 4.5);
        this.dryPortBase = rectangle(Coords.toLocal(121.4640, 28.5550), 900, 600, -5);
        build();
    }

    private static double length(CoordinateList cs) {
        double len = 0;
        for (int i = 1; i < cs.size(); i++) {
            len += cs.getCoordinate(i - 1).distance(cs.getCoordinate(i));
        }
        return len;
    }

    /**
     * 一号公路: follows the east seawall about 350 m inland. Derived from the (real) boundary: the
     * mainland shrunk by 350 m, the stretch of its outline along the east coast, simplified.
     */
    private LineString deriveRouteNo1() {
        Polygon mainland = ZoneCatalog.largest(inner);
        Polygon shrunk = ZoneCatalog.largest(mainland.buffer(-350));
        Coordinate[] ring = shrunk.getExteriorRing().getCoordinates();
        Coordinate lo = Coords.toLocal(121.6000, 28.4900);
        Coordinate hi = Coords.toLocal(121.7000, 28.5750);
        // Find the longest (in metres) run of consecutive ring vertices inside the coastal window
        // (the ring is cyclic, so walk it twice).
        int n = ring.length - 1;
        CoordinateList best = new CoordinateList();
        CoordinateList cur = new CoordinateList();
        for (int i = 0; i < 2 * n; i++) {
            Coordinate c = ring[i % n];
            boolean in = c.x > lo.x && c.x < hi.x && c.y > lo.y && c.y < hi.y;
            if (in && cur.size() < n) {
                cur.add(c, false);
                if (length(cur) > length(best)) {
                    best = new CoordinateList(cur.toCoordinateArray());
                }
            } else {
                cur = new CoordinateList();
            }
        }
        LineString raw = Coords.GF.createLineString(best.toCoordinateArray());
        return (LineString) DouglasPeuckerSimplifier.simplify(raw, 40);
    }

    private static LineString shifted(LineString l, double dx, double dy) {
        Coordinate[] cs = l.getCoordinates();
        Coordinate[] out = new Coordinate[cs.length];
        for (int i = 0; i < cs.length; i++) {
            out[i] = new Coordinate(cs[i].x + dx, cs[i].y + dy);
        }
        return Coords.GF.createLineString(out);
    }

    /** Rectangle of w x h metres centred on c, rotated anticlockwise by angleDeg. */
    static Polygon rectangle(Coordinate c, double w, double h, double angleDeg) {
        double a = Math.toRadians(angleDeg);
        double[][] corners = {{-w / 2, -h / 2}, {w / 2, -h / 2}, {w / 2, h / 2}, {-w / 2, h / 2}};
        Coordinate[] cs = new Coordinate[5];
        for (int i = 0; i < 4; i++) {
            double x = corners[i][0];
            double y = corners[i][1];
            cs[i] = new Coordinate(c.x + x * Math.cos(a) - y * Math.sin(a), c.y + x * Math.sin(a) + y * Math.cos(a));
        }
        cs[4] = cs[0];
        return Coords.GF.createPolygon(cs);
    }

    private void build() {
        add(
                "331004",
                "路桥区",
                "Luqiao District",
                "district",
                "锚定“三大目标”“三大战略”“三大导向”,谱写中国式现代化路桥新篇章。",
                true,
                src.boundaryLocal);
        add(
                "FLH",
                "飞龙湖",
                "Feilong Lake",
                "key_zone",
                "实施飞龙湖新一轮开发三年行动,基本建成中央绿轴公园,形成城市新封面。",
                true,
                clip(poly(
                        121.3400, 28.5880, 121.3715, 28.5880, 121.3730, 28.6020, 121.3560, 28.6120, 121.3440, 28.6120,
                        121.3395, 28.6000)));
        // A ~300 m band along the river, flat-capped: the historic street is long and narrow.
        LineString street = line(
                121.3799, 28.5900, 121.3790, 28.5850, 121.3784, 28.5810, 121.3781, 28.5790, 121.3778, 28.5760, 121.3772,
                28.5720, 121.3766, 28.5680); // = the river between 28.568 and 28.590
        add(
                "SLCJ",
                "十里长街",
                "Shili Long Street",
                "key_zone",
                "以十里长街为主承载,突出业态招引和文化植入,打造全省一流非遗特色历史文化街区。",
                true,
                clip(street.buffer(150, 8, BufferParameters.CAP_FLAT)));
        // East coast of 金清镇 inside the seawall, plus the two islets just offshore.
        add(
                "HJBS",
                "黄礁白沙",
                "Huangjiao-Baisha",
                "key_zone",
                "完成黄礁白沙区块规划编制,加快一号公路项目进度,开工“台州·海上括花湾”样板段工程。",
                true,
                clip(poly(
                        121.5990, 28.5050, 121.6450, 28.4960, 121.6600, 28.5150, 121.6600, 28.5600, 121.6150, 28.5620,
                        121.6000, 28.5450)));
        add(
                "FLQC",
                "方林汽车现代服务业创新发展区",
                "Fanglin Automotive Modern Service Innovation Zone",
                "key_zone",
                "加快建设方林汽车现代服务业创新发展区,全力打造全国二手车出口示范基地、长三角南翼汽车商贸服务中心。",
                true,
                clip(poly(121.3900, 28.5420, 121.4100, 28.5420, 121.4100, 28.5550, 121.3900, 28.5550)));
        add(
                "ZHLG",
                "智慧陆港新区",
                "Smart Dry Port New Area",
                "logistics",
                "投用智慧陆港新区物流基地,争创现代交通物流产业链省级交通强国试点。",
                true,
                clip(poly(121.4520, 28.5470, 121.4760, 28.5470, 121.4760, 28.5630, 121.4520, 28.5630)));
        add(
                "KGWL",
                "机场空港物流片区",
                "Airport Logistics Area",
                "logistics",
                "加快机场冷链物流中心建设,争创现代交通物流产业链省级交通强国试点。",
                true,
                clip(poly(121.4300, 28.5630, 121.4420, 28.5630, 121.4420, 28.5720, 121.4300, 28.5720)));
        add(
                "YGJJ",
                "国家级渔港经济区",
                "National Fishing Port Economic Zone",
                "port",
                "全面启动省级现代农业产业园、国家级渔港经济区创建。",
                true,
                clip(poly(121.5120, 28.4940, 121.5420, 28.4940, 121.5420, 28.5120, 121.5120, 28.5120)));
        add(
                "BHGY",
                "滨海工业城",
                "Binhai Industrial City",
                "industrial_park",
                "大力推进千亩新能源汽车零部件基地、高端电摩产业园建设,推动“4+2+2”行业扩大产能。",
                true,
                clip(poly(121.4990, 28.5530, 121.5760, 28.5530, 121.5760, 28.5950, 121.4990, 28.5950)));
        add(
                "HBYG",
                "海滨渔耕精品示范片区",
                "Seaside Fishing and Farming Showcase Area",
                "rural_showcase",
                "深化七大精品示范片区建设,打造“海滨渔耕”“如意柿界”等一批美丽片区。",
                true,
                clip(poly(121.6080, 28.4480, 121.6520, 28.4480, 121.6520, 28.4870, 121.6080, 28.4870)));
        add(
                "RYSJ",
                "如意柿界精品示范片区",
                "Ruyi Persimmon Showcase Area",
                "rural_showcase",
                "深化七大精品示范片区建设,打造“海滨渔耕”“如意柿界”等一批美丽片区。",
                true,
                clip(poly(121.3000, 28.5380, 121.3320, 28.5380, 121.3320, 28.5560, 121.3000, 28.5560)));
        add(
                "TDCB",
                "路北桐屿土地储备片区",
                "Lubei-Tongyu Land Reserve Area",
                "key_zone",
                "紧盯做地提速,滚动推进做地、储备、出让三个千亩行动,变“项目等土地”为“土地等项目”。",
                false,
                clip(poly(121.3380, 28.5750, 121.3500, 28.5750, 121.3500, 28.5850, 121.3380, 28.5850)));
        add(
                "DXZZ",
                "滨海工业低效用地整治片区",
                "Binhai Low-efficiency Industrial Land Renewal Area",
                "industrial_park",
                "持续深化工业低效用地整治,改造提升一批、盘活置换一批、倒逼腾退一批。",
                false,
                clip(poly(121.5000, 28.5600, 121.5200, 28.5600, 121.5200, 28.5780, 121.5000, 28.5780)));
    }

    private void add(String code, String zh, String en, String kind, String desc, boolean pub, Geometry local) {
        Zone z = new Zone(code, zh, en, kind, desc, pub, local);
        zones.add(z);
        byCode.put(code, z);
    }

    public Geometry zone(String code) {
        return byCode.get(code).local();
    }

    public List<Feature> features() {
        List<Feature> out = new ArrayList<>();
        for (Zone z : zones) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("code", z.code());
            p.put("name_zh", z.nameZh());
            p.put("name_en", z.nameEn());
            p.put("kind", z.kind());
            p.put("description", z.description());
            p.put("public", z.isPublic());
            Geometry lonLat = GeoJson.roundTo7(Coords.toLonLat(z.local()));
            out.add(new Feature(p, asMulti(lonLat)));
        }
        return out;
    }

    // ---- small geometry helpers (input in WGS 84 lon/lat pairs, output local metres) ------------

    Geometry clip(Geometry local) {
        return inner.intersection(local);
    }

    static Polygon poly(double... lonLat) {
        Coordinate[] cs = new Coordinate[lonLat.length / 2 + 1];
        for (int i = 0; i < lonLat.length / 2; i++) {
            cs[i] = Coords.toLocal(lonLat[2 * i], lonLat[2 * i + 1]);
        }
        cs[cs.length - 1] = cs[0];
        return Coords.GF.createPolygon(cs);
    }

    static LineString line(double... lonLat) {
        Coordinate[] cs = new Coordinate[lonLat.length / 2];
        for (int i = 0; i < cs.length; i++) {
            cs[i] = Coords.toLocal(lonLat[2 * i], lonLat[2 * i + 1]);
        }
        return Coords.GF.createLineString(cs);
    }

    /** An ellipse with a gentle deterministic wobble so the shore does not look machine-made. */
    static Polygon lakeOutline(Coordinate c, double a, double b, double rotDeg) {
        int n = 72;
        Coordinate[] cs = new Coordinate[n + 1];
        double rot = Math.toRadians(rotDeg);
        for (int i = 0; i < n; i++) {
            double t = 2 * Math.PI * i / n;
            double wobble = 1 + 0.08 * Math.sin(3 * t) + 0.05 * Math.cos(5 * t + 1);
            double x = a * Math.cos(t) * wobble;
            double y = b * Math.sin(t) * wobble;
            cs[i] = new Coordinate(
                    c.x + x * Math.cos(rot) - y * Math.sin(rot), c.y + x * Math.sin(rot) + y * Math.cos(rot));
        }
        cs[n] = cs[0];
        return Coords.GF.createPolygon(cs);
    }

    static Polygon largest(Geometry g) {
        Polygon best = null;
        for (Polygon p : GeoJson.polygons(g)) {
            if (best == null || p.getArea() > best.getArea()) {
                best = p;
            }
        }
        return best;
    }

    static MultiPolygon asMulti(Geometry g) {
        if (g instanceof MultiPolygon mp) {
            return mp;
        }
        List<Polygon> ps = GeoJson.polygons(g);
        return Coords.GF.createMultiPolygon(ps.toArray(new Polygon[0]));
    }
}
