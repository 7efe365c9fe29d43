package luqiao.map.tiles.raster;

import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumMap;
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
import org.springframework.stereotype.Component;

/**
 * PNG tiles, of any {@link luqiao.map.tiles.TileGrid}, drawn with Java2D (anti-aliased) by {@link FeaturePainter}, styled like the web map: parcels
 * filled by land-use class, zones outlined by kind, projects coloured by stage, zone names at
 * {@code labelMinZoom} and above. Draws the same candidate rows as the vector tiles, but reads of each only its style keys
 * and its WKB, which goes straight into a Java2D path ({@link WkbPaths}); features are drawn in
 * the rows' order (largest first), as before. Tiles without features are one pre-encoded
 * transparent image per size.
 */
@Component
class RasterTileSource implements TileSource {

    private final TileStore.Drawing drawing;
    private final TileFeatureReader reader;
    private final TileSettings settings;
    private final Font font;
    private final Map<TileFormat, byte[]> empty = new EnumMap<>(TileFormat.class);

    RasterTileSource(TileStore store, TileFeatureReader reader, TileSettings settings) {
        // The lean read: of each candidate only its style keys and its WKB, per layer × audience × time.
        this.drawing = store.drawing(FeaturePainter.STYLE_FIELDS);
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
                    reader.query(request.grid(), request.coord(), settings.maxFeatures(), request.asOf(layer)));
            features.put(layer, rows);
            any |= !rows.isEmpty();
        }
        if (!any) {
            return empty.get(request.format());
        }
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        boolean labelled =
                request.set().includes(Layer.ZONES) && request.coord().z() >= settings.labelMinZoom();
        float scale = size / 256f;
        new FeaturePainter(g, new WkbPaths(request.grid(), request.coord(), size), scale)
                .paint(
                        features,
                        request.coord().z() >= Symbology.PARCEL_OUTLINE_MIN_ZOOM,
                        labelled ? font.deriveFont(Symbology.LABEL_SIZE * scale) : null,
                        size,
                        size);
        g.dispose();
        return PngEncoder.encode(image);
    }
}
