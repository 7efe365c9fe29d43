package luqiao.map.gisdata;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import luqiao.map.gisdata.GeoJson.Feature;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;

/**
 * The project list: names, units and kinds of project come from the 2024 work plan; sites are
 * placed by hand (approximate), investments and dates are invented but consistent with the stage.
 */
final class ProjectCatalog {

    /** Snapshot date of the data set: nothing "actual" happens after it. */
    private static final LocalDate AS_OF = LocalDate.of(2024, 10, 31);

    private final ZoneCatalog zones;
    private final Random rnd;
    private final List<Feature> out = new ArrayList<>();

    ProjectCatalog(ZoneCatalog zones, Random rnd) {
        this.zones = zones;
        this.rnd = rnd;
    }

    List<Feature> features() {
        lines();
        polygons();
        points();
        return out;
    }

    private void lines() {
        // The greenway runs along the east bank, 25 m off the hand-traced river centreline.
        add("南官河城区绿道", "Nanguan River Urban Greenway", "绿色生态", "开工", 38000, "台州市路桥区住房和城乡建设局", zones.greenway);
        add(
                "断头路打通工程(银安街西延段)",
                "Dead-end road link: Yin'an Street west extension",
                "城市提能",
                "竣工",
                6800,
                "台州市路桥区交通运输局",
                ZoneCatalog.line(121.3560, 28.5835, 121.3615, 28.5830, 121.3650, 28.5828));
        add(
                "断头路打通工程(腾达路—南官大道连接线)",
                "Dead-end road link: Tengda Road to Nanguan Avenue",
                "城市提能",
                "开工",
                12500,
                "台州市路桥区交通运输局",
                ZoneCatalog.line(121.3700, 28.5700, 121.3735, 28.5712, 121.3760, 28.5720));
        add(
                "断头路打通工程(商城街东延段)",
                null,
                "城市提能",
                "前期",
                5400,
                "台州市路桥区交通运输局",
                ZoneCatalog.line(121.3810, 28.5745, 121.3860, 28.5750, 121.3900, 28.5752));
        add("一号公路(路桥段)", "Route No. 1 (Luqiao section)", "城市提能", "开工", 260000, "台州市路桥区交通运输局", zones.routeNo1);
        add(
                "四好农村路省级示范区提升工程",
                null,
                "城市提能",
                "开工",
                22000,
                "台州市路桥区交通运输局",
                ZoneCatalog.line(121.4450, 28.5250, 121.4600, 28.5210, 121.4750, 28.5180, 121.4900, 28.5160));
    }

    private void polygons() {
        add(
                "千亩新能源汽车零部件基地",
                "1,000-mu New-energy Auto Parts Base",
                "产业转型",
                "开工",
                1200000,
                "路桥经济开发区管委会",
                zones.autoPartsBase);
        add("中央绿轴公园", "Central Green Axis Park", "绿色生态", "开工", 85000, "飞龙湖建设指挥部", zones.greenAxis);
        add(
                "高端电摩产业园",
                "High-end Electric Motorcycle Industrial Park",
                "产业转型",
                "招引",
                650000,
                "路桥经济开发区管委会",
                zones.eMotoPark);
        add("智慧陆港新区物流基地", "Smart Dry Port Logistics Base", "产业转型", "竣工", 320000, "台州市路桥区商务局", zones.dryPortBase);
        // The reclamation works: the strip of 黄礁 just inside the east seawall.
        Geometry reclaim = zones.clip(ParcelGenerator.rect(121.6150, 28.5250, 121.6350, 28.5480))
                .intersection(zones.zone("HJBS"));
        add(
                "黄礁涂垦地造田工程",
                "Huangjiao Tidal-flat Reclamation into Farmland",
                "绿色生态",
                "开工",
                42000,
                "台州市路桥区自然资源和规划分局",
                ZoneCatalog.largest(reclaim));
    }

    private void points() {
        pt("机场冷链物流中心", "Airport Cold-chain Logistics Centre", "产业转型", "开工", 150000, "台州市路桥区商务局", 121.4335, 28.5655);
        pt("数字贸易产业园", "Digital Trade Industrial Park", "产业转型", "前期", 220000, "台州市路桥区商务局", 121.3920, 28.5660);
        pt(
                "再生金属交易中心功能提升",
                "Recycled Metal Exchange Centre upgrade",
                "产业转型",
                "竣工",
                45000,
                "台州市路桥区商务局",
                121.4950,
                28.5620);
        pt("国际直采集采中心", "International Direct Sourcing Centre", "产业转型", "谋划", 80000, "台州市路桥区商务局", 121.3860, 28.5700);
        pt(
                "方林二手车出口示范基地",
                "Fanglin Used-car Export Demonstration Base",
                "产业转型",
                "开工",
                180000,
                "路南街道办事处",
                121.4000,
                28.5480);
        pt(
                "长三角南翼汽车商贸服务中心",
                "South Yangtze Delta Automotive Trade Centre",
                "产业转型",
                "招引",
                300000,
                "路南街道办事处",
                121.4040,
                28.5510);
        pt(
                "国际科学家创业基地南区",
                "International Scientists Start-up Base (South)",
                "产业转型",
                "开工",
                96000,
                "台州市路桥区科学技术局",
                121.3500,
                28.5920);
        pt("国家级众创空间", "National Maker Space", "产业转型", "谋划", 20000, "台州市路桥区科学技术局", 121.3640, 28.5935);
        pt(
                "华为数字技术创新基地",
                "Huawei Digital Technology Innovation Base",
                "产业转型",
                "竣工",
                30000,
                "台州市路桥区经济和信息化局",
                121.3660,
                28.5890);
        pt("十洋工业元宇宙产业园", "Shiyang Industrial Metaverse Park", "产业转型", "开工", 60000, "台州市路桥区经济和信息化局", 121.3560, 28.5760);
        pt(
                "国家级渔港经济区金清渔港提升工程",
                "Jinqing Fishing Port upgrade (national fishing-port economic zone)",
                "产业转型",
                "前期",
                150000,
                "金清镇人民政府",
                121.5230,
                28.5065);
        pt("金清渔港避风锚地扩建工程", null, "城市提能", "招引", 36000, "台州市路桥区农业农村和水利局", 121.5345, 28.4975);
        pt("渔港水产品交易冷链中心", null, "产业转型", "谋划", 35000, "金清镇人民政府", 121.5170, 28.5075);
        pt("省级现代农业产业园", "Provincial Modern Agriculture Park", "产业转型", "前期", 50000, "台州市路桥区农业农村和水利局", 121.5900, 28.5300);
        pt(
                "“台州·海上括花湾”样板段工程",
                "Taizhou Sea Kuohua Bay sample section",
                "绿色生态",
                "前期",
                120000,
                "金清镇人民政府",
                121.6270,
                28.5150);
        pt("黄礁白沙区块规划编制", null, "城市提能", "谋划", 800, "台州市路桥区自然资源和规划分局", 121.6150, 28.5400);
        pt(
                "十里长街有机更新(南官片区)",
                "Shili Long Street renewal (Nanguan block)",
                "城市提能",
                "开工",
                150000,
                "路桥街道办事处",
                121.3790,
                28.5850);
        pt(
                "十里长街有机更新(中盛片区)",
                "Shili Long Street renewal (Zhongsheng block)",
                "城市提能",
                "竣工",
                90000,
                "路桥街道办事处",
                121.3775,
                28.5740);
        pt(
                "十里长街非遗特色历史文化街区",
                "Shili Long Street intangible-heritage historic street",
                "民生优享",
                "开工",
                25000,
                "台州市路桥区文化和广电旅游体育局",
                121.3786,
                28.5795);
        pt("十里长街省级旅游休闲街区创建", null, "民生优享", "前期", 8000, "台州市路桥区文化和广电旅游体育局", 121.3774, 28.5768);
        pt("职业教育中心", "Vocational Education Centre", "民生优享", "开工", 98000, "台州市路桥区教育局", 121.3480, 28.5700);
        pt("飞龙湖未来社区", "Feilong Lake Future Community", "民生优享", "招引", 260000, "飞龙湖建设指挥部", 121.3640, 28.5960);
        pt("飞龙湖总部经济楼宇", "Feilong Lake headquarters buildings", "产业转型", "招引", 180000, "飞龙湖建设指挥部", 121.3610, 28.5905);
        pt(
                "飞龙湖M0新型产业用地试点",
                "Feilong Lake M0 new industrial land pilot",
                "产业转型",
                "谋划",
                120000,
                "台州市路桥区自然资源和规划分局",
                121.3450,
                28.5950);
        pt("飞龙湖湖滨公园提升工程", "Feilong Lake lakeside park upgrade", "绿色生态", "竣工", 18000, "飞龙湖建设指挥部", 121.3480, 28.6040);
        pt("飞龙湖水质提升与生态修复", null, "绿色生态", "谋划", 9000, "飞龙湖建设指挥部", 121.3600, 28.6025);
        pt("紧密型城市医联体建设(区第二人民医院)", null, "民生优享", "前期", 65000, "台州市路桥区卫生健康局", 121.3700, 28.5780);
        pt(
                "未来康养城市医养结合中心",
                "Future Care City integrated medical and elderly-care centre",
                "民生优享",
                "招引",
                45000,
                "台州市路桥区民政局",
                121.3650,
                28.5700);
        pt("普惠托育服务中心", "Public childcare centre", "民生优享", "竣工", 3200, "台州市路桥区卫生健康局", 121.3720, 28.5820);
        pt("峰江街道随迁子女公办学校扩容", null, "民生优享", "竣工", 28000, "台州市路桥区教育局", 121.3810, 28.5420);
        pt("新桥镇中心幼儿园", "Xinqiao Central Kindergarten", "民生优享", "开工", 6500, "新桥镇人民政府", 121.4150, 28.5250);
        pt("横街镇文化礼堂", null, "民生优享", "竣工", 1200, "横街镇人民政府", 121.4390, 28.5370);
        pt("蓬街镇农村生活污水治理提升", null, "绿色生态", "开工", 9800, "蓬街镇人民政府", 121.4820, 28.5530);
        pt(
                "海滨渔耕精品示范片区建设",
                "Seaside Fishing and Farming showcase area",
                "绿色生态",
                "开工",
                30000,
                "金清镇人民政府",
                121.6300,
                28.4680);
        pt("如意柿界精品示范片区建设", "Ruyi Persimmon showcase area", "绿色生态", "竣工", 15000, "螺洋街道办事处", 121.3150, 28.5480);
        pt("跨乡镇全域土地综合整治试点(第二批)", null, "绿色生态", "前期", 60000, "台州市路桥区自然资源和规划分局", 121.4700, 28.5150);
        pt(
                "工业低效用地片区式联合改造试点",
                "Joint renewal pilot for low-efficiency industrial land",
                "产业转型",
                "招引",
                40000,
                "台州市路桥区经济和信息化局",
                121.5100,
                28.5690);
        pt("峰江闲置厂房盘活项目", null, "产业转型", "竣工", 12000, "峰江街道办事处", 121.3900, 28.5330);
        pt("省级示范智慧商圈创建", "Provincial smart business district", "产业转型", "竣工", 5000, "台州市路桥区商务局", 121.3740, 28.5800);
        pt(
                "路桥小商品市场搬迁改造",
                "Luqiao small-commodity market relocation",
                "城市提能",
                "开工",
                70000,
                "台州市路桥区市场开发服务中心",
                121.3840,
                28.5700);
        pt(
                "国家级知识产权快维中心",
                "National IP rapid protection centre",
                "产业转型",
                "竣工",
                3000,
                "台州市路桥区市场监督管理局",
                121.3680,
                28.5830);
        pt(
                "省级机电产业创新服务综合体",
                "Provincial mechatronics innovation service complex",
                "产业转型",
                "前期",
                15000,
                "台州市路桥区科学技术局",
                121.5300,
                28.5800);
        pt("滨海110千伏输变电工程", null, "城市提能", "前期", 18000, "国网浙江省电力有限公司台州市路桥区供电公司", 121.5500, 28.5620);
        pt(
                "新能源汽车零部件产业链配套项目",
                "New-energy auto parts supply-chain project",
                "产业转型",
                "招引",
                100000,
                "路桥经济开发区管委会",
                121.5530,
                28.5720);
        pt("经济开发区数字化改造全覆盖工程", null, "产业转型", "谋划", 25000, "路桥经济开发区管委会", 121.5250, 28.5700);
        pt("桐屿街道社区卫生服务中心迁建", null, "民生优享", "前期", 12000, "桐屿街道办事处", 121.3230, 28.5930);
        pt("螺洋街道养老服务中心", null, "民生优享", "谋划", 4500, "螺洋街道办事处", 121.3270, 28.5620);
    }

    // ---- building features ----------------------------------------------------------------------

    private void pt(String zh, String en, String cat, String stage, double inv, String unit, double lon, double lat) {
        add(zh, en, cat, stage, inv, unit, Coords.GF.createPoint(Coords.toLocal(lon, lat)));
    }

    private void add(String zh, String en, String cat, String stage, double inv, String unit, Geometry local) {
        if (!zones.inner.covers(local)) {
            throw new IllegalStateException("project outside the district: " + zh);
        }
        if (local.getDimension() == 0 && zones.lake.covers(local)) {
            throw new IllegalStateException("project in the lake: " + zh);
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("code", String.format("P2024-%03d", out.size() + 1));
        p.put("name_zh", zh);
        p.put("name_en", en);
        p.put("category", cat);
        p.put("stage", stage);
        p.put("investment_wan", inv);
        p.put("responsible_unit", unit);
        putDates(p, stage);
        Geometry lonLat = GeoJson.roundTo7(Coords.toLonLat(local));
        if (!(lonLat instanceof Polygon) && local instanceof Polygon) {
            throw new IllegalStateException("polygon collapsed: " + zh);
        }
        out.add(new Feature(p, lonLat));
    }

    /**
     * Dates follow the project chain: 谋划 has no schedule yet; 前期/招引 have planned dates only;
     * 开工 adds actual_start; 竣工 adds actual_finish. Actual dates never pass {@link #AS_OF}.
     */
    private void putDates(Map<String, Object> p, String stage) {
        LocalDate plannedStart = null;
        LocalDate plannedFinish = null;
        LocalDate actualStart = null;
        LocalDate actualFinish = null;
        switch (stage) {
            case "谋划" -> {
                // conceived: no schedule
            }
            case "前期", "招引" -> {
                plannedStart = LocalDate.of(2024, 11, 1).plusDays(rnd.nextInt(400));
                plannedFinish = plannedStart.plusMonths(12 + rnd.nextInt(30));
            }
            case "开工" -> {
                plannedStart = LocalDate.of(2023, 3, 1).plusDays(rnd.nextInt(500));
                actualStart = min(plannedStart.plusDays(rnd.nextInt(60) - 20), AS_OF);
                plannedFinish = plannedStart.plusMonths(14 + rnd.nextInt(30));
            }
            case "竣工" -> {
                plannedStart = LocalDate.of(2021, 6, 1).plusDays(rnd.nextInt(500));
                actualStart = plannedStart.plusDays(rnd.nextInt(40));
                plannedFinish = plannedStart.plusMonths(12 + rnd.nextInt(18));
                actualFinish = min(plannedFinish.plusDays(rnd.nextInt(120) - 30), AS_OF);
            }
            default -> throw new IllegalArgumentException(stage);
        }
        p.put("planned_start", str(plannedStart));
        p.put("planned_finish", str(plannedFinish));
        p.put("actual_start", str(actualStart));
        p.put("actual_finish", str(actualFinish));
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

    private static String str(LocalDate d) {
        return d == null ? null : d.toString();
    }
}
