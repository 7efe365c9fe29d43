package luqiao.map.editing;

import com.fasterxml.jackson.annotation.JsonRawValue;
import java.util.List;
import java.util.Map;
import luqiao.map.catalog.Audience;
import luqiao.map.catalog.Layer;
import luqiao.map.catalog.PublicPolicy;
import luqiao.map.geometry.Crs;
import luqiao.map.store.FeatureVersion;
import luqiao.map.store.StoredFeature;
import luqiao.map.web.JsonBodies;
import luqiao.map.web.Layers;
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
    private final JsonBodies json;
    private final PublicPolicy policy;

    EditController(Editing editing, Choices choices, JsonBodies json, PublicPolicy policy) {
        this.editing = editing;
        this.choices = choices;
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
        return answer(
                HttpStatus.CREATED,
                l,
                editing.create(l, body, crs(crs, contentCrs), repair, Editing.NewIds.GIVEN, actor()));
    }

    /**
     * Sets the status of many parcels at once (a query result, or the ticked part of it), all or none:
     * each parcel names the version it was read at. Answers which parcels changed, with their new versions.
     */
    @PostMapping("/api/parcels/batch/status")
    BatchAnswer changeStatus(@RequestBody(required = false) byte[] body) {
        StatusBatch batch = editing.batch(body);
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
        IfMatch expected = IfMatch.required(ifMatch);
        return answer(HttpStatus.OK, l, editing.replace(l, id, body, crs(crs, contentCrs), repair, expected, actor()));
    }

    @DeleteMapping("/api/{layer}/{id}")
    ResponseEntity<byte[]> delete(
            @PathVariable String layer,
            @PathVariable String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        Layer l = Layers.named(layer);
        return answer(HttpStatus.OK, l, editing.delete(l, id, IfMatch.required(ifMatch), actor()));
    }

    @PostMapping("/api/{layer}/{id}/undelete")
    ResponseEntity<byte[]> undelete(
            @PathVariable String layer,
            @PathVariable String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        Layer l = Layers.named(layer);
        return answer(HttpStatus.OK, l, editing.undelete(l, id, IfMatch.required(ifMatch), actor()));
    }

    @PostMapping("/api/{layer}/{id}/restore")
    ResponseEntity<byte[]> restore(
            @PathVariable String layer,
            @PathVariable String id,
            @RequestParam long version,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        Layer l = Layers.named(layer);
        return answer(HttpStatus.OK, l, editing.restore(l, id, version, IfMatch.required(ifMatch), actor()));
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
                .eTag(EditAnswer.etag(current.version()))
                .cacheControl(CacheControl.noStore())
                .contentType(MediaType.APPLICATION_JSON)
                .body(bytes);
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

    /** The editing API reads coordinates x east, in the CRS its {@code crs} parameter or {@code Content-Crs} header names. */
    private static BodyCrs crs(String parameter, String header) {
        return BodyCrs.eastNorth(parameter != null ? Crs.of("crs", parameter) : BodyCrs.contentCrs(header));
    }

    private static String actor() {
        return SecurityContextHolder.getContext().getAuthentication().getName();
    }

    /** The feature as its editors see it ({@link EditAnswer}); a new one with its place. */
    private ResponseEntity<byte[]> answer(HttpStatus status, Layer layer, Editing.Outcome done) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(status)
                .eTag(EditAnswer.etag(done.stored().version()))
                .contentType(JsonBodies.GEO_JSON);
        if (status == HttpStatus.CREATED) {
            answer.location(org.springframework.web.servlet.support.ServletUriComponentsBuilder.fromCurrentContextPath()
                    .path("/api/{layer}/{id}")
                    .buildAndExpand(layer.id(), done.stored().feature().id())
                    .toUri());
        }
        return answer.body(EditAnswer.body(json, done));
    }
}
