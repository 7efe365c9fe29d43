package luqiao.map.tiles.raster;

import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The font for zone names: the first installed of {@link Symbology#LABEL_FAMILIES} that has Chinese glyphs
 * (Debian's fonts-noto-cjk or fonts-wqy-microhei), then any installed family that has them, else the logical sans-serif with a warning, so a server
 * without a CJK font still draws tiles (with boxes for the names) rather than failing.
 */
final class LabelFont {

    private static final Logger log = LoggerFactory.getLogger(LabelFont.class);
    private static final String SAMPLE = "路桥飞龙湖十里长街黄礁白沙";

    private LabelFont() {}

    static Font find() {
        List<String> installed =
                List.of(GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames());
        for (String family : Symbology.LABEL_FAMILIES) {
            if (installed.contains(family) && new Font(family, Font.BOLD, 12).canDisplayUpTo(SAMPLE) == -1) {
                return new Font(family, Font.BOLD, 12);
            }
        }
        for (String family : installed) {
            if (new Font(family, Font.BOLD, 12).canDisplayUpTo(SAMPLE) == -1) {
                return new Font(family, Font.BOLD, 12);
            }
        }
        log.warn(
                "No installed font has Chinese glyphs (install fonts-noto-cjk); zone names in PNG tiles will not be legible");
        return new Font(Font.SANS_SERIF, Font.BOLD, 12);
    }
}
