package luqiao.map.editing;

import com.fasterxml.jackson.annotation.JsonRawValue;
import java.util.List;
import java.util.Map;
import luqiao.map.catalog.Audience;
import luqiao.map.catalog.Layer;
import luqiao.map.catalog.PublicPolicy;
import luqiao.map.geojson.GeoJsonWriter;
import luqiao.map.geometry.Crs;
import luqiao.map.store.FeatureVersion;
import luqiao.map.store.StoredFeature;
import luqiao.map.web.InvalidParameterException;
import luqiao.map.web.JsonBodies;
import luqiao.map.web.Layers;
import luqiao.map.web.ProblemException;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Editing over REST: create, replace, soft delete and undelete zones, projects and parcels; their
 * history and the restore of any version. Who may edit which layer is decided in
 * {@code SecurityConfig}. Every write names the version it read ({@code If-Match}, the ETag of
 * {@code GET /api/{layer}/{id}}) and answers the feature with its new ETag.
 */
@RestController
class EditController {

    private final Editing editing;
    private final Choices choices;
    private final EditingProperties limits;
    private final JsonBodies json;
    private final PublicPolicy policy;

    EditController(Editing editing, Choices choices, EditingProperties limits, JsonBodies json, PublicPolicy policy) {
        this.editing = editing;
        this.choices = choices;
        this.limits = limits;
        this.json = json;
        this.policy = policy;
    }

    /**
     * The choice lists of the editing form (public: they are the domain's vocabulary, no data), the project
     * stages as the caller's audience sees them: the internal stages are not named to the public (PublicPolicy).
     */
    @GetMapping("/api/choices")
    ResponseEntity<Map<String, Object>> choices(Audience audience) {
        Map<String, Object> all = new java.util.LinkedHashMap<>(choices.all());
        @SuppressWarnings("unchecked")
        Map<String, Object> projects =
                new java.util.LinkedHashMap<>((Map<String, Object>) all.get(Layer.PROJECTS.id()));
        projects.put("stage", policy.stages(audience));
        all.put(Layer.PROJECTS.id(), projects);
        return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(all);
    }

    @PostMapping("/api/{layer}")
    ResponseEntity<byte[]> create(
            @PathVariable String layer,
            @RequestBody(required = false) byte[] body,
            @RequestParam(required = false) String crs,
            @RequestHeader(name = "Content-Crs", required = false) String contentCrs,
            @RequestParam(defaultValue = "false") boolean repair) {
        Layer l = Layers.named(layer);
        FeatureInput.Checked input =
                FeatureInput.read(l, body(body), null, crs(crs, contentCrs), repair, limits, choices);
        Editing.Outcome done = editing.create(l, input, actor());
        return answer(HttpStatus.CREATED, l, done);
    }

    /**
     * Sets the status of many parcels at once (a query result, or the ticked part of it), all or none:
     * each parcel names the version it was read at. Answers which parcels changed, with their new versions.
     */
    @PostMapping("/api/parcels/batch/status")
    BatchAnswer changeStatus(@RequestBody(required = false) byte[] body) {
        StatusBatch batch =
                StatusBatch.read(jsonBody(body, "a JSON object with status and parcels"), limits.maxBatch(), choices);
        List<StoredFeature> changed = editing.changeStatus(batch, actor());
        java.util.Set<String> changedIds = new java.util.HashSet<>();
        changed.forEach(s -> changedIds.add(s.feature().id()));
        return new BatchAnswer(
                batch.status(),
                changed.stream()
                        .map(s -> new Changed(s.feature().id(), s.version()))
                        .toList(),
                batch.expected().keySet().stream()
                        .filter(id -> !changedIds.contains(id))
                        .toList());
    }

    /** A batch status change done: the parcels changed with their new versions (ETags), and those already at the status. */
    record BatchAnswer(String status, List<Changed> changed, List<String> unchanged) {}

    record Changed(String id, long version) {}

    @PutMapping("/api/{layer}/{id}")
    ResponseEntity<byte[]> replace(
            @PathVariable String layer,
            @PathVariable String id,
            @RequestBody(required = false) byte[] body,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestParam(required = false) String crs,
            @RequestHeader(name = "Content-Crs", required = false) String contentCrs,
            @RequestParam(defaultValue = "false") boolean repair) {
        Layer l = Layers.named(layer);
        long expected = expected(ifMatch);
        FeatureInput.Checked input =
                FeatureInput.read(l, body(body), id, crs(crs, contentCrs), repair, limits, choices);
        return answer(HttpStatus.OK, l, editing.replace(l, input, expected, actor()));
    }

    @DeleteMapping("/api/{layer}/{id}")
    ResponseEntity<byte[]> delete(
            @PathVariable String layer,
            @PathVariable String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        Layer l = Layers.named(layer);
        return answer(HttpStatus.OK, l, editing.delete(l, id, expected(ifMatch), actor()));
    }

    @PostMapping("/api/{layer}/{id}/undelete")
    ResponseEntity<byte[]> undelete(
            @PathVariable String layer,
            @PathVariable String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        Layer l = Layers.named(layer);
        return answer(HttpStatus.OK, l, editing.undelete(l, id, expected(ifMatch), actor()));
    }

    @PostMapping("/api/{layer}/{id}/restore")
    ResponseEntity<byte[]> restore(
            @PathVariable String layer,
            @PathVariable String id,
            @RequestParam long version,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        Layer l = Layers.named(layer);
        return answer(HttpStatus.OK, l, editing.restore(l, id, version, expected(ifMatch), actor()));
    }

    /** Every recorded change, oldest first, with the feature before and after (all fields, exact geometry). */
    @GetMapping("/api/{layer}/{id}/history")
    ResponseEntity<byte[]> history(@PathVariable String layer, @PathVariable String id) {
        Layer l = Layers.named(layer);
        StoredFeature current = editing.existing(l, id);
        List<FeatureVersion> versions = editing.history(l, id);
        byte[] bytes = json.bytes(new History(
                l.id(),
                id,
                current.version(),
                current.deleted(),
                versions.stream().map(Version::of).toList()));
        return ResponseEntity.ok()
                .eTag(etag(current.version()))
                .cacheControl(CacheControl.noStore())
                .contentType(MediaType.APPLICATION_JSON)
                .body(bytes);
    }

    static String etag(long version) {
        return "\"" + version + "\"";
    }

    /** A feature's history: its versions oldest first, each with the stored feature before and after. */
    record History(String layer, String id, long version, boolean deleted, List<Version> versions) {}

    record Version(
            long version,
            String action,
            String actor,
            String changed_at,
            @JsonRawValue String before,
            @JsonRawValue String after) {

        static Version of(FeatureVersion v) {
            return new Version(
                    v.version(),
                    v.action().code(),
                    v.actor(),
                    v.changedAt().toInstant().toString(),
                    v.beforeJson(),
                    v.afterJson());
        }
    }

    /** The version an {@code If-Match} names; without one a write is refused (428), as it could overwrite unseen changes. */
    private static long expected(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ProblemException(
                    HttpStatus.PRECONDITION_REQUIRED,
                    "If-Match required",
                    "send the ETag of the feature you read as If-Match, so a change made meanwhile by someone else is not overwritten");
        }
        String tag = ifMatch.strip();
        tag = tag.startsWith("W/") ? tag.substring(2) : tag;
        tag = tag.startsWith("\"") && tag.endsWith("\"") && tag.length() > 1 ? tag.substring(1, tag.length() - 1) : tag;
        try {
            return Long.parseLong(tag);
        } catch (NumberFormatException e) {
            // Not an ETag this server gave out: it matches no version, so the write is refused as stale.
            return -1;
        }
    }

    private static Crs crs(String parameter, String header) {
        if (parameter != null) {
            return Crs.of("crs", parameter);
        }
        if (header != null) {
            String name = header.strip();
            return Crs.of(
                    "Content-Crs",
                    name.startsWith("<") && name.endsWith(">") ? name.substring(1, name.length() - 1) : name);
        }
        return Crs.CRS84;
    }

    private JsonNode body(byte[] body) {
        return jsonBody(body, "a GeoJSON Feature");
    }

    private JsonNode jsonBody(byte[] body, String what) {
        if (body == null || body.length == 0) {
            throw new InvalidParameterException("body", "the request needs a body: " + what);
        }
        try {
            return json.readTree(body);
        } catch (JacksonException e) {
            throw new InvalidParameterException("body", "the body is not valid JSON");
        }
    }

    private static String actor() {
        return SecurityContextHolder.getContext().getAuthentication().getName();
    }

    /** The feature as its editors see it, with its version, whether it is deleted, repairs and notes. */
    private ResponseEntity<byte[]> answer(HttpStatus status, Layer layer, Editing.Outcome done) {
        StoredFeature s = done.stored();
        byte[] bytes =
                json.bytes(out -> GeoJsonWriter.writeFeature(out, s.feature(), GeoJsonWriter.DEGREE_DECIMALS, o -> {
                    o.writeNumberProperty("version", s.version());
                    o.writeBooleanProperty("deleted", s.deleted());
                    o.writeBooleanProperty("repaired", !done.repairs().isEmpty());
                    o.writeName("repairs");
                    o.writePOJO(done.repairs());
                    o.writeName("notes");
                    o.writePOJO(done.notes());
                }));
        ResponseEntity.BodyBuilder answer =
                ResponseEntity.status(status).eTag(etag(s.version())).contentType(JsonBodies.GEO_JSON);
        if (status == HttpStatus.CREATED) {
            answer.location(org.springframework.web.servlet.support.ServletUriComponentsBuilder.fromCurrentContextPath()
                    .path("/api/{layer}/{id}")
                    .buildAndExpand(layer.id(), s.feature().id())
                    .toUri());
        }
        return answer.body(bytes);
    }
}
