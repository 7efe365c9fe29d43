package luqiao.map.tiles.raster;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The tile PNG writer: what any PNG reader decodes is exactly the image drawn, translucency and all. */
class PngEncoderTest {

    @Test
    void aDecodedTileHasExactlyTheDrawnPixels() throws Exception {
        System.setProperty("java.awt.headless", "true");
        BufferedImage drawn = new BufferedImage(256, 256, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = drawn.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        for (int i = 0; i < 40; i++) {
            g.setColor(new Color(40 * i % 256, 90 * i % 256, 150 * i % 256, 60 + 4 * i));
            g.fill(new Ellipse2D.Double(6.3 * i, 3.7 * i, 30.5, 18.25));
            g.setStroke(new BasicStroke(0.6f));
            g.setColor(new Color(0, 0, 0, 90));
            g.draw(new Ellipse2D.Double(6.3 * i, 3.7 * i, 30.5, 18.25));
        }
        g.dispose();

        byte[] png = PngEncoder.encode(drawn);
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(png));

        assertThat(decoded.getWidth()).isEqualTo(256);
        assertThat(decoded.getHeight()).isEqualTo(256);
        assertThat(decoded.getColorModel().hasAlpha()).isTrue();
        int differing = 0;
        for (int y = 0; y < 256; y++) {
            for (int x = 0; x < 256; x++) {
                differing += decoded.getRGB(x, y) == drawn.getRGB(x, y) ? 0 : 1;
            }
        }
        assertThat(differing).as("pixels that differ").isZero();
        assertThat(png.length).as("compressed").isLessThan(256 * 256 * 4 / 4);
    }
}
