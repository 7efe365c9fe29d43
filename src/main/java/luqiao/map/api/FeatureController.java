package luqiao.map.api;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.OptionalLong;

import luqiao.map.catalog.Audience;
import luqiao.map.catalog.Layer;
import luqiao.map.config.LuqiaoProperties;
import luqiao.map.geometry.Bbox;
import luqiao.map.geometry.LonLat;
import luqiao.map.web.AsOf;
import luqiao.map.geojson.Feature;
import luqiao.map.store.FeaturePage;
import luqiao.map.store.FeatureQuery;
import luqiao.map.store.SpatialStore;
import luqiao.map.store.VersionedStore;
import luqiao.map.geojson.GeoJsonWriter;
import luqiao.map.web.InvalidParameterException;
import luqiao.map.web.NotFoundException;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.ObjectMapper;

/** The map's read API: each layer as GeoJSON, one feature, and the zones at a point. */
@RestController
class FeatureController {

    static final MediaType GEO_JSON = MediaType.parseMediaType("application/geo+json");

    private final SpatialStore store;
    private final VersionedStore versions;
    private final ObjectMapper json;
    private final LuqiaoProperties.Api limits;

    FeatureController(SpatialStore store, VersionedStore versions, ObjectMapper json, LuqiaoProperties properties) {
        this.store = store;
        this.versions = versions;
        this.json = json;
        this.limits = properties.api();
    }

    @GetMapping("/api/{layer}")
    ResponseEntity<byte[]> list(@PathVariable String layer,
                                @RequestParam(required = false) String bbox,
                                @RequestParam(required = false) Integer limit,
                                @RequestParam(required = false) Long offset,
                                @RequestParam(name = AsOf.PARAMETER, required = false) String asOf,
                                Audience audience) {
        Layer l = layer(layer);
        int pageSize = limit == null ? limits.defaultLimit() : limit;
        if (pageSize < 1 || pageSize > limits.maxLimit()) {
            throw new InvalidParameterException("limit", "limit must be between 1 and " + limits.maxLimit());
        }
        long start = offset == null ? 0 : offset;
        if (start < 0) {
            throw new InvalidParameterException("offset", "offset must not be negative");
        }
        Bbox box = bbox == null ? null : Bbox.parse("bbox", bbox);
        FeaturePage page = store.find(l, FeatureQuery.page(audience, box, pageSize, start).withAsOf(AsOf.parse(asOf, l)));
        return geoJson(out -> {
            out.writeStartObject();
            out.writeStringProperty("type", "FeatureCollection");
            out.writeNumberProperty("numberMatched", page.numberMatched());
            out.writeNumberProperty("numberReturned", page.features().size());
            out.writeArrayPropertyStart("links");
            link(out, "self", start);
            if (start + page.features().size() < page.numberMatched()) {
                link(out, "next", start + pageSize);
            }
            if (start > 0) {
                link(out, "prev", Math.max(0, start - pageSize));
            }
            out.writeEndArray();
            out.writeArrayPropertyStart("features");
            page.features().forEach(f -> GeoJsonWriter.writeFeature(out, f));
            out.writeEndArray();
            out.writeEndObject();
        });
    }

    @GetMapping("/api/zones/at")
    ResponseEntity<byte[]> zonesAt(@RequestParam double lon, @RequestParam double lat, Audience audience) {
        LonLat point = LonLat.of(lon, lat);
        List<Feature> zones = store.zonesContaining(point.lon(), point.lat(), audience);
        return geoJson(out -> {
            out.writeStartObject();
            out.writeStringProperty("type", "FeatureCollection");
            out.writeNumberProperty("numberReturned", zones.size());
            out.writeArrayPropertyStart("features");
            zones.forEach(f -> GeoJsonWriter.writeFeature(out, f));
            out.writeEndArray();
            out.writeEndObject();
        });
    }

    /** One feature, with its version as ETag: the {@code If-Match} an edit of it must send. */
    @GetMapping("/api/{layer}/{id}")
    ResponseEntity<byte[]> one(@PathVariable String layer, @PathVariable String id,
                               @RequestParam(name = AsOf.PARAMETER, required = false) String asOf, Audience audience) {
        Layer l = layer(layer);
        // The version is read before the feature: should an edit land in between, the ETag is older
        // than what was shown, and a write based on it is refused (412) rather than overwriting that edit.
        OptionalLong version = versions.version(l, id);
        Feature feature = store.get(l, id, audience, AsOf.parse(asOf, l))
                .orElseThrow(() -> new NotFoundException("no feature '" + id + "' in layer " + l.id()));
        ResponseEntity<byte[]> answer = geoJson(out -> GeoJsonWriter.writeFeature(out, feature));
        return version.isEmpty() ? answer : ResponseEntity.ok().headers(answer.getHeaders())
                .eTag("\"" + version.getAsLong() + "\"").cacheControl(CacheControl.noCache()).body(answer.getBody());
    }

    private static Layer layer(String name) {
        return Layer.byName(name).orElseThrow(() ->
                new NotFoundException("unknown layer '" + name + "'; the layers are zones, projects and parcels"));
    }

    private static void link(JsonGenerator out, String rel, long offset) {
        out.writeStartObject();
        out.writeStringProperty("rel", rel);
        out.writeStringProperty("type", GEO_JSON.toString());
        out.writeStringProperty("href", ServletUriComponentsBuilder.fromCurrentRequest()
                .replaceQueryParam("offset", offset).build().toUriString());
        out.writeEndObject();
    }

    private ResponseEntity<byte[]> geoJson(java.util.function.Consumer<JsonGenerator> body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator out = json.createGenerator(bytes)) {
            body.accept(out);
        }
        return ResponseEntity.ok().contentType(GEO_JSON).body(bytes.toByteArray());
    }
}
