package luqiao.map.tiles;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import luqiao.map.catalog.Layer;

/** What a tile URL may name: one catalog layer, or {@code all} (the three as separate layers of one tile). */
public enum TileSet {
    ZONES("zones", List.of(Layer.ZONES)),
    PROJECTS("projects", List.of(Layer.PROJECTS)),
    PARCELS("parcels", List.of(Layer.PARCELS)),
    // Drawing order: parcels at the bottom, zones over them, projects on top.
    ALL("all", List.of(Layer.PARCELS, Layer.ZONES, Layer.PROJECTS));

    private final String id;
    private final List<Layer> layers;

    TileSet(String id, List<Layer> layers) {
        this.id = id;
        this.layers = layers;
    }

    public static Optional<TileSet> byName(String name) {
        return Arrays.stream(values()).filter(s -> s.id.equals(name)).findFirst();
    }

    public static Optional<TileSet> containing(Layer layer) {
        return byName(layer.id());
    }

    public String id() {
        return id;
    }

    /** The layers of this set, bottom first. */
    public List<Layer> layers() {
        return layers;
    }

    public boolean includes(Layer layer) {
        return layers.contains(layer);
    }
}
