package luqiao.map.store.tiles;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import luqiao.map.catalog.Audience;
import luqiao.map.catalog.Field;
import luqiao.map.catalog.FieldType;
import luqiao.map.catalog.Layer;

/**
 * What a tile of one layer carries for an audience: {@code id}, then {@link #fields()} in order, then
 * {@link #AREA_MU} and {@link #AREA_HA} when the layer has areas (as its items do). Both encoders (Java and PostGIS {@code ST_AsMVT}) and
 * the tile metadata describe the same attributes.
 */
public record TileAttributes(Layer layer, List<Field> fields) {

    /** The attributes tiles carry per layer: ids, names, the styling keys, areas. */
    private static final Map<Layer, Set<String>> TILE_FIELDS = Map.of(
            Layer.ZONES, Set.of("name_zh", "name_en", "kind", "area_m2"),
            Layer.PROJECTS, Set.of("name_zh", "name_en", "category", "stage", "area_m2", "length_m"),
            Layer.PARCELS,
                    Set.of(
                            "landuse_code",
                            "landuse_name",
                            "landuse_l1_code",
                            "landuse_l1_name",
                            "status",
                            "renovation",
                            "farmland_protected",
                            "town",
                            "area_m2"));
    /** Derived attribute: the area in 亩, for the land office (1 亩 = 10000/15 m²). */
    public static final String AREA_MU = "area_mu";
    /**
     * What an overview feature (a group of parcels per cell, class, status and size band; store.overviews) carries
     * besides the class, status, {@code area_m2} and {@link #AREA_MU} a parcel carries too: how many parcels it holds,
     * the flag telling it from a parcel, its cell ("zoom/x/y") and its size band. It has no {@code id}.
     */
    public static final Map<String, FieldType> OVERVIEW_ONLY = overviewOnly();
    /** Derived attribute: the area in hectares (1 ha = 10000 m² = 15 亩). */
    public static final String AREA_HA = "area_ha";

    public TileAttributes {
        fields = List.copyOf(fields);
    }

    public static TileAttributes of(Layer layer, Audience audience) {
        // Only fields the audience may see at all are candidates, so a tile can never leak one.
        return new TileAttributes(
                layer,
                layer.fields(audience).stream()
                        .filter(f -> TILE_FIELDS.get(layer).contains(f.name()))
                        .toList());
    }

    private static Map<String, FieldType> overviewOnly() {
        Map<String, FieldType> fields = new LinkedHashMap<>();
        fields.put("feature_count", FieldType.NUMBER);
        fields.put("overview", FieldType.BOOLEAN);
        fields.put("cell", FieldType.STRING);
        fields.put("band", FieldType.NUMBER);
        return Collections.unmodifiableMap(fields);
    }

    public boolean hasArea() {
        return fields.stream().anyMatch(f -> f.name().equals("area_m2"));
    }
}
