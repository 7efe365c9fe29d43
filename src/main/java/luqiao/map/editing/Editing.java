package luqiao.map.editing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import luqiao.map.catalog.Layer;
import luqiao.map.geojson.Feature;
import luqiao.map.geojson.GeoJsonWriter;
import luqiao.map.store.Action;
import luqiao.map.store.FeatureJson;
import luqiao.map.store.FeatureVersion;
import luqiao.map.store.StoredFeature;
import luqiao.map.store.VersionedStore;
import luqiao.map.web.InvalidParameterException;
import luqiao.map.web.JsonBodies;
import luqiao.map.web.NotFoundException;
import luqiao.map.web.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The editing rules above the store, and the one way in for every client: the editing API
 * ({@code /api/{layer}}) and OGC API – Features Part 4 ({@code /ogc/collections/{id}/items}) hand this
 * service the request as they got it (body, CRS, {@code If-Match}), so both validate, version and evict
 * tiles alike. What a write may change, and what a restore brings back: a project's stage moves only
 * through its transitions (the project chain, with dates and who moved it), so a replace, update or
 * restore never changes it.
 */
@Service
public class Editing {

    /** A write's result and what the answer should tell the editor (repairs, notes). */
    public record Outcome(StoredFeature stored, List<Map<String, Object>> repairs, List<String> notes) {}

    /** Where a new feature's id comes from. */
    public enum NewIds {
        /** The body must name it (the editing API: staff type the parcel number or project code). */
        GIVEN,
        /** The body's, or one the server assigns when the body names none (OGC API – Features Part 4). */
        ASSIGNED_WHEN_MISSING
    }

    private final VersionedStore store;
    private final JsonBodies json;
    private final EditingProperties limits;
    private final Choices choices;

    Editing(VersionedStore store, JsonBodies json, EditingProperties limits, Choices choices) {
        this.store = store;
        this.json = json;
        this.limits = limits;
        this.choices = choices;
    }

    /** Creates the feature a request body holds (a GeoJSON Feature), checked against the catalog and the choice lists. */
    public Outcome create(Layer layer, byte[] body, BodyCrs crs, boolean repair, NewIds ids, String actor) {
        FeatureInput.Checked input = FeatureInput.read(layer, feature(body), null, ids, crs, repair, limits, choices);
        return new Outcome(store.create(layer, input.feature(), actor), input.repairs(), List.of());
    }

    /** Replaces the attributes and geometry of a live feature with the body's (a GeoJSON Feature). */
    public Outcome replace(
            Layer layer, String id, byte[] body, BodyCrs crs, boolean repair, IfMatch ifMatch, String actor) {
        FeatureInput.Checked input =
                FeatureInput.read(layer, feature(body), id, NewIds.GIVEN, crs, repair, limits, choices);
        return replace(layer, input, live(layer, id), ifMatch, actor);
    }

    /**
     * Changes a live feature by a JSON Merge Patch (RFC 7396) of its GeoJSON: the patch is applied to the
     * feature as stored (every field, exact geometry) and the result checked and written as a replace is.
     * A {@code geometry} in the patch replaces the geometry whole, in the body's CRS; without one the
     * stored geometry stays, bit for bit.
     */
    public Outcome update(
            Layer layer, String id, byte[] body, BodyCrs crs, boolean repair, IfMatch ifMatch, String actor) {
        JsonNode patch = json(body, "a JSON Merge Patch (RFC 7396) of a GeoJSON Feature");
        if (!patch.isObject()) {
            throw new InvalidParameterException(
                    "body",
                    "a JSON Merge Patch of a feature is an object, e.g. {\"properties\": {\"status\": \"出让\"}}");
        }
        StoredFeature current = live(layer, id);
        JsonNode merged = MergePatch.apply(json.readTree(stored(current)), patch);
        boolean newGeometry = patch.hasNonNull("geometry");
        FeatureInput.Checked input = FeatureInput.read(
                layer, merged, id, NewIds.GIVEN, newGeometry ? crs : BodyCrs.CRS84, repair, limits, choices);
        return replace(layer, input, current, ifMatch, actor);
    }

    private Outcome replace(
            Layer layer, FeatureInput.Checked input, StoredFeature current, IfMatch ifMatch, String actor) {
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
        StoredFeature after = store.replace(layer, feature, ifMatch.expected(current.version()), Action.UPDATE, actor)
                .orElseThrow(() -> gone(layer, input.feature().id()));
        return new Outcome(after, input.repairs(), List.of());
    }

    public Outcome delete(Layer layer, String id, IfMatch ifMatch, String actor) {
        StoredFeature current = existing(layer, id);
        if (current.deleted()) {
            throw new ProblemException(
                    HttpStatus.CONFLICT, "Already deleted", layer.id() + "/" + id + " is already deleted");
        }
        return new Outcome(
                store.setDeleted(layer, id, true, ifMatch.expected(current.version()), actor)
                        .orElseThrow(() -> gone(layer, id)),
                List.of(),
                List.of());
    }

    Outcome undelete(Layer layer, String id, IfMatch ifMatch, String actor) {
        StoredFeature current = existing(layer, id);
        if (!current.deleted()) {
            throw new ProblemException(HttpStatus.CONFLICT, "Not deleted", layer.id() + "/" + id + " is not deleted");
        }
        return new Outcome(
                store.setDeleted(layer, id, false, ifMatch.expected(current.version()), actor)
                        .orElseThrow(() -> gone(layer, id)),
                List.of(),
                List.of());
    }

    /**
     * Writes a new version whose attributes and geometry are those of version {@code version}. Every
     * feature has its version 1 recorded (the shipped ones since issue #15), so the first change of
     * any of them can be undone.
     */
    Outcome restore(Layer layer, String id, long version, IfMatch ifMatch, String actor) {
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
        StoredFeature after = store.replace(layer, restored, ifMatch.expected(current.version()), Action.RESTORE, actor)
                .orElseThrow(() -> gone(layer, id));
        notes.add(0, "restored version " + version + " as version " + after.version());
        return new Outcome(after, List.of(), notes);
    }

    /**
     * Sets the status of every parcel of the batch, in one transaction: all or none. A parcel that is
     * unknown or deleted refuses the batch before anything is written (422, naming them); a stale version
     * refuses it from inside the transaction (412). Parcels already at the status are left as they are.
     *
     * @return the parcels changed, as stored now
     */
    List<StoredFeature> changeStatus(StatusBatch batch, String actor) {
        Map<String, Long> live =
                store.liveVersions(Layer.PARCELS, batch.expected().keySet());
        List<String> missing = batch.expected().keySet().stream()
                .filter(id -> !live.containsKey(id))
                .sorted()
                .toList();
        if (!missing.isEmpty()) {
            throw new ProblemException(
                            HttpStatus.UNPROCESSABLE_CONTENT,
                            "Unknown parcels",
                            "no live parcel " + String.join(", ", missing.subList(0, Math.min(20, missing.size())))
                                    + (missing.size() > 20 ? " … (" + missing.size() + " in all)" : "")
                                    + "; nothing was changed")
                    .with("field", "parcels")
                    .with("ids", missing);
        }
        return store.replaceAll(Layer.PARCELS, batch.expected(), f -> withProperty(f, "status", batch.status()), actor);
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

    /** The batch a request body names, checked (see {@link StatusBatch}). */
    StatusBatch batch(byte[] body) {
        return StatusBatch.read(json(body, "a JSON object with status and parcels"), limits.maxBatch(), choices);
    }

    private JsonNode feature(byte[] body) {
        return json(body, "a GeoJSON Feature");
    }

    private JsonNode json(byte[] body, String what) {
        if (body == null || body.length == 0) {
            throw new InvalidParameterException("body", "the request needs a body: " + what);
        }
        try {
            return json.readTree(body);
        } catch (JacksonException e) {
            throw new InvalidParameterException("body", "the body is not valid JSON");
        }
    }

    /** The stored feature as GeoJSON with every field and its exact geometry: what a merge patch applies to. */
    private byte[] stored(StoredFeature current) {
        Feature f = current.feature();
        return json.bytes(out -> {
            out.writeStartObject();
            out.writeStringProperty("type", "Feature");
            out.writeStringProperty("id", f.id());
            out.writeName("geometry");
            GeoJsonWriter.writeGeometryExact(out, f.geometry());
            out.writeName("properties");
            out.writeStartObject();
            f.properties().forEach((name, value) -> {
                out.writeName(name);
                if (value == null || value instanceof Number || value instanceof Boolean) {
                    out.writePOJO(value);
                } else {
                    out.writeString(value.toString());
                }
            });
            out.writeEndObject();
            out.writeEndObject();
        });
    }

    private static Feature withProperty(Feature feature, String name, Object value) {
        Map<String, Object> properties = new LinkedHashMap<>(feature.properties());
        properties.put(name, value);
        return new Feature(feature.id(), properties, feature.geometry());
    }
}
