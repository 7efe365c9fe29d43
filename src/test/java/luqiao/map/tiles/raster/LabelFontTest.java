package luqiao.map.tiles.raster;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Font;
import org.junit.jupiter.api.Test;

/** Zone names on PNG tiles need a font with Chinese glyphs (scripts/test.sh installs one). */
class LabelFontTest {

    @Test
    void theLabelFontDrawsTheZoneNames() {
        System.setProperty("java.awt.headless", "true");
        Font font = LabelFont.find();
        assertThat(font.canDisplayUpTo("飞龙湖 十里长街 黄礁白沙 方林汽车现代服务业创新发展区"))
                .as(font.getFamily())
                .isEqualTo(-1);
    }
}
