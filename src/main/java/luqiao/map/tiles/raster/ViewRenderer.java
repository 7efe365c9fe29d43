package luqiao.map.tiles.raster;

import java.awt.Font;
import java.awt.Graphics2D;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import luqiao.map.catalog.Audience;
import luqiao.map.catalog.Layer;
import luqiao.map.store.tiles.DrawRow;
import luqiao.map.store.tiles.TileQuery;
import luqiao.map.store.tiles.TileStore;
import luqiao.map.tiles.TileSettings;
import org.springframework.stereotype.Component;

/**
 * Draws any view at any resolution with the PNG tiles' painter ({@link FeaturePainter}) and their
 * candidate rows (the same audience rules, the same thinning, as of the same date): a printed map is
 * this view drawn once at print resolution, exact and sharp, not tiles scaled up. Zone names are
 * always drawn: a print is read without zooming in.
 */
@Component
public class ViewRenderer {

    /** How far beyond the view rows are read, as a fraction of it: symbols at the edge are drawn whole. */
    private static final double MARGIN = 0.02;
    /** The web map's zoom from which parcels are outlined (as on the tiles). */
    private static final double OUTLINE_ZOOM = 15;

    private final TileStore.Drawing drawing;
    private final TileSettings settings;
    private final Font font;

    ViewRenderer(TileStore store, TileSettings settings) {
        this.drawing = store.drawing(FeaturePainter.STYLE_FIELDS);
        this.settings = settings;
        this.font = LabelFont.find();
    }

    /**
     * Paints the view into {@code g} (its origin the view's top-left pixel): each named layer, of its rows
     * only those whose style key (zone kind, project stage, land-use class) is listed, or all when the list
     * is empty; projects as they stood on {@code asOf} (null: now).
     */
    public void paint(Graphics2D g, MapView view, Audience audience, LocalDate asOf, Map<Layer, Set<String>> layers) {
        double pixel = view.groundMetresPerPixel() * view.pixelRatio();
        double minAreaM2 = settings.minAreaPixels() * pixel * pixel;
        Map<Layer, List<DrawRow>> rows = new EnumMap<>(Layer.class);
        layers.forEach((layer, keys) -> {
            TileQuery query = TileQuery.area(
                    view.lonLat(MARGIN), minAreaM2, settings.maxFeatures(), layer.hasHistory() ? asOf : null);
            rows.put(
                    layer,
                    drawing.rows(layer, audience, query).stream()
                            .filter(r -> keys.isEmpty() || keys.contains(r.key()))
                            .toList());
        });
        float scale = (float) view.pixelRatio();
        new FeaturePainter(g, new WkbPaths(view.projected(), view.width()), scale)
                .paint(rows, view.zoom() >= OUTLINE_ZOOM, font.deriveFont(13f * scale), view.width(), view.height());
    }
}
