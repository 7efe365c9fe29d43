package luqiao.map.store;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import luqiao.map.catalog.Layer;
import luqiao.map.geojson.Feature;

/**
 * The editing side of storage. Every write checks the version the writer read (optimistic
 * locking), bumps it, and records a {@link FeatureVersion} with the feature before and after, all in
 * one transaction; after the commit it publishes {@link FeaturesChanged} for the old and the new
 * position, so exactly the stale tiles are forgotten. Features given to writes carry their stored
 * fields by name and a lon/lat geometry; areas and lengths are measured here.
 */
public interface VersionedStore {

    /** The feature with every field, its version and delete mark; empty when there is no such id (deleted ones included). */
    Optional<StoredFeature> current(Layer layer, String id);

    /** The feature's version (its ETag) alone, without reading the feature; empty when there is no such id. */
    OptionalLong version(Layer layer, String id);

    /** Inserts a new feature at version 1; {@link FeatureExistsException} when the id is taken (even by a deleted feature). */
    StoredFeature create(Layer layer, Feature feature, String actor);

    /**
     * Replaces the attributes and geometry of a live feature whose version is {@code expected};
     * {@link StaleVersionException} when it is not, empty when there is no live feature with that id.
     */
    Optional<StoredFeature> replace(Layer layer, Feature feature, long expected, Action action, String actor);

    /** Marks the live feature deleted (or, {@code deleted = false}, a deleted one live again); empty when there is none in that state. */
    Optional<StoredFeature> setDeleted(Layer layer, String id, boolean deleted, long expected, String actor);

    /** The recorded changes of the feature, oldest first; empty when there are none. */
    List<FeatureVersion> history(Layer layer, String id);

    /**
     * Records version 1 ({@link Action#IMPORT}, by {@code actor}) of every feature of the layer that
     * has none: features still at version 1 as they are stored, features changed since as the
     * "before" of their version 2. Features loaded before versions were recorded (the shipped data
     * set) so get a first version their first change can be undone to; running it again records
     * nothing. Returns how many versions it recorded.
     */
    int recordFirstVersions(Layer layer, String actor);
}
