package luqiao.map.web;

import luqiao.map.catalog.Layer;

/** The layer a request names, or 404: one lookup for every controller. */
public final class Layers {

    private Layers() {}

    /** The layer of {@code /api/{layer}/…} and the editing and transfer APIs. */
    public static Layer named(String name) {
        return Layer.byName(name)
                .orElseThrow(() -> new NotFoundException(
                        "unknown layer '" + name + "'; the layers are zones, projects and parcels"));
    }

    /** The layer of an OGC API collection, {@code /ogc/collections/{id}/…}. */
    public static Layer collection(String id) {
        return Layer.byName(id)
                .orElseThrow(() -> new NotFoundException(
                        "unknown collection '" + id + "'; the collections are zones, projects and parcels"));
    }
}
