package luqiao.map.editing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import luqiao.map.catalog.Layer;
import luqiao.map.geojson.Feature;
import luqiao.map.store.Action;
import luqiao.map.store.FeatureJson;
import luqiao.map.store.FeatureVersion;
import luqiao.map.store.StoredFeature;
import luqiao.map.store.VersionedStore;
import luqiao.map.web.NotFoundException;
import luqiao.map.web.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * The editing rules above the store: what a write may change, and what a restore brings back.
 * A project's stage moves only through its transitions (the project chain, with dates and who
 * moved it), so a replace or restore never changes it.
 */
@Service
class Editing {

    /** A write's result and what the answer should tell the editor (repairs, notes). */
    record Outcome(StoredFeature stored, List<Map<String, Object>> repairs, List<String> notes) {}

    private final VersionedStore store;

    Editing(VersionedStore store) {
        this.store = store;
    }

    Outcome create(Layer layer, FeatureInput.Checked input, String actor) {
        return new Outcome(store.create(layer, input.feature(), actor), input.repairs(), List.of());
    }

    Outcome replace(Layer layer, FeatureInput.Checked input, long expected, String actor) {
        StoredFeature current = live(layer, input.feature().id());
        Feature feature = ShownGeometry.keepStored(current.feature(), input.feature());
        if (layer == Layer.PROJECTS) {
            Object stage = current.feature().properties().get("stage");
            Object asked = feature.properties().get("stage");
            if (asked != null && !asked.equals(stage)) {
                throw new ProblemException(
                                HttpStatus.CONFLICT,
                                "Stage changes go through transitions",
                                "the stage of " + feature.id() + " is " + stage
                                        + "; it changes only along the project chain, with " + "POST /api/projects/"
                                        + feature.id() + "/transitions")
                        .with("field", "stage")
                        .with("transitions", "/api/projects/" + feature.id() + "/transitions");
            }
            feature = withProperty(feature, "stage", stage);
        }
        StoredFeature after = store.replace(layer, feature, expected, Action.UPDATE, actor)
                .orElseThrow(() -> gone(layer, input.feature().id()));
        return new Outcome(after, input.repairs(), List.of());
    }

    Outcome delete(Layer layer, String id, long expected, String actor) {
        StoredFeature current = existing(layer, id);
        if (current.deleted()) {
            throw new ProblemException(
                    HttpStatus.CONFLICT, "Already deleted", layer.id() + "/" + id + " is already deleted");
        }
        return new Outcome(
                store.setDeleted(layer, id, true, expected, actor).orElseThrow(() -> gone(layer, id)),
                List.of(),
                List.of());
    }

    Outcome undelete(Layer layer, String id, long expected, String actor) {
        StoredFeature current = existing(layer, id);
        if (!current.deleted()) {
            throw new ProblemException(HttpStatus.CONFLICT, "Not deleted", layer.id() + "/" + id + " is not deleted");
        }
        return new Outcome(
                store.setDeleted(layer, id, false, expected, actor).orElseThrow(() -> gone(layer, id)),
                List.of(),
                List.of());
    }

    /**
     * Writes a new version whose attributes and geometry are those of version {@code version}. Every
     * feature has its version 1 recorded (the shipped ones since issue #15), so the first change of
     * any of them can be undone.
     */
    Outcome restore(Layer layer, String id, long version, long expected, String actor) {
        StoredFeature current = live(layer, id);
        String state = store.history(layer, id).stream()
                .filter(v -> v.version() == version)
                .map(FeatureVersion::afterJson)
                .findFirst()
                .orElseThrow(
                        () -> new NotFoundException(layer.id() + "/" + id + " has no recorded version " + version));
        Feature restored = FeatureJson.read(state);
        List<String> notes = new ArrayList<>();
        if (layer == Layer.PROJECTS) {
            Object stage = current.feature().properties().get("stage");
            if (!Objects.equals(stage, restored.properties().get("stage"))) {
                notes.add("the stage stays " + stage + " (version " + version + " had "
                        + restored.properties().get("stage") + "); stages change only through /api/projects/" + id
                        + "/transitions");
            }
            restored = withProperty(restored, "stage", stage);
        }
        StoredFeature after =
                store.replace(layer, restored, expected, Action.RESTORE, actor).orElseThrow(() -> gone(layer, id));
        notes.add(0, "restored version " + version + " as version " + after.version());
        return new Outcome(after, List.of(), notes);
    }

    /** The feature (deleted or not) and its recorded versions. */
    StoredFeature existing(Layer layer, String id) {
        return store.current(layer, id)
                .orElseThrow(() -> new NotFoundException("no feature '" + id + "' in layer " + layer.id()));
    }

    List<FeatureVersion> history(Layer layer, String id) {
        return store.history(layer, id);
    }

    private StoredFeature live(Layer layer, String id) {
        StoredFeature current = existing(layer, id);
        if (current.deleted()) {
            throw gone(layer, id);
        }
        return current;
    }

    private static ProblemException gone(Layer layer, String id) {
        return new ProblemException(
                HttpStatus.CONFLICT,
                "Deleted",
                layer.id() + "/" + id + " is deleted; undelete it first (POST /api/" + layer.id() + "/" + id
                        + "/undelete)");
    }

    private static Feature withProperty(Feature feature, String name, Object value) {
        Map<String, Object> properties = new LinkedHashMap<>(feature.properties());
        properties.put(name, value);
        return new Feature(feature.id(), properties, feature.geometry());
    }
}
