package luqiao.map.tiles.raster;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.font.GlyphVector;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import luqiao.map.catalog.Layer;
import luqiao.map.store.tiles.DrawRow;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;

/**
 * Draws a view's rows in its pixels, y down, in the map's {@link Palette} and {@link Symbology}: the one
 * drawing code of the PNG tiles and of printed maps ({@link ViewRenderer}), so both look alike. Stroke widths and symbol sizes
 * are CSS pixels times {@code scale} (device pixels per CSS pixel: 1 for a 256-px tile, 300/96 in print).
 */
final class FeaturePainter {

    /** What drawing reads per layer: the style key first, then (zones) the label. */
    static final Map<Layer, List<String>> STYLE_FIELDS = Map.of(
            Layer.PARCELS, List.of("landuse_l1_code"),
            Layer.ZONES, List.of("kind", "name_zh"),
            Layer.PROJECTS, List.of("stage"));

    private static final Map<String, Color> PARCEL_FILLS = new HashMap<>();
    private static final Color PARCEL_FILL_UNKNOWN = Palette.alpha(Palette.UNKNOWN, Symbology.PARCEL_FILL_OPACITY);

    static {
        Palette.LAND_USE.forEach(
                (code, colour) -> PARCEL_FILLS.put(code, Palette.alpha(colour, Symbology.PARCEL_FILL_OPACITY)));
    }

    private final Graphics2D g;
    private final WkbPaths paths;
    private final float scale;
    private final Path2D.Double path = new Path2D.Double();
    private final List<Point2D> points = new ArrayList<>();

    FeaturePainter(Graphics2D g, WkbPaths paths, float scale) {
        this.g = g;
        this.paths = paths;
        this.scale = scale;
    }

    /**
     * The layers' rows, bottom layer first (parcels, zones, projects), parcels outlined when {@code outlined},
     * and zone names in {@code labelFont} unless it is null, within a {@code width} × {@code height} view.
     */
    void paint(Map<Layer, List<DrawRow>> rows, boolean outlined, Font labelFont, int width, int height) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        for (Layer layer : List.of(Layer.PARCELS, Layer.ZONES, Layer.PROJECTS)) {
            List<DrawRow> drawn = rows.get(layer);
            if (drawn == null) {
                continue;
            }
            switch (layer) {
                case PARCELS -> parcels(drawn, outlined);
                case ZONES -> drawn.forEach(this::zone);
                case PROJECTS -> drawn.forEach(this::project);
            }
        }
        if (labelFont != null && rows.containsKey(Layer.ZONES)) {
            labels(rows.get(Layer.ZONES), labelFont, width, height);
        }
    }

    /** Each parcel filled by its class and, when {@code outlined}, stroked, one after the other. */
    void parcels(List<DrawRow> parcels, boolean outlined) {
        g.setStroke(new BasicStroke(Symbology.PARCEL_OUTLINE_WIDTH * scale));
        for (DrawRow f : parcels) {
            if (!read(f)) {
                continue;
            }
            g.setColor(f.key() == null ? PARCEL_FILL_UNKNOWN : PARCEL_FILLS.getOrDefault(f.key(), PARCEL_FILL_UNKNOWN));
            g.fill(path);
            if (outlined) {
                g.setColor(Symbology.PARCEL_OUTLINE);
                g.draw(path);
            }
        }
    }

    void zone(DrawRow f) {
        if (!read(f)) {
            return;
        }
        Color colour = Palette.of(Palette.ZONE_KINDS, f.key());
        if (Symbology.DISTRICT_KIND.equals(f.key())) {
            g.setStroke(new BasicStroke(
                    Symbology.DISTRICT_WIDTH * scale,
                    BasicStroke.CAP_ROUND,
                    BasicStroke.JOIN_ROUND,
                    10f,
                    new float[] {Symbology.DISTRICT_DASH[0] * scale, Symbology.DISTRICT_DASH[1] * scale},
                    0f));
        } else {
            g.setColor(Palette.alpha(colour, Symbology.ZONE_FILL_OPACITY));
            g.fill(path);
            g.setStroke(new BasicStroke(Symbology.ZONE_WIDTH * scale, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        }
        g.setColor(colour);
        g.draw(path);
    }

    void project(DrawRow f) {
        path.reset();
        points.clear();
        boolean polygonal = paths.append(f.wkb(), path, points);
        Color colour = Palette.of(Palette.STAGES, f.key());
        double r = Symbology.PROJECT_DOT_RADIUS * scale;
        for (Point2D p : points) {
            Ellipse2D dot = new Ellipse2D.Double(p.getX() - r, p.getY() - r, 2 * r, 2 * r);
            g.setColor(Palette.alpha(colour, Symbology.PROJECT_DOT_OPACITY));
            g.fill(dot);
            g.setColor(Color.WHITE);
            g.setStroke(new BasicStroke(Symbology.PROJECT_DOT_OUTLINE_WIDTH * scale));
            g.draw(dot);
        }
        if (path.getCurrentPoint() == null) {
            return;
        }
        if (polygonal) {
            g.setColor(Palette.alpha(colour, Symbology.PROJECT_FILL_OPACITY));
            g.fill(path);
        }
        g.setColor(colour);
        g.setStroke(new BasicStroke(Symbology.PROJECT_WIDTH * scale, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(path);
    }

    /** Zone names (not the district's) at each zone's interior point, with a white halo. */
    void labels(List<DrawRow> zones, Font labelFont, int width, int height) {
        List<Shape> placed = new ArrayList<>();
        for (DrawRow f : zones) {
            if (f.label() == null || Symbology.DISTRICT_KIND.equals(f.key())) {
                continue;
            }
            Point interior;
            try {
                interior = new WKBReader().read(f.wkb()).getInteriorPoint();
            } catch (ParseException e) {
                throw new IllegalStateException("the database returned a geometry that is not valid WKB", e);
            }
            if (interior.isEmpty()) {
                continue;
            }
            Point2D anchor = paths.pixel(interior.getX(), interior.getY());
            GlyphVector glyphs = labelFont.createGlyphVector(g.getFontRenderContext(), f.label());
            double w = glyphs.getLogicalBounds().getWidth();
            double h = glyphs.getLogicalBounds().getHeight();
            float x = (float) (anchor.getX() - w / 2);
            float y = (float) (anchor.getY() + h / 3);
            if (x + w < 0 || y < 0 || x > width || y - h > height) {
                continue;
            }
            Shape text = glyphs.getOutline(x, y);
            if (placed.stream().anyMatch(s -> s.getBounds2D().intersects(text.getBounds2D()))) {
                continue;
            }
            placed.add(text);
            g.setColor(Symbology.LABEL_HALO);
            g.setStroke(new BasicStroke(
                    Symbology.LABEL_HALO_STROKE * scale, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(text);
            g.setColor(Symbology.LABEL_COLOUR);
            g.fill(text);
        }
    }

    /** The feature's lines and rings into {@link #path}; false when it has none. */
    private boolean read(DrawRow f) {
        path.reset();
        points.clear();
        paths.append(f.wkb(), path, points);
        return path.getCurrentPoint() != null;
    }
}
