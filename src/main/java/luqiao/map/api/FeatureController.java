package luqiao.map.api;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Consumer;
import luqiao.map.catalog.Audience;
import luqiao.map.catalog.Layer;
import luqiao.map.config.LuqiaoProperties;
import luqiao.map.features.ItemsRequest;
import luqiao.map.geojson.Feature;
import luqiao.map.geojson.FeatureCollection;
import luqiao.map.geojson.GeoJsonWriter;
import luqiao.map.geometry.LonLat;
import luqiao.map.store.FeaturePage;
import luqiao.map.store.FeatureQuery;
import luqiao.map.store.SpatialStore;
import luqiao.map.store.VersionedStore;
import luqiao.map.web.AsOf;
import luqiao.map.web.JsonBodies;
import luqiao.map.web.Layers;
import luqiao.map.web.NotFoundException;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tools.jackson.core.JsonGenerator;

/** The map's read API: each layer as GeoJSON, one feature, and the zones at a point. */
@RestController
class FeatureController {

    private final SpatialStore store;
    private final VersionedStore versions;
    private final JsonBodies json;
    private final LuqiaoProperties.Api limits;

    FeatureController(SpatialStore store, VersionedStore versions, JsonBodies json, LuqiaoProperties properties) {
        this.store = store;
        this.versions = versions;
        this.json = json;
        this.limits = properties.api();
    }

    @GetMapping("/api/{layer}")
    ResponseEntity<byte[]> list(
            @PathVariable String layer, @RequestParam Map<String, String> params, Audience audience) {
        Layer l = Layers.named(layer);
        FeatureQuery query = ItemsRequest.parseApi(l, audience, params, limits.defaultLimit(), limits.maxLimit())
                .query();
        FeaturePage page = store.find(l, query);
        long start = query.offset();
        List<Link> links = new ArrayList<>();
        links.add(Link.to("self", start));
        if (start + page.features().size() < page.numberMatched()) {
            links.add(Link.to("next", start + query.limit()));
        }
        if (start > 0) {
            links.add(Link.to("prev", Math.max(0, start - query.limit())));
        }
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("numberMatched", page.numberMatched());
        members.put("numberReturned", page.features().size());
        members.put("links", links);
        return geoJson(out ->
                GeoJsonWriter.writeFeatureCollection(out, members, page.features(), GeoJsonWriter.DEGREE_DECIMALS));
    }

    /** A link to another page of the same request. */
    record Link(String rel, String type, String href) {

        static Link to(String rel, long offset) {
            return new Link(
                    rel,
                    JsonBodies.GEO_JSON.toString(),
                    ServletUriComponentsBuilder.fromCurrentRequest()
                            .replaceQueryParam("offset", offset)
                            .build()
                            .toUriString());
        }
    }

    @GetMapping("/api/zones/at")
    ResponseEntity<byte[]> zonesAt(@RequestParam double lon, @RequestParam double lat, Audience audience) {
        LonLat point = LonLat.of(lon, lat);
        List<Feature> zones = store.zonesContaining(point.lon(), point.lat(), audience);
        return json.ok(JsonBodies.GEO_JSON, FeatureCollection.of(zones));
    }

    /**
     * One feature. Its ETag depends on who asks: an audience that sees every field of the layer (its
     * editors among them) gets the feature's version, the {@code If-Match} an edit of it must send; any
     * other audience gets a hash of the body it is served, so that an edit of a field it does not see
     * (a parcel's {@code owner}) leaves its ETag, and its cached copy (304), unchanged rather than
     * telling it that something hidden changed.
     */
    @GetMapping("/api/{layer}/{id}")
    ResponseEntity<byte[]> one(
            @PathVariable String layer,
            @PathVariable String id,
            @RequestParam(name = AsOf.PARAMETER, required = false) String asOf,
            Audience audience) {
        Layer l = Layers.named(layer);
        boolean seesAll = audience.seesInternalFieldsOf(l);
        // The version is read before the feature: should an edit land in between, the ETag is older
        // than what was shown, and a write based on it is refused (412) rather than overwriting that edit.
        OptionalLong version = seesAll ? versions.version(l, id) : OptionalLong.empty();
        Feature feature = store.get(l, id, audience, AsOf.parse(asOf, l))
                .orElseThrow(() -> new NotFoundException("no feature '" + id + "' in layer " + l.id()));
        ResponseEntity<byte[]> answer = geoJson(out -> GeoJsonWriter.writeFeature(out, feature));
        String etag = seesAll
                ? (version.isEmpty() ? null : "\"" + version.getAsLong() + "\"")
                : servedBodyTag(answer.getBody());
        return etag == null
                ? answer
                : ResponseEntity.ok()
                        .headers(answer.getHeaders())
                        .eTag(etag)
                        .cacheControl(CacheControl.noCache())
                        .body(answer.getBody());
    }

    /** The ETag of a partial view: a hash of exactly the bytes served ("p-" + 128 bits of SHA-256), never a version. */
    static String servedBodyTag(byte[] body) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"p-" + HexFormat.of().formatHex(hash, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    private ResponseEntity<byte[]> geoJson(Consumer<JsonGenerator> body) {
        return json.ok(JsonBodies.GEO_JSON, body);
    }
}
