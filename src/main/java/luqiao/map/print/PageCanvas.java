package luqiao.map.print;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.Rectangle2D;
import java.util.function.Consumer;

/**
 * A page a map sheet is drawn on, in PDF points (1/72 inch) from the top-left corner, y down. The PDF
 * writes text as text and shapes as vectors; the PNG draws both at {@link #DPI}. Colours are opaque.
 */
interface PageCanvas {

    /** The resolution of the map image (in the PDF and in the PNG) and of the PNG page. */
    int DPI = 300;

    /** Device pixels of {@code points} at {@link #DPI}. */
    static int pixels(double points) {
        return (int) Math.round(points * DPI / 72);
    }

    /** The width of {@code text} at {@code size} points. */
    double width(String text, float size);

    /** {@code text} with its baseline's left end at (x, baseline). */
    void text(String text, double x, double baseline, float size, Color colour);

    void fill(Shape shape, Color colour);

    void stroke(Shape shape, Color colour, float width);

    /**
     * The map: {@code painter} draws {@link #pixels} of the frame's width × height into the graphics it is
     * given (origin at the frame's top-left pixel, clipped to it), and the result fills the frame exactly.
     */
    void map(Rectangle2D frame, Consumer<Graphics2D> painter);

    /** The finished page's bytes. */
    byte[] finish();
}
