package luqiao.map.features;

import luqiao.map.catalog.GeometryFamily;
import luqiao.map.catalog.Layer;

/** Titles and descriptions of the collections, in Chinese with English, for metadata and HTML. */
final class Collections {

    private Collections() {}

    static String title(Layer layer) {
        return switch (layer) {
            case ZONES -> "重点区块 Key zones";
            case PROJECTS -> "项目 Project sites";
            case PARCELS -> "地块 Land parcels";
        };
    }

    static String description(Layer layer) {
        return switch (layer) {
            case ZONES -> "路桥区区界与重点区块（飞龙湖、十里长街、黄礁白沙等）。District boundary and key zones of the 2024 plan.";
            case PROJECTS -> "城乡建设项目（点、线、面），含项目链阶段。Project sites with their lifecycle stage.";
            case PARCELS -> "地块：用地用海分类、整治状态、低效工业用地改造类型。Land parcels: land use, consolidation status, renovation type.";
        };
    }

    /** A layer's features of one geometry family, e.g. "项目（点）Project sites: points". */
    static String title(Layer layer, GeometryFamily family) {
        String[] chineseAndEnglish = title(layer).split(" ", 2);
        return chineseAndEnglish[0] + "（" + chinese(family) + "）" + chineseAndEnglish[1] + ": " + english(family);
    }

    static String description(Layer layer, GeometryFamily family) {
        return title(layer).split(" ", 2)[0] + "中的" + chinese(family) + "要素（含多部件），字段、查询与可见范围同 " + layer.id()
                + "，供按首批要素确定几何类型的客户端（如 QGIS）逐类加载。The " + english(family) + " of " + layer.id()
                + " (multi-part ones included), with its fields, queries and audience rules: one geometry type per"
                + " collection, for clients that type a layer by its first features, such as QGIS.";
    }

    private static String chinese(GeometryFamily family) {
        return switch (family) {
            case POINTS -> "点";
            case LINES -> "线";
            case POLYGONS -> "面";
        };
    }

    private static String english(GeometryFamily family) {
        return switch (family) {
            case POINTS -> "points";
            case LINES -> "lines";
            case POLYGONS -> "polygons";
        };
    }
}
