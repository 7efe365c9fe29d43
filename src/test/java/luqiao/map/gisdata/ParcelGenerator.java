package luqiao.map.gisdata;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import luqiao.map.gisdata.GeoJson.Feature;
import luqiao.map.gisdata.Sources.LandUse;
import luqiao.map.gisdata.Sources.Place;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.geom.util.AffineTransformation;

/**
 * Generates synthetic cadastral parcels: in each region a slightly rotated street grid of blocks
 * (120–420 m, roads 15–30 m wide between them), every block cut into a few parcels, everything
 * clipped to the land that region may use. All of it is invented and only the placement is meant
 * to be plausible; the README says so.
 *
 * <p>Non-overlap is by construction: blocks are separated by roads, parcels inside a block by a
 * 1 m strip (a boundary ditch/wall), and regions are made disjoint before gridding. The 1 m strip
 * also means rounding to 7 decimals (≤ 1 cm) can never create an overlap.
 */
final class ParcelGenerator {

    /** Picks a level-2 land-use code for a parcel centred at c (local metres). */
    interface Picker {
        String pick(Coordinate c, Random r);
    }

    /** One gridded region. */
    record Region(
            String key,
            Geometry area,
            double angleDeg,
            double minBlock,
            double maxBlock,
            int minSplit,
            int maxSplit,
            boolean strips,
            Picker picker) {}

    private static final double MIN_AREA = 200.0;
    private static final double GAP_IN_BLOCK = 1.0;

    private final Sources src;
    private final ZoneCatalog zones;
    private final Random rnd;
    private final Geometry coastLine;

    ParcelGenerator(Sources src, ZoneCatalog zones, Random rnd) {
        this.src = src;
        this.zones = zones;
        this.rnd = rnd;
        this.coastLine = src.boundaryLocal.getBoundary();
    }

    // ---- regions --------------------------------------------------------------------------------

    private List<Region> regions() {
        ZoneCatalog z = zones;
        List<Region> out = new ArrayList<>();
        // The central green axis is one park, split into a few lots.
        out.add(new Region("FLH", z.greenAxis, -12, 90, 220, 1, 2, false, (c, r) -> "1401"));
        // 十里长街 next: small lots on a grid turned ~5° to follow the river.
        out.add(new Region("SLCJ", z.zone("SLCJ"), -5.3, 60, 120, 2, 4, false, this::pickCentral));
        out.add(new Region("FLH", z.zone("FLH"), 8, 120, 280, 2, 5, false, this::pickCentral));
        // The rest of the old town: roads run ~8° off north.
        out.add(new Region(
                "CQ", rect(121.3340, 28.5560, 121.4020, 28.6120), 8, 150, 330, 2, 4, false, this::pickCentral));
        out.add(new Region(
                "FLQC",
                rect(121.3860, 28.5380, 121.4160, 28.5560),
                12,
                160,
                340,
                2,
                4,
                false,
                (c, r) ->
                        weighted(r, "0901", 38, "0902", 14, "1101", 18, "1001", 14, "1208", 6, "1402", 5, "0701", 5)));
        out.add(new Region(
                "ZHLG",
                rect(121.4500, 28.5450, 121.4780, 28.5650),
                -5,
                220,
                420,
                1,
                3,
                false,
                (c, r) -> inside(z.dryPortBase, c)
                        ? "1101"
                        : weighted(r, "1101", 50, "1001", 22, "1208", 8, "1303", 2, "1402", 6, "0901", 6, "0703", 6)));
        out.add(new Region(
                "BHGY",
                rect(121.4970, 28.5520, 121.5780, 28.5950),
                4.5,
                200,
                420,
                1,
                3,
                false,
                (c, r) -> inside(z.autoPartsBase, c) || inside(z.eMotoPark, c)
                        ? "1001"
                        : weighted(
                                r, "1001", 68, "1101", 12, "1402", 5, "0901", 3, "1303", 2, "1302", 2, "0702", 2,
                                "0701", 3, "1208", 3)));
        out.add(new Region(
                "YGJJ",
                rect(121.5100, 28.4930, 121.5450, 28.5150),
                0,
                120,
                260,
                2,
                4,
                false,
                (c, r) -> weighted(
                        r, "1204", 28, "1101", 18, "0602", 15, "0901", 10, "1001", 14, "0703", 10, "1208", 5)));
        out.add(new Region(
                "HJBS", rect(121.5850, 28.4990, 121.6400, 28.5650), -8, 220, 380, 3, 5, true, this::pickCoast));
        out.add(new Region(
                "HBYG",
                rect(121.6080, 28.4480, 121.6520, 28.4870),
                0,
                220,
                380,
                3,
                4,
                true,
                (c, r) ->
                        weighted(r, "0101", 45, "1704", 15, "0602", 10, "0703", 10, "0103", 12, "1705", 5, "0201", 3)));
        out.add(new Region(
                "RYSJ",
                rect(121.3000, 28.5380, 121.3320, 28.5560),
                20,
                120,
                240,
                2,
                5,
                false,
                (c, r) -> weighted(r, "0201", 40, "0301", 14, "0703", 15, "0101", 18, "0103", 10, "0704", 3)));
        return out;
    }

    private String pickCentral(Coordinate c, Random r) {
        ZoneCatalog z = zones;
        if (inside(z.greenAxis, c)) {
            return "1401";
        }
        double lakeDist = z.lake.distance(Coords.GF.createPoint(c));
        if (lakeDist < 120) {
            return weighted(r, "1401", 70, "1403", 15, "0901", 15);
        }
        if (inside(z.zone("FLH"), c)) {
            return weighted(
                    r, "0701", 35, "0901", 14, "0902", 12, "0802", 8, "0804", 7, "0702", 5, "1401", 8, "0806", 3,
                    "0803", 4, "1208", 2, "0801", 2);
        }
        if (inside(z.zone("SLCJ"), c)) {
            double riverDist = z.nanguanRiver.distance(Coords.GF.createPoint(c));
            return riverDist < 110
                    ? weighted(r, "0901", 45, "1504", 15, "0803", 10, "0701", 20, "1503", 5, "1403", 5)
                    : weighted(
                            r, "0701", 40, "0901", 25, "0703", 10, "0702", 8, "0804", 5, "0806", 4, "1504", 3, "1401",
                            5);
        }
        if (inside(z.zone("TDCB"), c)) {
            return weighted(r, "0701", 50, "0901", 30, "0804", 10, "1401", 10);
        }
        return weighted(
                r, "0701", 30, "0703", 12, "0901", 14, "0902", 4, "1001", 16, "1101", 4, "0804", 5, "0702", 3, "0806",
                2, "1401", 4, "0801", 2, "1303", 1, "1309", 1, "1208", 1, "0103", 1);
    }

    /** 黄礁白沙: the strip just inside the seawall is reclaimed tidal flat (涂垦地造田). */
    private String pickCoast(Coordinate c, Random r) {
        double d = coastLine.distance(Coords.GF.createPoint(c));
        if (d < 400) {
            return weighted(r, "2302", 55, "1402", 15, "0602", 20, "1705", 10);
        }
        return weighted(
                r, "0101", 48, "0103", 10, "0102", 6, "1704", 8, "1705", 5, "0703", 9, "0602", 7, "0201", 3, "0704", 1);
    }

    // ---- generation -----------------------------------------------------------------------------

    /** A generated parcel before numbering. */
    private record Raw(String region, Geometry local, String landuse) {}

    List<Feature> generate() {
        Geometry usable = zones.inner
                .buffer(-3)
                .difference(zones.lake.buffer(20))
                .difference(zones.nanguanRiver.buffer(28)) // river (~40 m) and the greenway on its east bank
                .difference(zones.routeNo1.buffer(20)); // corridor of the new coast road
        Geometry claimed = Coords.GF.createPolygon();
        List<Raw> raws = new ArrayList<>();
        for (Region region : regions()) {
            // Keep regions apart by a road's width so their grids never meet.
            Geometry allowed = region.area().intersection(usable).difference(claimed.buffer(25));
            claimed = claimed.union(allowed);
            raws.addAll(gridRegion(region, allowed));
        }
        return toFeatures(raws);
    }

    private List<Raw> gridRegion(Region region, Geometry allowed) {
        List<Raw> out = new ArrayList<>();
        Coordinate pivot = allowed.getCentroid().getCoordinate();
        AffineTransformation toGrid =
                AffineTransformation.rotationInstance(-Math.toRadians(region.angleDeg()), pivot.x, pivot.y);
        AffineTransformation fromGrid =
                AffineTransformation.rotationInstance(Math.toRadians(region.angleDeg()), pivot.x, pivot.y);
        Envelope env = toGrid.transform(allowed).getEnvelopeInternal();
        PreparedGeometry prepared = PreparedGeometryFactory.prepare(allowed);
        List<double[]> cols = bands(env.getMinX(), env.getMaxX(), region.minBlock(), region.maxBlock());
        List<double[]> rows = bands(env.getMinY(), env.getMaxY(), region.minBlock(), region.maxBlock());
        for (double[] col : cols) {
            for (double[] row : rows) {
                Geometry block = fromGrid.transform(box(col[0], row[0], col[1], row[1]));
                if (!prepared.intersects(block) || rnd.nextDouble() < 0.04) {
                    continue; // outside, or left open (a square, a canal, a road junction)
                }
                Coordinate bc = block.getCentroid().getCoordinate();
                String blockUse = region.picker().pick(bc, rnd);
                for (Polygon cell : splitBlock(col, row, region)) {
                    Geometry piece = fromGrid.transform(cell);
                    Geometry clipped = prepared.containsProperly(piece) ? piece : piece.intersection(allowed);
                    Geometry kept = dropSlivers(clipped);
                    if (kept == null) {
                        continue;
                    }
                    Coordinate pc = kept.getInteriorPoint().getCoordinate();
                    String use =
                            rnd.nextDouble() < 0.85 ? blockUse : region.picker().pick(pc, rnd);
                    out.add(new Raw(region.key(), kept, use));
                }
            }
        }
        return out;
    }

    /** Consecutive [start, end] bands with a road gap (15–30 m, every fifth an arterial of 40 m). */
    private List<double[]> bands(double min, double max, double minSize, double maxSize) {
        List<double[]> out = new ArrayList<>();
        double x = min - rnd.nextDouble() * minSize;
        int i = 0;
        while (x < max) {
            double size = minSize + rnd.nextDouble() * (maxSize - minSize);
            out.add(new double[] {x, x + size});
            double road = (++i % 5 == 0) ? 40 : 15 + rnd.nextDouble() * 15;
            x += size + road;
        }
        return out;
    }

    /** Cuts a block into parcels along its long side (fields: many narrow strips). */
    private List<Polygon> splitBlock(double[] col, double[] row, Region region) {
        int k = region.minSplit() + rnd.nextInt(region.maxSplit() - region.minSplit() + 1);
        double w = col[1] - col[0];
        double h = row[1] - row[0];
        List<Polygon> out = new ArrayList<>();
        boolean alongX = w >= h;
        // Urban blocks with many parcels are also halved the other way (front and back lots).
        boolean halve = !region.strips() && k >= 4 && rnd.nextDouble() < 0.5;
        int across = halve ? 2 : 1;
        int along = halve ? (k + 1) / 2 : k;
        double[] cuts = cuts(along, alongX ? w : h);
        double g = GAP_IN_BLOCK / 2;
        for (int i = 0; i < along; i++) {
            for (int j = 0; j < across; j++) {
                double a0 = cuts[i] + (i > 0 ? g : 0);
                double a1 = cuts[i + 1] - (i < along - 1 ? g : 0);
                double span = alongX ? h : w;
                double b0 = span * j / across + (j > 0 ? g : 0);
                double b1 = span * (j + 1) / across - (j < across - 1 ? g : 0);
                out.add(
                        alongX
                                ? box(col[0] + a0, row[0] + b0, col[0] + a1, row[0] + b1)
                                : box(col[0] + b0, row[0] + a0, col[0] + b1, row[0] + a1));
            }
        }
        return out;
    }

    /** k+1 cut positions from 0 to len, equal shares jittered by ±25 %. */
    private double[] cuts(int k, double len) {
        double[] weights = new double[k];
        double sum = 0;
        for (int i = 0; i < k; i++) {
            weights[i] = 0.75 + 0.5 * rnd.nextDouble();
            sum += weights[i];
        }
        double[] out = new double[k + 1];
        for (int i = 0; i < k; i++) {
            out[i + 1] = out[i] + len * weights[i] / sum;
        }
        out[k] = len;
        return out;
    }

    /** Drops polygon parts under 200 m² or thinner than ~8 m (clipping slivers); null if none left. */
    static Geometry dropSlivers(Geometry g) {
        List<Polygon> keep = new ArrayList<>();
        for (Polygon p : GeoJson.polygons(g)) {
            double area = p.getArea();
            if (area >= MIN_AREA * 1.05 && 2 * area / p.getLength() > 8) {
                keep.add(p);
            }
        }
        if (keep.isEmpty()) {
            return null;
        }
        return Coords.GF.createMultiPolygon(keep.toArray(new Polygon[0]));
    }

    // ---- attributes -----------------------------------------------------------------------------

    private List<Feature> toFeatures(List<Raw> raws) {
        Map<String, Integer> counters = new HashMap<>();
        List<Feature> out = new ArrayList<>();
        for (Raw raw : raws) {
            Geometry lonLat = GeoJson.roundTo7(Coords.toLonLat(raw.local()));
            Geometry checked = dropSlivers(Coords.toLocal(lonLat));
            if (checked == null || !lonLat.isValid() || checked.getNumGeometries() != lonLat.getNumGeometries()) {
                continue; // rounding collapsed something: leave the parcel out rather than ship it broken
            }
            Coordinate c = raw.local().getInteriorPoint().getCoordinate();
            String prefix = prefixFor(raw, c);
            int n = counters.merge(prefix, 1, Integer::sum);
            LandUse lu = src.landUses.get(raw.landuse());
            if (lu == null) {
                throw new IllegalStateException("land-use code not in the 2023 list: " + raw.landuse());
            }
            String status = status(raw, lu, c);
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("parcel_no", String.format("LQ-%s-%05d", prefix, n));
            p.put("landuse_code", lu.code());
            p.put("landuse_name", lu.name());
            p.put("landuse_l1_code", lu.l1Code());
            p.put("landuse_l1_name", lu.l1Name());
            p.put("status", status);
            p.put("renovation", renovation(lu, c));
            p.put("farmland_protected", farmlandProtected(lu));
            p.put("town", Sources.nearest(src.seats, c).name());
            p.put("owner", owner(lu, status, c));
            out.add(new Feature(p, ZoneCatalog.asMulti(lonLat)));
        }
        return out;
    }

    /** Parcel numbers carry the key zone they fall in (FLH, SLCJ, …), else the region key. */
    private String prefixFor(Raw raw, Coordinate c) {
        for (String code : new String[] {"FLH", "SLCJ", "HJBS", "TDCB"}) {
            if (inside(zones.zone(code), c)) {
                return code;
            }
        }
        return raw.region();
    }

    private String status(Raw raw, LandUse lu, Coordinate c) {
        if (inside(zones.zone("TDCB"), c)) {
            return weighted(rnd, "储备", 65, "做地", 35);
        }
        if (lu.code().equals("2302")) {
            return weighted(rnd, "做地", 70, "储备", 30); // tidal flat being made into farmland
        }
        switch (lu.l1Code()) {
            case "01", "02", "03", "06", "17" -> {
                return weighted(rnd, "已供", 92, "储备", 8);
            }
            default -> {
                if (inside(zones.zone("FLH"), c)) {
                    return weighted(rnd, "已供", 45, "出让", 20, "储备", 20, "做地", 15);
                }
                return weighted(rnd, "已供", 78, "出让", 9, "储备", 8, "做地", 5);
            }
        }
    }

    /** Low-efficiency industrial land: only on 1001/1002/1003, about 30 % (60 % in the renewal area). */
    private String renovation(LandUse lu, Coordinate c) {
        if (!lu.code().equals("1001") && !lu.code().equals("1002") && !lu.code().equals("1003")) {
            return null;
        }
        if (inside(zones.autoPartsBase, c) || inside(zones.eMotoPark, c)) {
            return null; // new plants
        }
        double share = inside(zones.zone("DXZZ"), c) ? 0.6 : 0.28;
        if (rnd.nextDouble() >= share) {
            return null;
        }
        return weighted(rnd, "改造提升", 50, "盘活置换", 30, "倒逼腾退", 20);
    }

    /** Permanent basic farmland: most paddy, about half of dry/irrigated land; never non-farmland. */
    private boolean farmlandProtected(LandUse lu) {
        return switch (lu.code()) {
            case "0101" -> rnd.nextDouble() < 0.85;
            case "0102", "0103" -> rnd.nextDouble() < 0.55;
            default -> false;
        };
    }

    private static final String[] FIRM_WORDS = {
        "恒达", "金源", "博远", "宏泰", "精诚", "永利", "华晨", "瑞丰", "东方", "鑫泰", "联发", "立新", "海川", "中盛", "南官", "银河", "天宇", "明峰",
        "协和", "广利"
    };
    private static final String[] INDUSTRY = {"汽车零部件", "机电", "电动车", "再生资源", "塑料制品", "模具", "电器", "五金", "新能源科技", "精密机械"};
    private static final String[] DEVELOPERS = {
        "台州市路桥区城市发展投资集团有限公司", "台州飞龙湖开发建设有限公司", "台州市路桥区国有资产投资集团有限公司", "台州中盛置业有限公司", "台州南官置业有限公司", "台州路桥商贸城开发有限公司"
    };

    private String owner(LandUse lu, String status, Coordinate c) {
        if (status.equals("储备") && !lu.l1Code().equals("01")) {
            return "台州市路桥区土地储备中心";
        }
        if (lu.code().equals("2302")) {
            return "台州市农垦场";
        }
        return switch (lu.l1Code()) {
            case "01", "02", "03", "06", "17" -> collective(c);
            case "07" -> lu.code().equals("0703") || lu.code().equals("0704") ? collective(c) : pick(DEVELOPERS);
            case "09" -> rnd.nextDouble() < 0.4 ? pick(DEVELOPERS) : firm("商贸");
            case "10", "11" -> firm(pick(INDUSTRY));
            case "08" -> publicOwner(lu.code());
            case "12" -> lu.code().equals("1204") ? "台州市路桥区金清渔港开发有限公司" : "台州市路桥区交通运输局";
            case "13" -> lu.code().equals("1303") ? "国网浙江省电力有限公司台州市路桥区供电公司" : "台州市路桥区水利局";
            case "14" -> inside(zones.zone("FLH"), c) ? "台州飞龙湖开发建设有限公司" : "台州市路桥区住房和城乡建设局";
            case "15" -> lu.code().equals("1503") ? "台州市路桥区民族宗教事务局" : "台州市路桥区文化和广电旅游体育局";
            default -> "台州市路桥区人民政府";
        };
    }

    private String publicOwner(String code) {
        return switch (code) {
            case "0801" -> "台州市路桥区机关事务服务中心";
            case "0802" -> "台州市路桥区科学技术局";
            case "0803", "0805" -> "台州市路桥区文化和广电旅游体育局";
            case "0804" -> "台州市路桥区教育局";
            case "0806" -> "台州市路桥区卫生健康局";
            default -> "台州市路桥区民政局";
        };
    }

    /** Village collective of the nearest village/community point. */
    private String collective(Coordinate c) {
        Place v = Sources.nearest(src.villages, c);
        String name = v.name().replace("村委会", "村").replace("社区居委会", "社区").replace("居委会", "社区");
        if (name.equals("台州市农垦场")) {
            return name;
        }
        return name + "股份经济合作社";
    }

    private String firm(String industry) {
        return "台州" + pick(FIRM_WORDS) + industry + "有限公司";
    }

    private String pick(String[] options) {
        return options[rnd.nextInt(options.length)];
    }

    // ---- helpers --------------------------------------------------------------------------------

    /** weighted(r, "a", 3, "b", 1): "a" three times as often as "b". */
    static String weighted(Random r, Object... pairs) {
        int total = 0;
        for (int i = 1; i < pairs.length; i += 2) {
            total += (Integer) pairs[i];
        }
        int x = r.nextInt(total);
        for (int i = 0; i < pairs.length; i += 2) {
            x -= (Integer) pairs[i + 1];
            if (x < 0) {
                return (String) pairs[i];
            }
        }
        throw new IllegalStateException();
    }

    static boolean inside(Geometry g, Coordinate c) {
        return g.contains(Coords.GF.createPoint(c));
    }

    static Polygon box(double x0, double y0, double x1, double y1) {
        return Coords.GF.createPolygon(new Coordinate[] {
            new Coordinate(x0, y0),
            new Coordinate(x1, y0),
            new Coordinate(x1, y1),
            new Coordinate(x0, y1),
            new Coordinate(x0, y0)
        });
    }

    static Geometry rect(double lon0, double lat0, double lon1, double lat1) {
        return ZoneCatalog.poly(lon0, lat0, lon1, lat0, lon1, lat1, lon0, lat1);
    }
}
