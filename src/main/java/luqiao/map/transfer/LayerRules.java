package luqiao.map.transfer;

import java.util.List;
import java.util.Map;
import java.util.Set;
import luqiao.map.catalog.ChoiceLists;
import luqiao.map.catalog.Layer;

/**
 * What an imported row must satisfy beyond its types, so that the dry run rejects exactly the rows
 * the database would refuse: the NOT NULL columns, the defaults of NOT NULL columns with one, and the
 * CHECK constraints' choice lists ({@link ChoiceLists}).
 */
final class LayerRules {

    private LayerRules() {}

    /** Fields every row must give. */
    static Set<String> required(Layer layer) {
        return switch (layer) {
            case ZONES -> Set.of("name_zh", "kind");
            case PROJECTS -> Set.of("name_zh", "category", "stage");
            case PARCELS -> Set.of("landuse_code", "landuse_name", "landuse_l1_code", "landuse_l1_name", "status");
        };
    }

    /** Values used when a row leaves a NOT NULL field with a default empty. */
    static Map<String, Object> defaults(Layer layer) {
        return switch (layer) {
            case ZONES -> Map.of("public", Boolean.TRUE);
            case PROJECTS -> Map.of();
            case PARCELS -> Map.of("farmland_protected", Boolean.FALSE);
        };
    }

    /** The allowed values of fields with a choice list. */
    static Map<String, List<String>> choices(Layer layer) {
        return ChoiceLists.of(layer);
    }

    /** Whether the layer's geometry column holds (multi)polygons only. */
    static boolean polygonal(Layer layer) {
        return layer != Layer.PROJECTS;
    }
}
