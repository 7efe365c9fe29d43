package luqiao.map.store;

import luqiao.map.catalog.Layer;

/** A create named an id that is taken, by a live feature or by a soft-deleted one (which can be undeleted). */
public class FeatureExistsException extends RuntimeException {

    public FeatureExistsException(Layer layer, String id, boolean deleted) {
        super(layer.id() + " already has a feature '" + id + "'"
                + (deleted ? " (deleted; undelete it with POST /api/" + layer.id() + "/" + id + "/undelete)" : ""));
    }
}
