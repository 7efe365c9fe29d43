package luqiao.map.tiles.raster;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.font.GlyphVector;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.imageio.ImageIO;

import luqiao.map.catalog.Layer;
import luqiao.map.tiles.TileFeature;
import luqiao.map.tiles.TileFeatureReader;
import luqiao.map.tiles.TileFormat;
import luqiao.map.tiles.TileRequest;
import luqiao.map.tiles.TileSettings;
import luqiao.map.tiles.TileSource;
import luqiao.map.tiles.vector.TileGeometry;
import org.locationtech.jts.awt.ShapeWriter;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.geom.Puntal;
import org.springframework.stereotype.Component;

/**
 * PNG tiles drawn with Java2D (anti-aliased), styled like the web map: parcels filled by land-use
 * class, zones outlined by kind, projects coloured by stage, zone names at {@code labelMinZoom} and
 * above. Reads the same candidate rows as the vector tiles. Tiles without features are one
 * pre-encoded transparent image per size.
 */
@Component
class RasterTileSource implements TileSource {

    private final TileFeatureReader reader;
    private final TileSettings settings;
    private final Font font;
    private final Map<TileFormat, byte[]> empty = new EnumMap<>(TileFormat.class);

    RasterTileSource(TileFeatureReader reader, TileSettings settings) {
        this.reader = reader;
        this.settings = settings;
        this.font = LabelFont.find();
        for (TileFormat format : formats()) {
            empty.put(format, png(new BufferedImage(format.pixels(), format.pixels(), BufferedImage.TYPE_BYTE_BINARY,
                    new java.awt.image.IndexColorModel(1, 2, new byte[2], new byte[2], new byte[2], new byte[2]))));
        }
    }

    @Override
    public Set<TileFormat> formats() {
        return Set.of(TileFormat.PNG, TileFormat.PNG_2X);
    }

    @Override
    public byte[] render(TileRequest request) {
        int size = request.format().pixels();
        Map<Layer, List<TileFeature>> features = new EnumMap<>(Layer.class);
        boolean any = false;
        for (Layer layer : request.set().layers()) {
            List<TileFeature> list = reader.read(layer, request.audience(), request.coord(), settings.maxFeatures(), request.asOf(layer));
            features.put(layer, list);
            any |= !list.isEmpty();
        }
        if (!any) {
            return empty.get(request.format());
        }
        // The drawing buffer: far enough for the widest stroke and a point symbol, in pixels.
        TileGeometry space = new TileGeometry(request.coord(), size, size / 16);
        float scale = size / 256f;
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        Painter painter = new Painter(g, space, scale);
        for (Layer layer : request.set().layers()) {
            for (TileFeature f : features.get(layer)) {
                switch (layer) {
                    case PARCELS -> painter.parcel(f, request.coord().z());
                    case ZONES -> painter.zone(f);
                    case PROJECTS -> painter.project(f);
                }
            }
        }
        if (request.set().includes(Layer.ZONES) && request.coord().z() >= settings.labelMinZoom()) {
            painter.labels(features.get(Layer.ZONES), font.deriveFont(13f * scale), size);
        }
        g.dispose();
        return png(image);
    }

    private static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Draws features in tile pixel space (see {@link TileGeometry#project}). */
    private record Painter(Graphics2D g, TileGeometry space, float scale) {

        void parcel(TileFeature f, int zoom) {
            Shape shape = shape(f);
            if (shape == null) {
                return;
            }
            g.setColor(Palette.alpha(Palette.of(Palette.LAND_USE, f.attributes().get("landuse_l1_code")), 0.6));
            g.fill(shape);
            if (zoom >= 15) {
                g.setColor(new Color(0, 0, 0, 90));
                g.setStroke(new BasicStroke(0.6f * scale));
                g.draw(shape);
            }
        }

        void zone(TileFeature f) {
            Shape shape = shape(f);
            if (shape == null) {
                return;
            }
            Color colour = Palette.of(Palette.ZONE_KINDS, f.attributes().get("kind"));
            if ("district".equals(f.attributes().get("kind"))) {
                g.setStroke(new BasicStroke(2.5f * scale, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 10f,
                        new float[] {6 * scale, 4 * scale}, 0f));
            } else {
                g.setColor(Palette.alpha(colour, 0.12));
                g.fill(shape);
                g.setStroke(new BasicStroke(2f * scale, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            }
            g.setColor(colour);
            g.draw(shape);
        }

        void project(TileFeature f) {
            Color colour = Palette.of(Palette.STAGES, f.attributes().get("stage"));
            Geometry geometry = space.clip(space.project(f.geometry()));
            if (geometry.isEmpty()) {
                return;
            }
            if (geometry instanceof Puntal) {
                for (int i = 0; i < geometry.getNumGeometries(); i++) {
                    Point p = (Point) geometry.getGeometryN(i);
                    Ellipse2D dot = new Ellipse2D.Double(p.getX() - 6 * scale, p.getY() - 6 * scale, 12 * scale, 12 * scale);
                    g.setColor(Palette.alpha(colour, 0.9));
                    g.fill(dot);
                    g.setColor(Color.WHITE);
                    g.setStroke(new BasicStroke(1.5f * scale));
                    g.draw(dot);
                }
                return;
            }
            Shape shape = new ShapeWriter().toShape(geometry);
            if (geometry instanceof Polygonal) {
                g.setColor(Palette.alpha(colour, 0.2));
                g.fill(shape);
            }
            g.setColor(colour);
            g.setStroke(new BasicStroke(4f * scale, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(shape);
        }

        /** Zone names (not the district's) at each zone's interior point, with a white halo. */
        void labels(List<TileFeature> zones, Font labelFont, int size) {
            List<Shape> placed = new ArrayList<>();
            for (TileFeature f : zones) {
                Object name = f.attributes().get("name_zh");
                if (name == null || "district".equals(f.attributes().get("kind"))) {
                    continue;
                }
                Point anchor = (Point) space.project(f.geometry().getInteriorPoint());
                GlyphVector glyphs = labelFont.createGlyphVector(g.getFontRenderContext(), name.toString());
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

        private Shape shape(TileFeature f) {
            Geometry geometry = space.clip(space.project(f.geometry()));
            return geometry.isEmpty() ? null : new ShapeWriter().toShape(geometry);
        }
    }
}
