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
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import luqiao.map.catalog.Layer;
import luqiao.map.store.tiles.DrawRow;
import luqiao.map.store.tiles.TileStore;
import luqiao.map.tiles.TileFeatureReader;
import luqiao.map.tiles.TileFormat;
import luqiao.map.tiles.TileRequest;
import luqiao.map.tiles.TileSettings;
import luqiao.map.tiles.TileSource;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.springframework.stereotype.Component;

/**
 * PNG tiles drawn with Java2D (anti-aliased), styled like the web map: parcels filled by land-use
 * class, zones outlined by kind, projects coloured by stage, zone names at {@code labelMinZoom} and
 * above. Draws the same candidate rows as the vector tiles, but reads of each only its style keys
 * and its WKB, which goes straight into a Java2D path ({@link WkbPaths}); features are drawn in
 * the rows' order (largest first), as before. Tiles without features are one pre-encoded
 * transparent image per size.
 */
@Component
class RasterTileSource implements TileSource {

    /** What drawing reads per layer: the style key first, then (zones) the label. */
    private static final Map<Layer, List<String>> STYLE_FIELDS = Map.of(
            Layer.PARCELS, List.of("landuse_l1_code"),
            Layer.ZONES, List.of("kind", "name_zh"),
            Layer.PROJECTS, List.of("stage"));

    private final TileStore.Drawing drawing;
    private final TileFeatureReader reader;
    private final TileSettings settings;
    private final Font font;
    private final Map<TileFormat, byte[]> empty = new EnumMap<>(TileFormat.class);

    RasterTileSource(TileStore store, TileFeatureReader reader, TileSettings settings) {
        // The lean read: of each candidate only its style keys and its WKB, per layer × audience × time.
        this.drawing = store.drawing(STYLE_FIELDS);
        this.reader = reader;
        this.settings = settings;
        this.font = LabelFont.find();
        for (TileFormat format : formats()) {
            // A 1-bit image: a few dozen bytes, where an empty RGBA tile would weigh hundreds.
            BufferedImage blank = new BufferedImage(
                    format.pixels(),
                    format.pixels(),
                    BufferedImage.TYPE_BYTE_BINARY,
                    new IndexColorModel(1, 2, new byte[2], new byte[2], new byte[2], new byte[2]));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                ImageIO.write(blank, "png", out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            empty.put(format, out.toByteArray());
        }
    }

    @Override
    public Set<TileFormat> formats() {
        return Set.of(TileFormat.PNG, TileFormat.PNG_2X);
    }

    @Override
    public byte[] render(TileRequest request) {
        int size = request.format().pixels();
        Map<Layer, List<DrawRow>> features = new EnumMap<>(Layer.class);
        boolean any = false;
        for (Layer layer : request.set().layers()) {
            List<DrawRow> rows = drawing.rows(
                    layer,
                    request.audience(),
                    reader.query(request.coord(), settings.maxFeatures(), request.asOf(layer)));
            features.put(layer, rows);
            any |= !rows.isEmpty();
        }
        if (!any) {
            return empty.get(request.format());
        }
        float scale = size / 256f;
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        Painter painter = new Painter(g, new WkbPaths(request.coord(), size), scale);
        for (Layer layer : request.set().layers()) {
            switch (layer) {
                case PARCELS ->
                    painter.parcels(features.get(layer), request.coord().z() >= 15);
                case ZONES -> features.get(layer).forEach(painter::zone);
                case PROJECTS -> features.get(layer).forEach(painter::project);
            }
        }
        if (request.set().includes(Layer.ZONES) && request.coord().z() >= settings.labelMinZoom()) {
            painter.labels(features.get(Layer.ZONES), font.deriveFont(13f * scale), size);
        }
        g.dispose();
        return PngEncoder.encode(image);
    }

    /** Draws features in tile pixels, y down. */
    private static final class Painter {

        private static final Map<String, Color> PARCEL_FILLS = new HashMap<>();
        private static final Color PARCEL_FILL_UNKNOWN = Palette.alpha(Palette.UNKNOWN, 0.6);
        private static final Color PARCEL_OUTLINE = new Color(0, 0, 0, 90);

        static {
            Palette.LAND_USE.forEach((code, colour) -> PARCEL_FILLS.put(code, Palette.alpha(colour, 0.6)));
        }

        private final Graphics2D g;
        private final WkbPaths paths;
        private final float scale;
        private final Path2D.Double path = new Path2D.Double();
        private final List<Point2D> points = new ArrayList<>();

        Painter(Graphics2D g, WkbPaths paths, float scale) {
            this.g = g;
            this.paths = paths;
            this.scale = scale;
        }

        /** Each parcel filled by its class and, when {@code outlined}, stroked, one after the other. */
        void parcels(List<DrawRow> parcels, boolean outlined) {
            g.setStroke(new BasicStroke(0.6f * scale));
            for (DrawRow f : parcels) {
                if (!read(f)) {
                    continue;
                }
                g.setColor(
                        f.key() == null
                                ? PARCEL_FILL_UNKNOWN
                                : PARCEL_FILLS.getOrDefault(f.key(), PARCEL_FILL_UNKNOWN));
                g.fill(path);
                if (outlined) {
                    g.setColor(PARCEL_OUTLINE);
                    g.draw(path);
                }
            }
        }

        void zone(DrawRow f) {
            if (!read(f)) {
                return;
            }
            Color colour = Palette.of(Palette.ZONE_KINDS, f.key());
            if ("district".equals(f.key())) {
                g.setStroke(new BasicStroke(
                        2.5f * scale,
                        BasicStroke.CAP_ROUND,
                        BasicStroke.JOIN_ROUND,
                        10f,
                        new float[] {6 * scale, 4 * scale},
                        0f));
            } else {
                g.setColor(Palette.alpha(colour, 0.12));
                g.fill(path);
                g.setStroke(new BasicStroke(2f * scale, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            }
            g.setColor(colour);
            g.draw(path);
        }

        void project(DrawRow f) {
            path.reset();
            points.clear();
            boolean polygonal = paths.append(f.wkb(), path, points);
            Color colour = Palette.of(Palette.STAGES, f.key());
            for (Point2D p : points) {
                Ellipse2D dot =
                        new Ellipse2D.Double(p.getX() - 6 * scale, p.getY() - 6 * scale, 12 * scale, 12 * scale);
                g.setColor(Palette.alpha(colour, 0.9));
                g.fill(dot);
                g.setColor(Color.WHITE);
                g.setStroke(new BasicStroke(1.5f * scale));
                g.draw(dot);
            }
            if (path.getCurrentPoint() == null) {
                return;
            }
            if (polygonal) {
                g.setColor(Palette.alpha(colour, 0.2));
                g.fill(path);
            }
            g.setColor(colour);
            g.setStroke(new BasicStroke(4f * scale, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(path);
        }

        /** Zone names (not the district's) at each zone's interior point, with a white halo. */
        void labels(List<DrawRow> zones, Font labelFont, int size) {
            List<Shape> placed = new ArrayList<>();
            for (DrawRow f : zones) {
                if (f.label() == null || "district".equals(f.key())) {
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
                if (x + w < 0 || y < 0 || x > size || y - h > size) {
                    continue;
                }
                Shape text = glyphs.getOutline(x, y);
                if (placed.stream().anyMatch(s -> s.getBounds2D().intersects(text.getBounds2D()))) {
                    continue;
                }
                placed.add(text);
                g.setColor(new Color(255, 255, 255, 220));
                g.setStroke(new BasicStroke(3f * scale, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                g.draw(text);
                g.setColor(new Color(0x212121));
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
}
