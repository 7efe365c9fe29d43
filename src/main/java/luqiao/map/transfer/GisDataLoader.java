package luqiao.map.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import luqiao.map.catalog.Layer;
import luqiao.map.chain.ShippedHistory;
import luqiao.map.config.LuqiaoProperties;
import luqiao.map.geojson.Feature;
import luqiao.map.store.SpatialStore;
import luqiao.map.store.VersionedStore;
import luqiao.map.store.cluster.ClusterLock;
import luqiao.map.store.overviews.OverviewStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Loads the shipped data set ({@code gis-data/}) into an empty database, once.
 *
 * <p>It runs before the web server opens, so nobody sees a half-loaded map; the load and its
 * marker row are one transaction, so a failed load leaves nothing behind and is retried at the
 * next start, and a database that has been loaded (and perhaps edited since) is never touched again.
 * Several instances starting at once on an empty database load it once: a cluster lock lets one in at a time.
 * Then, whether or not a data set was loaded, the parcels' zoom overviews are built if they are missing.
 */
@Component
class GisDataLoader implements SmartInitializingSingleton {

    static final String DATASET = "gis-data/v1";
    /** The projects' stage history (issue #7), loaded once, also into databases loaded before it shipped. */
    static final String HISTORY = "gis-data/project-chain/v1";
    /**
     * Version 1 of every shipped feature (issue #15), so its first edit can be undone; recorded once,
     * also into databases loaded (and perhaps edited) before it shipped.
     */
    static final String FIRST_VERSIONS = "gis-data/first-versions/v1";
    /** The cluster lock under which an instance seeds the database. */
    static final String SEED_LOCK = "seed";
    /** Who the history names for the first version of a shipped feature. */
    static final String ACTOR = "gis-data";

    private static final Logger log = LoggerFactory.getLogger(GisDataLoader.class);

    private final SpatialStore store;
    private final VersionedStore versions;
    private final TransactionTemplate transaction;
    private final ResourceLoader resources;
    private final ObjectMapper json;
    private final LuqiaoProperties.Seed settings;
    private final ShippedHistory history;
    private final ClusterLock cluster;
    private final OverviewStore overviews;

    GisDataLoader(
            SpatialStore store,
            VersionedStore versions,
            TransactionTemplate transaction,
            ResourceLoader resources,
            ObjectMapper json,
            LuqiaoProperties properties,
            ShippedHistory history,
            ClusterLock cluster,
            OverviewStore overviews) {
        this.store = store;
        this.overviews = overviews;
        this.cluster = cluster;
        this.versions = versions;
        this.history = history;
        this.transaction = transaction;
        this.resources = resources;
        this.json = json;
        this.settings = properties.seed();
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (settings.enabled()) {
            // Instances starting together on an empty PostgreSQL database: one loads, the others wait for it and then
            // find the data set loaded (each step checks its marker under the lock). The embedded database: one
            // instance.
            cluster.runExclusively(SEED_LOCK, this::loadWhatIsMissing);
        }
        // Then the parcels' zoom overviews, when missing (the data set just loaded, a database filled by COPY): also
        // before the web server opens, and on one instance, the others finding them built.
        cluster.runExclusively(OverviewStore.LOCK, overviews::buildIfMissing);
    }

    private void loadWhatIsMissing() {
        if (store.isDatasetLoaded(DATASET)) {
            log.info("Data set {} was loaded before; leaving the database as it is", DATASET);
        } else {
            loadFeatures();
        }
        if (!store.isDatasetLoaded(FIRST_VERSIONS)) {
            recordFirstVersions();
        }
        if (!store.isDatasetLoaded(HISTORY)) {
            loadHistory();
        }
    }

    private void recordFirstVersions() {
        long started = System.nanoTime();
        int recorded = transaction.execute(status -> {
            int n = 0;
            for (Layer layer : Layer.values()) {
                n += versions.recordFirstVersions(layer, ACTOR);
            }
            store.markDatasetLoaded(FIRST_VERSIONS, n);
            return n;
        });
        log.info(
                "Recorded version 1 of {} features that had none ({}) in {} ms",
                recorded,
                FIRST_VERSIONS,
                (System.nanoTime() - started) / 1_000_000);
    }

    private void loadFeatures() {
        long started = System.nanoTime();
        List<Feature> zones = read("zones.geojson", "code", true);
        List<Feature> projects = read("projects.geojson", "code", false);
        List<Feature> parcels = read("parcels.geojson", "parcel_no", true);
        int total = zones.size() + projects.size() + parcels.size();
        transaction.executeWithoutResult(status -> {
            store.insertAll(Layer.ZONES, zones);
            store.insertAll(Layer.PROJECTS, projects);
            store.insertAll(Layer.PARCELS, parcels);
            store.markDatasetLoaded(DATASET, total);
        });
        log.info(
                "Loaded data set {}: {} zones, {} projects, {} parcels in {} ms",
                DATASET,
                zones.size(),
                projects.size(),
                parcels.size(),
                (System.nanoTime() - started) / 1_000_000);
    }

    private void loadHistory() {
        String location = settings.location() + "project-chain.json";
        JsonNode file;
        try (InputStream in = resources.getResource(location).getInputStream()) {
            file = json.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot load the shipped project history: " + e.getMessage(), e);
        }
        int events = transaction.execute(status -> {
            int n = history.load(file);
            store.markDatasetLoaded(HISTORY, n);
            return n;
        });
        log.info("Loaded data set {}: {} stage events", HISTORY, events);
    }

    private List<Feature> read(String file, String idProperty, boolean multiPolygons) {
        String location = settings.location() + file;
        try (InputStream in = resources.getResource(location).getInputStream()) {
            return GeoJsonFeatures.read(json, in, location, idProperty, multiPolygons);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot load the shipped data set: " + e.getMessage(), e);
        }
    }
}
