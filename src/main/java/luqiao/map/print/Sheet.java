package luqiao.map.print;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import luqiao.map.tiles.raster.MapView;
import org.locationtech.jts.geom.Envelope;

/**
 * One printed map sheet (专题图), laid out on any page size: the title on top; the map frame with a north
 * arrow; under it the legend; at the foot the scale bar and ratio on the left, and on the right the date
 * (and the as-of date), the source and the map review number (审图号). Positions are in points from the
 * top-left corner; the same layout is drawn into a PDF and a PNG ({@link PageCanvas}).
 */
final class Sheet {

    static final double MARGIN = 10 * Paper.POINTS_PER_MM;
    private static final float TITLE_SIZE = 18f;
    private static final double TITLE_BAND = 30;
    private static final float LEGEND_SIZE = 8f;
    private static final double LEGEND_ROW = 12;
    private static final double LEGEND_HEADING = 90;
    private static final double LEGEND_COLUMN = 120;
    private static final float FOOT_SIZE = 7.5f;
    private static final double FOOT_LINE = 10;
    private static final double FOOT_BAND = 34;
    private static final double GAP = 6;
    private static final double MAX_SCALE_BAR = 150;
    private static final Color INK = new Color(0x212121);
    private static final Color GREY = new Color(0x757575);

    /** What the sheet says besides the map. */
    record Text(
            String title,
            List<Legend.Group> legend,
            LocalDate printed,
            LocalDate asOf,
            String source,
            String reviewNumber) {}

    private final PageCanvas canvas;
    private final double width;
    private final double height;

    Sheet(PageCanvas canvas, double width, double height) {
        this.canvas = canvas;
        this.width = width;
        this.height = height;
    }

    /** Lays out and draws the sheet; {@code painter} draws the map of a view into the frame's pixels. */
    void draw(Text text, Envelope bbox, BiConsumer<Graphics2D, MapView> painter) {
        title(text.title());
        int columns = Math.max(1, (int) ((width - 2 * MARGIN - LEGEND_HEADING) / LEGEND_COLUMN));
        double legendHeight = LEGEND_ROW * legendRows(text.legend(), columns);
        double top = MARGIN + TITLE_BAND;
        double mapHeight = height - MARGIN - top - GAP - legendHeight - GAP - FOOT_BAND;
        Rectangle2D frame = new Rectangle2D.Double(MARGIN, top, width - 2 * MARGIN, mapHeight);
        MapView view = MapView.fit(
                bbox, PageCanvas.pixels(frame.getWidth()), PageCanvas.pixels(frame.getHeight()), PageCanvas.DPI / 96.0);
        canvas.map(frame, g -> painter.accept(g, view));
        canvas.stroke(frame, INK, 0.75f);
        northArrow(frame);
        legend(text.legend(), columns, frame.getMaxY() + GAP);
        double footTop = height - MARGIN - FOOT_BAND;
        scaleBar(view.groundMetresPerPixel() * PageCanvas.DPI / 72, footTop);
        foot(text, footTop);
    }

    private void title(String title) {
        float size = TITLE_SIZE;
        double available = width - 2 * MARGIN;
        while (size > 8 && canvas.width(title, size) > available) {
            size -= 1;
        }
        double w = canvas.width(title, size);
        canvas.text(title, (width - w) / 2, MARGIN + size, size, INK);
    }

    /** The legend's rows: a heading row, then per group as many rows as its entries fill in the columns. */
    private static int legendRows(List<Legend.Group> groups, int columns) {
        int rows = 1;
        for (Legend.Group g : groups) {
            rows += Math.max(1, (g.entries().size() + columns - 1) / columns);
        }
        return rows;
    }

    private void legend(List<Legend.Group> groups, int columns, double top) {
        canvas.text("图例", MARGIN, top + LEGEND_SIZE + 1, LEGEND_SIZE + 1, INK);
        double y = top + LEGEND_ROW;
        for (Legend.Group group : groups) {
            canvas.text(group.heading(), MARGIN, y + LEGEND_SIZE, LEGEND_SIZE, GREY);
            List<Legend.Entry> entries = group.entries();
            for (int i = 0; i < entries.size(); i++) {
                double x = MARGIN + LEGEND_HEADING + (i % columns) * LEGEND_COLUMN;
                double rowTop = y + (i / columns) * LEGEND_ROW;
                symbol(entries.get(i), x, rowTop + 1);
                canvas.text(entries.get(i).label(), x + 18, rowTop + LEGEND_SIZE, LEGEND_SIZE, INK);
            }
            y += LEGEND_ROW * Math.max(1, (entries.size() + columns - 1) / columns);
        }
    }

    /** An entry's symbol in a 14 × 8 point box whose top-left corner is (x, y). */
    private void symbol(Legend.Entry e, double x, double y) {
        switch (e.symbol()) {
            case LINE -> {
                Rectangle2D box = new Rectangle2D.Double(x + 1, y + 1, 12, 6);
                canvas.fill(box, Legend.onWhite(e.colour(), 0.12));
                canvas.stroke(box, e.colour(), 1.2f);
            }
            case DASHED -> {
                for (double d = 0; d < 14; d += 5) {
                    canvas.stroke(new Line2D.Double(x + d, y + 4, x + Math.min(14, d + 3), y + 4), e.colour(), 1.5f);
                }
            }
            case DOT -> {
                Ellipse2D dot = new Ellipse2D.Double(x + 3, y, 8, 8);
                canvas.fill(dot, e.colour());
                canvas.stroke(dot, Color.WHITE, 0.8f);
            }
            case FILL -> {
                Rectangle2D box = new Rectangle2D.Double(x, y, 14, 8);
                canvas.fill(box, e.colour());
                canvas.stroke(box, new Color(0x9e9e9e), 0.4f);
            }
        }
    }

    /** A north arrow in the frame's top-right corner: up is north on a Web Mercator map. */
    private void northArrow(Rectangle2D frame) {
        double w = 24;
        double x = frame.getMaxX() - 8 - w;
        double y = frame.getY() + 8;
        Rectangle2D box = new Rectangle2D.Double(x, y, w, 38);
        canvas.fill(box, Color.WHITE);
        canvas.stroke(box, GREY, 0.5f);
        double cx = x + w / 2;
        canvas.text("N", cx - canvas.width("N", 10) / 2, y + 12, 10, INK);
        Path2D.Double left = new Path2D.Double();
        left.moveTo(cx, y + 15);
        left.lineTo(cx - 7, y + 34);
        left.lineTo(cx, y + 29);
        left.closePath();
        Path2D.Double right = new Path2D.Double();
        right.moveTo(cx, y + 15);
        right.lineTo(cx + 7, y + 34);
        right.lineTo(cx, y + 29);
        right.closePath();
        canvas.fill(left, INK);
        canvas.fill(right, Color.WHITE);
        canvas.stroke(right, INK, 0.8f);
    }

    /** A two-part scale bar of a round ground length, and the scale as a ratio, at the foot's left. */
    private void scaleBar(double metresPerPoint, double top) {
        double metres = roundLength(metresPerPoint * MAX_SCALE_BAR);
        double length = metres / metresPerPoint;
        boolean km = metres >= 1000;
        double unit = km ? 1000 : 1;
        String suffix = km ? " km" : " m";
        double barTop = top + 12;
        List<String> labels = new ArrayList<>(List.of("0", number(metres / 2 / unit), number(metres / unit) + suffix));
        double[] at = {0, length / 2, length};
        for (int i = 0; i < 3; i++) {
            double w = canvas.width(labels.get(i), FOOT_SIZE);
            double x = i == 2 ? MARGIN + at[i] - canvas.width("0", FOOT_SIZE) / 2 : MARGIN + at[i] - w / 2;
            canvas.text(labels.get(i), Math.max(MARGIN, x), top + 9, FOOT_SIZE, INK);
        }
        Rectangle2D first = new Rectangle2D.Double(MARGIN, barTop, length / 2, 4);
        Rectangle2D second = new Rectangle2D.Double(MARGIN + length / 2, barTop, length / 2, 4);
        canvas.fill(first, INK);
        canvas.fill(second, Color.WHITE);
        canvas.stroke(new Rectangle2D.Double(MARGIN, barTop, length, 4), INK, 0.6f);
        long ratio = roundRatio(metresPerPoint / (0.0254 / 72));
        canvas.text(String.format("比例尺 1:%,d", ratio), MARGIN, barTop + 4 + 12, FOOT_SIZE, INK);
    }

    /** Date, as-of date, source and review number, right-aligned at the foot. */
    private void foot(Text text, double top) {
        List<String> lines = new ArrayList<>();
        lines.add("制图日期：" + text.printed() + (text.asOf() == null ? "" : "　数据时点：" + text.asOf()));
        lines.add("资料来源：" + text.source() + "　坐标系：WGS 84（Web 墨卡托投影）");
        if (!text.reviewNumber().isBlank()) {
            lines.add("审图号：" + text.reviewNumber());
        }
        double y = top + 9;
        for (String line : lines) {
            canvas.text(line, width - MARGIN - canvas.width(line, FOOT_SIZE), y, FOOT_SIZE, INK);
            y += FOOT_LINE;
        }
    }

    /** The largest 1, 2 or 5 × 10ⁿ metres not over {@code metres}. */
    static double roundLength(double metres) {
        double power = Math.pow(10, Math.floor(Math.log10(metres)));
        for (double step : new double[] {5, 2, 1}) {
            if (step * power <= metres) {
                return step * power;
            }
        }
        return power;
    }

    /** A scale denominator to three significant digits, as maps state it (1:47,831 reads 1:47,800). */
    static long roundRatio(double denominator) {
        double power = Math.pow(10, Math.max(0, Math.floor(Math.log10(denominator)) - 2));
        return Math.round(denominator / power) * (long) power;
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
