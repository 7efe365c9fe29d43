package luqiao.map.tiles.raster;

import java.awt.Color;
import java.util.Map;

/**
 * The map's colours: zones by kind, projects by stage and, for parcels, the customary colours of the
 * national land-use classification's level-1 classes (用地用海分类: 耕地 pale yellow, 林地 green, 居住
 * yellow, 商业 red, 工矿 brown, 仓储 purple, 交通 grey, 公用设施 blue, 绿地 bright green, 水域 blue). The
 * PNG tiles, print sheets and map style read them here; the web map (frontend/js/style.js) has a copy
 * that {@code FrontendPaletteTest} holds equal.
 */
public final class Palette {

    public static final Map<String, Color> ZONE_KINDS = Map.of(
            "district",
            new Color(0x1f4e79),
            "key_zone",
            new Color(0xd81b60),
            "industrial_park",
            new Color(0x6d4c41),
            "logistics",
            new Color(0x00897b),
            "rural_showcase",
            new Color(0x7cb342),
            "port",
            new Color(0x039be5));
    public static final Map<String, Color> STAGES = Map.of(
            "谋划",
            new Color(0x9e9e9e),
            "前期",
            new Color(0x1e88e5),
            "招引",
            new Color(0x8e24aa),
            "开工",
            new Color(0xfb8c00),
            "竣工",
            new Color(0x43a047));
    public static final Map<String, Color> LAND_USE = Map.ofEntries(
            Map.entry("01", new Color(0xF5F8DC)), Map.entry("02", new Color(0xBFE9AA)),
            Map.entry("03", new Color(0x68B167)), Map.entry("04", new Color(0xCDF57A)),
            Map.entry("05", new Color(0x65CDAA)), Map.entry("06", new Color(0xD8D79F)),
            Map.entry("07", new Color(0xFFFF2D)), Map.entry("08", new Color(0xFF69B4)),
            Map.entry("09", new Color(0xFF0000)), Map.entry("10", new Color(0xBB9674)),
            Map.entry("11", new Color(0x8761D3)), Map.entry("12", new Color(0xB4B4B4)),
            Map.entry("13", new Color(0x008CFF)), Map.entry("14", new Color(0x00FF00)),
            Map.entry("15", new Color(0x85A395)), Map.entry("16", new Color(0xFFFFFF)),
            Map.entry("17", new Color(0x4DB6F5)), Map.entry("23", new Color(0xD9D9D9)));
    public static final Color UNKNOWN = new Color(0x9e9e9e);

    private Palette() {}

    public static Color of(Map<String, Color> palette, Object key) {
        return key == null ? UNKNOWN : palette.getOrDefault(key.toString(), UNKNOWN);
    }

    static Color alpha(Color c, double opacity) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), (int) Math.round(opacity * 255));
    }
}
