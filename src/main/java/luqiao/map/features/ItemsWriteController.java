package luqiao.map.features;

import static luqiao.map.features.OgcLinks.href;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import luqiao.map.catalog.Layer;
import luqiao.map.editing.BodyCrs;
import luqiao.map.editing.EditAnswer;
import luqiao.map.editing.Editing;
import luqiao.map.editing.IfMatch;
import luqiao.map.geometry.Crs;
import luqiao.map.web.JsonBodies;
import luqiao.map.web.Layers;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.access.WebInvocationPrivilegeEvaluator;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * OGC API – Features Part 4 (Create, Replace, Update, Delete) on the items: a thin front of the editing
 * service, which the editing API {@code /api/{layer}} uses too, so roles (SecurityConfig), validation,
 * versions and tile eviction are the same. Bodies are GeoJSON in CRS84 or in the CRS a {@code Content-Crs}
 * header names, in that CRS's axis order (Part 2). The server assigns the id of a new feature that names
 * none. {@code If-Match} is honoured when sent but not required: QGIS, which writes through this API,
 * never sends it. {@code OPTIONS} says which methods the caller may use, which is how QGIS decides
 * whether a layer is editable.
 */
@RestController
class ItemsWriteController {

    private static final String ITEMS = "/ogc/collections/{collectionId}/items";
    private static final String ITEM = ITEMS + "/{featureId}";
    private static final String MERGE_PATCH = "application/merge-patch+json";

    private final Editing editing;
    private final JsonBodies json;
    /** Looked up when asked: a context without a web server (a command-line start) has no security filters. */
    private final ObjectProvider<WebInvocationPrivilegeEvaluator> privileges;

    ItemsWriteController(Editing editing, JsonBodies json, ObjectProvider<WebInvocationPrivilegeEvaluator> privileges) {
        this.editing = editing;
        this.json = json;
        this.privileges = privileges;
    }

    @PostMapping(
            path = ITEMS,
            consumes = {JsonBodies.GEO_JSON_VALUE, MediaType.APPLICATION_JSON_VALUE})
    ResponseEntity<byte[]> create(
            @PathVariable String collectionId,
            @RequestBody(required = false) byte[] body,
            @RequestHeader(name = "Content-Crs", required = false) String contentCrs,
            @RequestParam(defaultValue = "false") boolean repair) {
        Layer layer = Layers.collection(collectionId);
        Editing.Outcome done =
                editing.create(layer, body, bodyCrs(contentCrs), repair, Editing.NewIds.ASSIGNED_WHEN_MISSING, actor());
        URI location = URI.create(href("/collections/" + layer.id() + "/items/"
                + done.stored().feature().id()));
        return answer(HttpStatus.CREATED, done, location);
    }

    @PutMapping(
            path = ITEM,
            consumes = {JsonBodies.GEO_JSON_VALUE, MediaType.APPLICATION_JSON_VALUE})
    ResponseEntity<byte[]> replace(
            @PathVariable String collectionId,
            @PathVariable String featureId,
            @RequestBody(required = false) byte[] body,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestHeader(name = "Content-Crs", required = false) String contentCrs,
            @RequestParam(defaultValue = "false") boolean repair) {
        Layer layer = Layers.collection(collectionId);
        return answer(
                HttpStatus.OK,
                editing.replace(
                        layer, featureId, body, bodyCrs(contentCrs), repair, IfMatch.optional(ifMatch), actor()),
                null);
    }

    @PatchMapping(
            path = ITEM,
            consumes = {MERGE_PATCH, MediaType.APPLICATION_JSON_VALUE})
    ResponseEntity<byte[]> update(
            @PathVariable String collectionId,
            @PathVariable String featureId,
            @RequestBody(required = false) byte[] body,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestHeader(name = "Content-Crs", required = false) String contentCrs,
            @RequestParam(defaultValue = "false") boolean repair) {
        Layer layer = Layers.collection(collectionId);
        return answer(
                HttpStatus.OK,
                editing.update(layer, featureId, body, bodyCrs(contentCrs), repair, IfMatch.optional(ifMatch), actor()),
                null);
    }

    /** A soft delete, as in the editing API: the feature keeps its history and may be undeleted there. */
    @DeleteMapping(ITEM)
    ResponseEntity<Void> delete(
            @PathVariable String collectionId,
            @PathVariable String featureId,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        editing.delete(Layers.collection(collectionId), featureId, IfMatch.optional(ifMatch), actor());
        return ResponseEntity.noContent().build();
    }

    /** Part 4's OPTIONS: the methods this caller may use here, and the body types a create takes. */
    @RequestMapping(path = ITEMS, method = RequestMethod.OPTIONS)
    ResponseEntity<Void> itemsOptions(@PathVariable String collectionId, HttpServletRequest request) {
        Layers.collection(collectionId);
        List<String> allowed = allowed(request, List.of(HttpMethod.POST));
        ResponseEntity.HeadersBuilder<?> answer =
                ResponseEntity.ok().header(HttpHeaders.ALLOW, String.join(", ", allowed));
        if (allowed.contains("POST")) {
            answer.header("Accept-Post", JsonBodies.GEO_JSON_VALUE + ", " + MediaType.APPLICATION_JSON_VALUE);
        }
        return answer.build();
    }

    /** The same for one feature (existing or not: QGIS asks about an invented id when a collection is empty). */
    @RequestMapping(path = ITEM, method = RequestMethod.OPTIONS)
    ResponseEntity<Void> itemOptions(
            @PathVariable String collectionId, @PathVariable String featureId, HttpServletRequest request) {
        Layers.collection(collectionId);
        List<String> allowed = allowed(request, List.of(HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE));
        ResponseEntity.HeadersBuilder<?> answer =
                ResponseEntity.ok().header(HttpHeaders.ALLOW, String.join(", ", allowed));
        if (allowed.contains("PATCH")) {
            answer.header("Accept-Patch", MERGE_PATCH);
        }
        return answer.build();
    }

    /**
     * GET and HEAD, the writes among {@code writes} that the security rules let this caller send to this
     * path (asked of Spring Security itself, so the answer cannot drift from SecurityConfig), and OPTIONS.
     */
    private List<String> allowed(HttpServletRequest request, List<HttpMethod> writes) {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        String path = request.getRequestURI().substring(request.getContextPath().length());
        List<String> allowed = new ArrayList<>(List.of("GET", "HEAD"));
        for (HttpMethod write : writes) {
            if (privileges.getObject().isAllowed(request.getContextPath(), path, write.name(), caller)) {
                allowed.add(write.name());
            }
        }
        allowed.add("OPTIONS");
        return allowed;
    }

    /**
     * Coordinates in the {@code Content-Crs} (CRS84 without one), in that CRS's authority axis order as
     * Part 2 speaks it: latitude first for EPSG:4326 and 4490, northing first for the Gauss-Krüger CRSs.
     */
    private static BodyCrs bodyCrs(String contentCrs) {
        Crs crs = BodyCrs.contentCrs(contentCrs);
        return new BodyCrs(
                crs,
                g -> AxisOrder.fromAuthority(crs, g),
                crs.authorityNorthingFirst() ? "north first, in the EPSG order of its axes" : "x east and y north");
    }

    private ResponseEntity<byte[]> answer(HttpStatus status, Editing.Outcome done, URI location) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(status)
                .eTag(EditAnswer.etag(done.stored().version()))
                .contentType(JsonBodies.GEO_JSON)
                .header("Content-Crs", "<" + Crs.CRS84.uri() + ">");
        if (location != null) {
            answer.location(location);
        }
        return answer.body(EditAnswer.body(json, done));
    }

    private static String actor() {
        return SecurityContextHolder.getContext().getAuthentication().getName();
    }
}
