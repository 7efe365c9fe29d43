package luqiao.map.print;

import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import luqiao.map.catalog.Layer;
import luqiao.map.tiles.raster.Palette;

/**
 * The legend of a printed map: the printed layers, each with what its symbols mean in the colours they
 * are drawn in (the tiles' {@link Palette}), limited to the filter of the print and, for projects, to the
 * stages the caller's view holds (the public's legend names no internal stage).
 */
final class Legend {

    /** Level-1 land-use classes (用地用海分类) as the web map lists them. */
    static final Map<String, String> LAND_USE = new LinkedHashMap<>();
    /** Zone kinds, as the web map names them. */
    static final Map<String, String> ZONE_KINDS = new LinkedHashMap<>();

    static {
        String[][] classes = {
            {"01", "耕地"},
            {"02", "园地"},
            {"03", "林地"},
            {"06", "农业设施建设用地"},
            {"07", "居住用地"},
            {"08", "公共管理与公共服务用地"},
            {"09", "商业服务业用地"},
            {"10", "工矿用地"},
            {"11", "仓储用地"},
            {"12", "交通运输用地"},
            {"13", "公用设施用地"},
            {"14", "绿地与开敞空间用地"},
            {"15", "特殊用地"},
            {"17", "陆地水域"},
            {"23", "其他土地"}
        };
        for (String[] c : classes) {
            LAND_USE.put(c[0], c[1]);
        }
        String[][] kinds = {
            {"district", "行政区"}, {"key_zone", "重点区块"}, {"industrial_park", "产业园区"},
            {"logistics", "物流片区"}, {"rural_showcase", "乡村示范片区"}, {"port", "港口渔业"}
        };
        for (String[] k : kinds) {
            ZONE_KINDS.put(k[0], k[1]);
        }
    }

    /** How an entry's symbol is drawn: a zone's outline (the district's dashed), a project's dot, a parcel's fill. */
    enum Symbol {
        LINE,
        DASHED,
        DOT,
        FILL
    }

    record Entry(Symbol symbol, Color colour, String label) {}

    record Group(String heading, List<Entry> entries) {}

    private Legend() {}

    /** The groups for the printed layers (zones, projects, parcels), given the stages the caller's view holds. */
    static List<Group> of(Map<Layer, Set<String>> layers, List<String> visibleStages) {
        List<Group> groups = new ArrayList<>();
        if (layers.containsKey(Layer.ZONES)) {
            List<Entry> entries = new ArrayList<>();
            ZONE_KINDS.forEach((kind, name) -> entries.add(new Entry(
                    kind.equals("district") ? Symbol.DASHED : Symbol.LINE,
                    Palette.of(Palette.ZONE_KINDS, kind),
                    name)));
            groups.add(new Group("区块", entries));
        }
        if (layers.containsKey(Layer.PROJECTS)) {
            Set<String> only = layers.get(Layer.PROJECTS);
            List<Entry> entries = new ArrayList<>();
            for (String stage : visibleStages) {
                if (only.isEmpty() || only.contains(stage)) {
                    entries.add(new Entry(Symbol.DOT, Palette.of(Palette.STAGES, stage), stage));
                }
            }
            groups.add(new Group("项目 · 阶段", entries));
        }
        if (layers.containsKey(Layer.PARCELS)) {
            Set<String> only = layers.get(Layer.PARCELS);
            List<Entry> entries = new ArrayList<>();
            LAND_USE.forEach((code, name) -> {
                if (only.isEmpty() || only.contains(code)) {
                    // The tiles fill parcels at 60 % opacity: on white paper, this colour.
                    entries.add(new Entry(Symbol.FILL, onWhite(Palette.of(Palette.LAND_USE, code), 0.6), name));
                }
            });
            groups.add(new Group("地块 · 用地分类", entries));
        }
        return groups;
    }

    static Color onWhite(Color c, double opacity) {
        return new Color(
                (int) Math.round(255 - (255 - c.getRed()) * opacity),
                (int) Math.round(255 - (255 - c.getGreen()) * opacity),
                (int) Math.round(255 - (255 - c.getBlue()) * opacity));
    }
}
