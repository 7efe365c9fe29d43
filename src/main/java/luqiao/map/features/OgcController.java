package luqiao.map.features;

import static luqiao.map.features.OgcLinks.href;
import static luqiao.map.features.OgcLinks.link;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import luqiao.map.catalog.Audience;
import luqiao.map.catalog.Layer;
import luqiao.map.cql2.Queryable;
import luqiao.map.geometry.Crs;
import luqiao.map.store.SpatialStore;
import org.locationtech.jts.geom.Envelope;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.ObjectMapper;

/** OGC API – Features: landing page, conformance, API definition, collections and queryables. */
@RestController
class OgcController {

    /** Only what the tests show to work is declared. */
    static final List<String> CONFORMANCE = List.of(
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
            "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs",
            "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter",
            "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/features-filter",
            "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables",
            // Part 4 (draft): POST, PUT, DELETE, OPTIONS; PATCH as JSON Merge Patch; GeoJSON and Content-Crs bodies.
            "http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/create-replace-delete",
            "http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/update",
            "http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/features",
            "http://www.opengis.net/spec/cql2/1.0/conf/cql2-text",
            "http://www.opengis.net/spec/cql2/1.0/conf/cql2-json",
            "http://www.opengis.net/spec/cql2/1.0/conf/basic-cql2",
            "http://www.opengis.net/spec/cql2/1.0/conf/advanced-comparison-operators",
            "http://www.opengis.net/spec/cql2/1.0/conf/case-insensitive-comparison",
            "http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions",
            "http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions-plus",
            "http://www.opengis.net/spec/cql2/1.0/conf/spatial-functions",
            "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/core",
            "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/tileset",
            "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/tilesets-list",
            "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/geodata-tilesets",
            "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/dataset-tilesets",
            "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/oas30",
            "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/mvt",
            "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/png",
            "http://www.opengis.net/spec/tms/2.0/conf/tilematrixset",
            "http://www.opengis.net/spec/tms/2.0/conf/json-tilematrixset");

    static final String TILESETS_VECTOR = "http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector";
    static final String TILESETS_MAP = "http://www.opengis.net/def/rel/ogc/1.0/tilesets-map";

    private final SpatialStore store;
    private final ObjectMapper json;

    OgcController(SpatialStore store, ObjectMapper json) {
        this.store = store;
        this.json = json;
    }

    @GetMapping({"/ogc", "/ogc/"})
    ResponseEntity<String> landing(
            @RequestParam(required = false) String f,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        List<Map<String, String>> links = List.of(
                link("self", OgcLinks.JSON, href(""), "this document"),
                link("alternate", OgcLinks.HTML, href("", "f=html"), "this document as HTML"),
                link("service-desc", OgcLinks.OPENAPI, href("/api"), "the API definition (OpenAPI 3.0)"),
                link("conformance", OgcLinks.JSON, href("/conformance"), "conformance classes implemented"),
                link("data", OgcLinks.JSON, href("/collections"), "the feature collections"),
                link(TILESETS_VECTOR, OgcLinks.JSON, href("/tiles"), "vector tiles of all collections (MVT)"),
                link(TILESETS_MAP, OgcLinks.JSON, href("/map/tiles"), "map tiles of all collections (PNG)"),
                link(
                        "http://www.opengis.net/def/rel/ogc/1.0/tiling-schemes",
                        OgcLinks.JSON,
                        href("/tileMatrixSets"),
                        "the tile matrix sets"));
        String title = "路桥区城乡建设项目地图 Luqiao Map";
        String description = "Key zones, project sites and land parcels of the Luqiao District plan as OGC API –"
                + " Features and OGC API – Tiles.";
        if (Format.of(f, accept) == Format.HTML) {
            return html(new Html(title).paragraph(description).links(links));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", title);
        body.put("description", description);
        body.put("links", links);
        return json(body, MediaType.APPLICATION_JSON);
    }

    @GetMapping("/ogc/conformance")
    ResponseEntity<String> conformance(
            @RequestParam(required = false) String f,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        if (Format.of(f, accept) == Format.HTML) {
            Html page = new Html("Conformance");
            CONFORMANCE.forEach(page::paragraph);
            return html(page);
        }
        return json(Map.of("conformsTo", CONFORMANCE), MediaType.APPLICATION_JSON);
    }

    @GetMapping("/ogc/api")
    ResponseEntity<String> api(
            @RequestParam(required = false) String f,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept)
            throws IOException {
        String document;
        try (InputStream in = new ClassPathResource("ogc/openapi.json").getInputStream()) {
            document = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("${server}", href(""));
        }
        if (Format.of(f, accept) == Format.HTML) {
            return html(new Html("API definition")
                    .paragraph("The OpenAPI 3.0 document of this service:")
                    .links(List.of(
                            link("service-desc", OgcLinks.OPENAPI, href("/api", "f=json"), "OpenAPI 3.0 (JSON)"))));
        }
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(OgcLinks.OPENAPI))
                .body(document);
    }

    @GetMapping("/ogc/collections")
    ResponseEntity<String> collections(
            @RequestParam(required = false) String f,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
            Audience audience) {
        List<Map<String, Object>> collections = new ArrayList<>();
        for (OgcCollection c : OgcCollection.ALL) {
            collections.add(collection(c, audience));
        }
        List<Map<String, String>> links = List.of(
                link("self", OgcLinks.JSON, href("/collections"), "this document"),
                link("alternate", OgcLinks.HTML, href("/collections", "f=html"), "this document as HTML"));
        if (Format.of(f, accept) == Format.HTML) {
            Html page = new Html("Collections");
            page.table(
                    List.of("id", "title", "description"),
                    collections.stream()
                            .map(c -> List.<Object>of(c.get("id"), c.get("title"), c.get("description")))
                            .toList(),
                    collections.stream()
                            .map(c -> href("/collections/" + c.get("id"), "f=html"))
                            .toList());
            return html(page);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("links", links);
        body.put("crs", Crs.supported().stream().map(Crs::uri).toList());
        body.put("collections", collections);
        return json(body, MediaType.APPLICATION_JSON);
    }

    @GetMapping("/ogc/collections/{collectionId}")
    ResponseEntity<String> collection(
            @PathVariable String collectionId,
            @RequestParam(required = false) String f,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
            Audience audience) {
        Map<String, Object> collection = collection(OgcCollection.named(collectionId), audience);
        if (Format.of(f, accept) == Format.HTML) {
            Html page = new Html((String) collection.get("title")).paragraph((String) collection.get("description"));
            @SuppressWarnings("unchecked")
            List<Map<String, String>> links = (List<Map<String, String>>) collection.get("links");
            return html(page.links(links));
        }
        return json(collection, MediaType.APPLICATION_JSON);
    }

    @GetMapping("/ogc/collections/{collectionId}/queryables")
    ResponseEntity<String> queryables(
            @PathVariable String collectionId,
            @RequestParam(required = false) String f,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
            Audience audience) {
        OgcCollection collection = OgcCollection.named(collectionId);
        Layer layer = collection.layer();
        Map<String, Object> properties = new LinkedHashMap<>();
        for (Queryable q : layer.queryables(audience).visible()) {
            properties.put(
                    q.name(),
                    switch (q.type()) {
                        case STRING -> Map.of("title", q.name(), "type", "string");
                        case NUMBER -> Map.of("title", q.name(), "type", "number");
                        case BOOLEAN -> Map.of("title", q.name(), "type", "boolean");
                        case DATE -> Map.of("title", q.name(), "type", "string", "format", "date");
                        case TIMESTAMP -> Map.of("title", q.name(), "type", "string", "format", "date-time");
                        case GEOMETRY ->
                            Map.of("title", q.name(), "format", "geometry-any", "x-ogc-role", "primary-geometry");
                    });
        }
        if (Format.of(f, accept) == Format.HTML) {
            Map<String, Object> rows = new LinkedHashMap<>();
            properties.forEach((k, v) ->
                    rows.put(k, ((Map<?, ?>) v).get("type") == null ? "geometry" : ((Map<?, ?>) v).get("type")));
            return html(new Html("Queryables of " + collectionId).properties(rows));
        }
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.put("$id", href("/collections/" + collection.id() + "/queryables"));
        schema.put("type", "object");
        schema.put("title", collection.title());
        schema.put("properties", properties);
        schema.put("additionalProperties", false);
        return json(schema, MediaType.parseMediaType("application/schema+json"));
    }

    private Map<String, Object> collection(OgcCollection collection, Audience audience) {
        String base = "/collections/" + collection.id();
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("id", collection.id());
        c.put("title", collection.title());
        c.put("description", collection.description());
        c.put("itemType", "feature");
        List<Map<String, String>> links = new ArrayList<>(List.of(
                link("self", OgcLinks.JSON, href(base), "this collection"),
                link("alternate", OgcLinks.HTML, href(base, "f=html"), "this collection as HTML"),
                link("items", OgcLinks.GEO_JSON, href(base + "/items"), "the features"),
                link("items", OgcLinks.HTML, href(base + "/items", "f=html"), "the features as HTML"),
                link(
                        "http://www.opengis.net/def/rel/ogc/1.0/queryables",
                        "application/schema+json",
                        href(base + "/queryables"),
                        "the properties a filter may use"),
                link(
                        LegacyQueryables.REL,
                        OgcLinks.JSON,
                        href(base + LegacyQueryables.PATH),
                        "the same as a pre-release list, for GDAL 3.6 (see the README)")));
        // A layer's tiles hold all its features: a geometry family's collection has none of its own.
        if (collection.family() == null) {
            links.add(link(TILESETS_VECTOR, OgcLinks.JSON, href(base + "/tiles"), "vector tiles (MVT)"));
            links.add(link(TILESETS_MAP, OgcLinks.JSON, href(base + "/map/tiles"), "map tiles (PNG)"));
        }
        c.put("links", links);
        store.extent(collection.layer(), audience, collection.family()).ifPresent(e -> c.put("extent", extent(e)));
        c.put("crs", Crs.supported().stream().map(Crs::uri).toList());
        c.put("storageCrs", Crs.CRS84.uri());
        return c;
    }

    private static Map<String, Object> extent(Envelope e) {
        return Map.of(
                "spatial",
                Map.of(
                        "bbox",
                        List.of(List.of(e.getMinX(), e.getMinY(), e.getMaxX(), e.getMaxY())),
                        "crs",
                        Crs.CRS84.uri()));
    }

    private ResponseEntity<String> json(Object body, MediaType type) {
        return ResponseEntity.ok().contentType(type).body(json.writeValueAsString(body));
    }

    static ResponseEntity<String> html(Html page) {
        return ResponseEntity.ok()
                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .body(page.render());
    }
}
