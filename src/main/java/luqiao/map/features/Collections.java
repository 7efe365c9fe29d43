package luqiao.map.features;

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
}
