package luqiao.map.store;

import luqiao.map.catalog.Layer;

/** A write named a version of the feature that is no longer current: someone else changed it first. */
public class StaleVersionException extends RuntimeException {

    private final long current;

    public StaleVersionException(Layer layer, String id, long expected, long current) {
        super(layer.id() + "/" + id + " was changed by someone else: it is at version " + current
                + ", the request was based on version " + expected + "; reload it and apply the change again");
        this.current = current;
    }

    /** The feature's current version (its current ETag). */
    public long current() {
        return current;
    }
}
