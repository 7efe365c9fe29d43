package luqiao.map.features;

import static luqiao.map.features.OgcLinks.href;
import static luqiao.map.features.OgcLinks.link;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import luqiao.map.catalog.Audience;
import luqiao.map.catalog.Layer;
import luqiao.map.config.LuqiaoProperties;
import luqiao.map.geojson.Feature;
import luqiao.map.geojson.GeoJsonFeature;
import luqiao.map.geojson.GeoJsonWriter;
import luqiao.map.geometry.Crs;
import luqiao.map.store.FeaturePage;
import luqiao.map.store.GeoJsonPage;
import luqiao.map.store.SpatialStore;
import luqiao.map.web.AsOf;
import luqiao.map.web.InvalidParameterException;
import luqiao.map.web.JsonBodies;
import luqiao.map.web.NotFoundException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tools.jackson.core.JsonGenerator;

/** OGC API – Features items: pages of features and single features, in any supported CRS. */
@RestController
class ItemsController {

    private final SpatialStore store;
    private final JsonBodies json;
    private final LuqiaoProperties.Api limits;

    ItemsController(SpatialStore store, JsonBodies json, LuqiaoProperties properties) {
        this.store = store;
        this.json = json;
        this.limits = properties.api();
    }

    @GetMapping("/ogc/collections/{collectionId}/items")
    ResponseEntity<byte[]> items(
            @PathVariable String collectionId,
            @RequestParam Map<String, String> params,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
            Audience audience) {
        OgcCollection collection = OgcCollection.named(collectionId);
        Layer layer = collection.layer();
        Format format = Format.of(params.get("f"), accept);
        ItemsRequest request = ItemsRequest.parse(layer, audience, params, limits.defaultLimit(), limits.maxLimit());
        long offset = request.query().offset();
        int limit = request.query().limit();
        if (format != Format.HTML && request.crs() == Crs.CRS84) {
            // The common case (GeoJSON in lon/lat): geometries come as GeoJSON text from the store.
            GeoJsonPage page = store.findGeoJson(layer, collection.narrow(request.query()));
            // Every feature of a page has the same properties: copied only when the client chose some of them.
            boolean all = page.features().isEmpty()
                    || request.properties()
                            .containsAll(page.features().get(0).properties().keySet());
            List<GeoJsonFeature> features = all
                    ? page.features()
                    : page.features().stream()
                            .map(f -> new GeoJsonFeature(
                                    f.id(), chosen(f.properties(), request.properties()), f.geometry()))
                            .toList();
            Map<String, Object> members = collectionMembers(
                    page.numberMatched(),
                    features.size(),
                    links(collection, format, offset, limit, features.size(), page.numberMatched()));
            return geoJson(request.crs(), out -> GeoJsonWriter.writeGeoJsonFeatureCollection(out, members, features));
        }
        FeaturePage page = store.find(layer, collection.narrow(request.query()));
        List<Feature> features = page.features().stream()
                .map(f -> present(f, request.crs(), request.properties()))
                .toList();
        List<Map<String, String>> links =
                links(collection, format, offset, limit, features.size(), page.numberMatched());
        if (format == Format.HTML) {
            return html(itemsPage(collection, page, features, links, request.properties()));
        }
        Map<String, Object> members = collectionMembers(page.numberMatched(), features.size(), links);
        return geoJson(
                request.crs(),
                out -> GeoJsonWriter.writeFeatureCollection(out, members, features, decimals(request.crs())));
    }

    /** The members of a FeatureCollection before its features. */
    private static Map<String, Object> collectionMembers(
            long numberMatched, int numberReturned, List<Map<String, String>> links) {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("timeStamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        members.put("numberMatched", numberMatched);
        members.put("numberReturned", numberReturned);
        members.put("links", links);
        return members;
    }

    /** A page's links: itself, as HTML, the next and previous pages where there are some, its collection. */
    private List<Map<String, String>> links(
            OgcCollection collection, Format format, long offset, int limit, int returned, long matched) {
        List<Map<String, String>> links = new ArrayList<>();
        links.add(link("self", OgcLinks.GEO_JSON, pageHref(offset, null, "json"), "this page"));
        links.add(link("alternate", OgcLinks.HTML, pageHref(offset, null, "html"), "this page as HTML"));
        if (offset + returned < matched) {
            links.add(
                    format == Format.HTML
                            ? link("next", OgcLinks.HTML, pageHref(offset + limit, null, "html"), "the next page")
                            : link(
                                    "next",
                                    OgcLinks.GEO_JSON,
                                    pageHref(offset + limit, nextLimit(limit), null),
                                    "the next page"));
        }
        if (offset > 0) {
            links.add(link(
                    "prev",
                    format == Format.HTML ? OgcLinks.HTML : OgcLinks.GEO_JSON,
                    pageHref(Math.max(0, offset - limit), null, format == Format.HTML ? "html" : null),
                    "the previous page"));
        }
        links.add(link("collection", OgcLinks.JSON, href("/collections/" + collection.id()), "the collection"));
        return links;
    }

    @GetMapping("/ogc/collections/{collectionId}/items/{featureId}")
    ResponseEntity<byte[]> item(
            @PathVariable String collectionId,
            @PathVariable String featureId,
            @RequestParam Map<String, String> params,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
            Audience audience) {
        OgcCollection collection = OgcCollection.named(collectionId);
        Layer layer = collection.layer();
        for (String name : params.keySet()) {
            if (!Set.of("f", "crs", AsOf.PARAMETER, ItemsRequest.DATETIME_PROPERTY)
                    .contains(name)) {
                throw new InvalidParameterException(
                        name, "unknown query parameter '" + name + "'; known are asOf, crs, datetime-property, f");
            }
        }
        // Accepted (and checked) because QGIS adds the query of its layer URL to every request (README).
        ItemsRequest.datetimeProperty(layer, audience, params.get(ItemsRequest.DATETIME_PROPERTY));
        Crs crs = params.containsKey("crs") ? Crs.of("crs", params.get("crs")) : Crs.CRS84;
        Feature stored = store.get(layer, featureId, audience, AsOf.parse(params.get(AsOf.PARAMETER), layer))
                .filter(collection::holds)
                .orElseThrow(
                        () -> new NotFoundException("no feature '" + featureId + "' in collection " + collection.id()));
        Feature feature = present(stored, crs, stored.properties().keySet());
        String base = "/collections/" + collection.id() + "/items/" + featureId;
        List<Map<String, String>> links = List.of(
                link("self", OgcLinks.GEO_JSON, href(base), "this feature"),
                link("alternate", OgcLinks.HTML, href(base, "f=html"), "this feature as HTML"),
                link("collection", OgcLinks.JSON, href("/collections/" + collection.id()), "the collection"));
        if (Format.of(params.get("f"), accept) == Format.HTML) {
            Map<String, Object> rows = new LinkedHashMap<>();
            rows.put("id", feature.id());
            rows.putAll(feature.properties());
            rows.put("geometry", feature.geometry().getGeometryType());
            return html(new Html(String.valueOf(feature.properties().getOrDefault("name_zh", feature.id())))
                    .properties(rows)
                    .links(links));
        }
        return geoJson(
                crs,
                out -> GeoJsonWriter.writeFeature(out, feature, decimals(crs), o -> {
                    o.writePOJOProperty("links", links);
                }));
    }

    /** The feature as the client asked for it: chosen properties, geometry in the CRS's axis order. */
    private static Feature present(Feature f, Crs crs, Set<String> properties) {
        return new Feature(
                f.id(), chosen(f.properties(), properties), AxisOrder.toAuthority(crs, crs.fromLonLat(f.geometry())));
    }

    /** The properties the client asked for, in the catalog's order. */
    private static Map<String, Object> chosen(Map<String, Object> all, Set<String> properties) {
        Map<String, Object> chosen = new LinkedHashMap<>();
        all.forEach((k, v) -> {
            if (properties.contains(k)) {
                chosen.put(k, v);
            }
        });
        return chosen;
    }

    private static int decimals(Crs crs) {
        return crs.isLonLat() ? GeoJsonWriter.DEGREE_DECIMALS : GeoJsonWriter.METRE_DECIMALS;
    }

    /**
     * The limit of the next page: at least {@code luqiao.api.next-page-limit}. The next link is the server's
     * to write (a client follows it as given), and a client that pages by it, such as GDAL 3.6 with its fixed
     * 10 features a page, fetches the rest in a few large pages instead of hundreds of small ones. The HTML
     * pages keep the reader's page size.
     */
    private int nextLimit(int limit) {
        return Math.max(limit, Math.min(limits.nextPageLimit(), limits.maxLimit()));
    }

    /** This request's URL at another offset, and another limit unless {@code limit} is null. */
    private static String pageHref(long offset, Integer limit, String f) {
        ServletUriComponentsBuilder uri = ServletUriComponentsBuilder.fromCurrentRequest();
        uri.replaceQueryParam("offset", offset);
        if (limit != null) {
            uri.replaceQueryParam("limit", limit);
        }
        uri.replaceQueryParam("f", f == null ? new Object[0] : new Object[] {f});
        return uri.build().toUriString();
    }

    private static Html itemsPage(
            OgcCollection collection,
            FeaturePage page,
            List<Feature> features,
            List<Map<String, String>> links,
            Set<String> properties) {
        List<String> header = new ArrayList<>();
        header.add("id");
        header.addAll(properties);
        List<List<Object>> rows = features.stream()
                .map(f -> {
                    List<Object> row = new ArrayList<>();
                    row.add(f.id());
                    properties.forEach(p -> row.add(f.properties().get(p)));
                    return row;
                })
                .toList();
        return new Html(collection.title())
                .paragraph(page.numberMatched() + " matched, " + features.size() + " shown")
                .table(
                        header,
                        rows,
                        features.stream()
                                .map(f -> href("/collections/" + collection.id() + "/items/" + f.id(), "f=html"))
                                .toList())
                .links(links);
    }

    /** GeoJSON with the {@code Content-Crs} header of Part 2. */
    private ResponseEntity<byte[]> geoJson(Crs crs, Consumer<JsonGenerator> body) {
        return ResponseEntity.ok()
                .contentType(JsonBodies.GEO_JSON)
                .header("Content-Crs", "<" + crs.uri() + ">")
                .body(json.bytes(body));
    }

    private static ResponseEntity<byte[]> html(Html page) {
        return ResponseEntity.ok()
                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .body(page.render().getBytes(StandardCharsets.UTF_8));
    }
}
