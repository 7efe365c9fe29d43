package luqiao.map.store;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import luqiao.map.catalog.Audience;
import luqiao.map.catalog.GeometryFamily;
import luqiao.map.catalog.Layer;
import luqiao.map.geojson.Feature;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

/** The one seam between the web layer and the spatial database (PostGIS or embedded H2GIS). */
public interface SpatialStore {

    /** The page of features matching the query, ordered by id; an empty page when none match. */
    FeaturePage find(Layer layer, FeatureQuery query);

    /**
     * {@link #find} for a GeoJSON answer in lon/lat (CRS84): the same features, properties and numberMatched,
     * each geometry as GeoJSON text with {@link luqiao.map.geojson.GeoJsonWriter#DEGREE_DECIMALS} decimals.
     */
    GeoJsonPage findGeoJson(Layer layer, FeatureQuery query);

    /** The feature with this id, or empty when it does not exist or the audience may not see it. */
    default Optional<Feature> get(Layer layer, String id, Audience audience) {
        return get(layer, id, audience, null);
    }

    /**
     * The feature as it stood on {@code asOf} (null: now; only for layers with a history), or empty when
     * it did not exist yet, does not exist, or the audience may not see it (as of that date).
     */
    Optional<Feature> get(Layer layer, String id, Audience audience, LocalDate asOf);

    /** The lon/lat extent of what the audience may see of the layer; empty when it has no features. */
    default Optional<Envelope> extent(Layer layer, Audience audience) {
        return extent(layer, audience, null);
    }

    /** {@link #extent(Layer, Audience)} of the features of one geometry family (null: all); empty when none. */
    Optional<Envelope> extent(Layer layer, Audience audience, GeometryFamily family);

    /** Zones whose area contains the point (boundary excluded), smallest first; empty when none. */
    List<Feature> zonesContaining(double lon, double lat, Audience audience);

    /**
     * The features of {@code layer} that the audience may see and whose geometry intersects
     * {@code area} (WGS 84 lon/lat), ordered by id, with the audience's fields; empty when none.
     * Boundary contact counts as intersecting (OGC ST_Intersects).
     */
    default List<Feature> intersecting(Layer layer, Geometry area, Audience audience) {
        return intersecting(layer, area, audience, null);
    }

    /** {@link #intersecting(Layer, Geometry, Audience)} as the layer stood on {@code asOf} (null: now). */
    List<Feature> intersecting(Layer layer, Geometry area, Audience audience, LocalDate asOf);

    /**
     * Counts and sums over what the query selects of the layer (its audience's rows, bbox, filter),
     * grouped by the named fields, in one SQL statement: the count of rows and the sum of
     * {@code sumField} (missing values count as 0) per distinct combination of the group fields,
     * ordered by those values. Fields are named as clients see them and must be visible to the
     * audience ({@link Layer#groupingField}), or the id column; derived fields (a project's {@code zone} and
     * {@code town}) group like columns.
     * Empty when nothing matches; an unknown or hidden field is an {@link IllegalArgumentException}.
     */
    List<GroupTotal> totals(Layer layer, FeatureQuery query, List<String> groupBy, String sumField);

    /**
     * {@link #totals} with the zone as the first key: each row counts, whole, for every zone the
     * audience may see (the district excluded) that contains the row's interior point
     * ({@code ST_PointOnSurface}); rows in no such zone are left out.
     */
    List<GroupTotal> totalsByZone(Layer layer, FeatureQuery query, List<String> groupBy, String sumField);

    /**
     * Inserts features as given (ids must be new), computing their ground area and length, and
     * publishes {@link FeaturesChanged} so caches of derived data (tiles) forget what is stale.
     */
    void insertAll(Layer layer, List<Feature> features);

    /**
     * Every feature matching the query, in id order, handed to {@code consumer} one at a time while
     * the rows are read (the query's limit and offset are not used), so a whole layer can be
     * exported without holding it in memory. Nothing is handed over when none match. With the query's
     * {@code asOf}, the features as they stood that day, as {@link #find} reads them.
     */
    void forEach(Layer layer, FeatureQuery query, Consumer<Feature> consumer);

    /** Those of {@code ids} that a feature of the layer has, deleted ones included (ids are never reused); empty when none. */
    Set<String> existingIds(Layer layer, Collection<String> ids);

    /**
     * An imported feature of the layer made ready for {@link #importBatch}: its ground area and length, its row and
     * its version's text. Needs no database and no transaction, and may run on any thread (the import's check threads).
     */
    PreparedImport prepareImport(Layer layer, Feature feature);

    /**
     * Inserts prepared imported features (ids must be new) in the caller's transaction, with one {@code import} row
     * per feature in {@code feature_versions} (version 1, by {@code actor}); {@link FeaturesChanged} reaches
     * listeners after the commit.
     */
    void importBatch(Layer layer, List<PreparedImport> features, String actor);

    /** Whether the named data set has been loaded into this database before. */
    boolean isDatasetLoaded(String name);

    /** Records that the named data set is loaded, so it is never loaded twice. */
    void markDatasetLoaded(String name, int featureCount);
}
