package luqiao.map.print;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.function.Consumer;
import luqiao.map.tiles.raster.PngEncoder;

/** The page as one PNG at {@link #DPI}, its resolution stated in the file (pHYs). */
final class PngCanvas implements PageCanvas {

    private final BufferedImage page;
    private final Graphics2D g;
    private final Font font;

    PngCanvas(double widthPoints, double heightPoints, Font font) {
        this.page = new BufferedImage(
                PageCanvas.pixels(widthPoints), PageCanvas.pixels(heightPoints), BufferedImage.TYPE_INT_ARGB);
        this.font = font;
        this.g = page.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, page.getWidth(), page.getHeight());
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.scale(DPI / 72.0, DPI / 72.0);
    }

    @Override
    public double width(String text, float size) {
        return font.deriveFont(size)
                .getStringBounds(text, g.getFontRenderContext())
                .getWidth();
    }

    @Override
    public void text(String text, double x, double baseline, float size, Color colour) {
        g.setFont(font.deriveFont(size));
        g.setColor(colour);
        g.drawString(text, (float) x, (float) baseline);
    }

    @Override
    public void fill(Shape shape, Color colour) {
        g.setColor(colour);
        g.fill(shape);
    }

    @Override
    public void stroke(Shape shape, Color colour, float width) {
        g.setColor(colour);
        g.setStroke(new BasicStroke(width));
        g.draw(shape);
    }

    @Override
    public void map(Rectangle2D frame, Consumer<Graphics2D> painter) {
        // Drawn in device pixels, at the frame's whole-pixel corner: the map's pixels are the page's.
        Graphics2D map = page.createGraphics();
        map.translate(PageCanvas.pixels(frame.getX()), PageCanvas.pixels(frame.getY()));
        map.clipRect(0, 0, PageCanvas.pixels(frame.getWidth()), PageCanvas.pixels(frame.getHeight()));
        painter.accept(map);
        map.dispose();
    }

    @Override
    public byte[] finish() {
        g.dispose();
        return PngEncoder.encode(page, DPI);
    }
}
