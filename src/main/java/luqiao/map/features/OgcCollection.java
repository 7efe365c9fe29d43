package luqiao.map.features;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import luqiao.map.catalog.GeometryFamily;
import luqiao.map.catalog.Layer;
import luqiao.map.geojson.Feature;
import luqiao.map.store.FeatureQuery;
import luqiao.map.web.NotFoundException;

/**
 * A collection of {@code /ogc/collections}: a layer, or the features of one geometry family of a layer
 * that mixes them ({@code projects_points}, {@code projects_lines}, {@code projects_polygons}), because
 * QGIS types a layer with the geometry type of its first features and never draws the others. A family's
 * collection is a read-only view of its layer: the same rows, fields, audience rules and queries, the
 * family being one more condition of the store's query; edits go to the layer's own collection.
 *
 * @param family the geometry family, or null for the whole layer
 */
record OgcCollection(String id, Layer layer, GeometryFamily family) {

    /** Every collection, in listing order: each layer, then each family it mixes. */
    static final List<OgcCollection> ALL = all();

    /** The collection called {@code id}, or 404. */
    static OgcCollection named(String id) {
        return ALL.stream()
                .filter(c -> c.id.equals(id))
                .findFirst()
                .orElseThrow(() -> new NotFoundException("unknown collection '" + id + "'; the collections are "
                        + String.join(", ", ALL.stream().map(OgcCollection::id).toList())));
    }

    String title() {
        return family == null ? Collections.title(layer) : Collections.title(layer, family);
    }

    String description() {
        return family == null ? Collections.description(layer) : Collections.description(layer, family);
    }

    /** The query narrowed to this collection's geometry family (unchanged for a whole layer). */
    FeatureQuery narrow(FeatureQuery query) {
        return family == null ? query : query.withGeometryFamily(family);
    }

    /** Whether the feature of the layer belongs to this collection. */
    boolean holds(Feature feature) {
        return family == null || family.holds(feature.geometry());
    }

    private static List<OgcCollection> all() {
        List<OgcCollection> all = new ArrayList<>();
        for (Layer layer : Layer.values()) {
            all.add(new OgcCollection(layer.id(), layer, null));
            for (GeometryFamily family : layer.mixedGeometryFamilies()) {
                all.add(new OgcCollection(layer.id() + "_" + family.name().toLowerCase(Locale.ROOT), layer, family));
            }
        }
        return List.copyOf(all);
    }
}
