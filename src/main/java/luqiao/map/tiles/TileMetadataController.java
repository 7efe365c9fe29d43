package luqiao.map.tiles;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import luqiao.map.catalog.Audience;
import luqiao.map.catalog.Field;
import luqiao.map.catalog.Layer;
import luqiao.map.store.tiles.TileAttributes;
import luqiao.map.store.tiles.TileStore;
import luqiao.map.tiles.style.StyleLink;
import luqiao.map.web.InvalidParameterException;
import luqiao.map.web.NotFoundException;
import org.locationtech.jts.geom.Envelope;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * What clients need to find and use the tiles: TileJSON 3.0.0 per tile set, and OGC API – Tiles
 * (the WebMercatorQuad tile matrix set, each collection's tileset, and its tiles addressed
 * {@code {tileMatrix}/{tileRow}/{tileCol}}, i.e. z/y/x: row before column, unlike XYZ URLs).
 */
@RestController
class TileMetadataController {

    static final String TMS_ID = "WebMercatorQuad";
    static final String TMS_URI = "http://www.opengis.net/def/tilematrixset/OGC/1.0/WebMercatorQuad";
    private static final String CRS_3857 = "http://www.opengis.net/def/crs/EPSG/0/3857";
    private static final String CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";
    /** OGC 2D TMS 2.0 (Annex D.1): scale denominator of zoom 0 for 256-px tiles of 0.28 mm pixels. */
    private static final double SCALE_0 = 559082264.028717;

    private final TileStore store;
    private final TileController tiles;

    TileMetadataController(TileStore store, TileController tiles) {
        this.store = store;
        this.tiles = tiles;
    }

    @GetMapping(value = "/tiles/{set}.json", produces = "application/json")
    Map<String, Object> tileJson(@PathVariable String set, Audience audience) {
        TileSet s = TileController.set(set);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("tilejson", "3.0.0");
        json.put("name", "Luqiao " + s.id());
        json.put("scheme", "xyz");
        json.put("tiles", List.of(base() + "/tiles/" + s.id() + "/{z}/{x}/{y}" + TileFormat.MVT.suffix()));
        json.put("minzoom", 0);
        json.put("maxzoom", TileCoord.MAX_ZOOM);
        Envelope bounds = bounds(s.layers(), audience);
        json.put("bounds", List.of(bounds.getMinX(), bounds.getMinY(), bounds.getMaxX(), bounds.getMaxY()));
        json.put("center", List.of(bounds.centre().getX(), bounds.centre().getY(), 12));
        List<Map<String, Object>> layers = new ArrayList<>();
        for (Layer layer : s.layers()) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("id", "String");
            TileAttributes attributes = store.attributes(layer, audience);
            attributes.fields().forEach(f -> fields.put(f.name(), tileJsonType(f)));
            if (attributes.hasArea()) {
                fields.put(TileAttributes.AREA_MU, "Number");
                fields.put(TileAttributes.AREA_HA, "Number");
            }
            layers.add(Map.of("id", layer.id(), "fields", fields, "minzoom", 0, "maxzoom", TileCoord.MAX_ZOOM));
        }
        json.put("vector_layers", layers);
        // TileJSON 3.0 has no member for a style; clients keep unknown members, so the link rides as OGC links do.
        json.put("links", List.of(StyleLink.at(base())));
        return json;
    }

    @GetMapping(value = "/ogc/tileMatrixSets", produces = "application/json")
    Map<String, Object> tileMatrixSets() {
        return Map.of(
                "tileMatrixSets",
                List.of(Map.of(
                        "id",
                        TMS_ID,
                        "title",
                        "Google Maps Compatible for the World",
                        "uri",
                        TMS_URI,
                        "links",
                        List.of(link("self", "application/json", base() + "/ogc/tileMatrixSets/" + TMS_ID)))));
    }

    @GetMapping(value = "/ogc/tileMatrixSets/{id}", produces = "application/json")
    Map<String, Object> tileMatrixSet(@PathVariable String id) {
        tms(id);
        Map<String, Object> tms = new LinkedHashMap<>();
        tms.put("id", TMS_ID);
        tms.put("title", "Google Maps Compatible for the World");
        tms.put("uri", TMS_URI);
        tms.put("crs", CRS_3857);
        tms.put("orderedAxes", List.of("X", "Y"));
        tms.put("wellKnownScaleSet", "http://www.opengis.net/def/wkss/OGC/1.0/GoogleMapsCompatible");
        List<Map<String, Object>> matrices = new ArrayList<>();
        for (int z = 0; z <= TileCoord.MAX_ZOOM; z++) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", Integer.toString(z));
            m.put("scaleDenominator", SCALE_0 / (1L << z));
            m.put("cellSize", WebMercator.tileSize(z) / 256);
            m.put("cornerOfOrigin", "topLeft");
            m.put("pointOfOrigin", List.of(-WebMercator.HALF_WORLD, WebMercator.HALF_WORLD));
            m.put("tileWidth", 256);
            m.put("tileHeight", 256);
            m.put("matrixWidth", 1L << z);
            m.put("matrixHeight", 1L << z);
            matrices.add(m);
        }
        tms.put("tileMatrices", matrices);
        return tms;
    }

    @GetMapping(value = "/ogc/collections/{collection}/tiles", produces = "application/json")
    Map<String, Object> tilesets(@PathVariable String collection) {
        Layer layer = collection(collection);
        String self = base() + "/ogc/collections/" + layer.id() + "/tiles";
        return Map.of(
                "links",
                List.of(link("self", "application/json", self)),
                "tilesets",
                List.of(Map.of(
                        "title",
                        layer.id() + " vector tiles",
                        "dataType",
                        "vector",
                        "crs",
                        CRS_3857,
                        "tileMatrixSetURI",
                        TMS_URI,
                        "links",
                        List.of(
                                link("self", "application/json", self + "/" + TMS_ID),
                                link(
                                        "http://www.opengis.net/def/rel/ogc/1.0/tiling-scheme",
                                        "application/json",
                                        base() + "/ogc/tileMatrixSets/" + TMS_ID),
                                StyleLink.at(base())))));
    }

    @GetMapping(value = "/ogc/collections/{collection}/tiles/{tms}", produces = "application/json")
    Map<String, Object> tileset(@PathVariable String collection, @PathVariable String tms, Audience audience) {
        Layer layer = collection(collection);
        tms(tms);
        String self = base() + "/ogc/collections/" + layer.id() + "/tiles/" + TMS_ID;
        Map<String, Object> tileset = new LinkedHashMap<>();
        tileset.put("title", layer.id() + " vector tiles");
        tileset.put("dataType", "vector");
        tileset.put("crs", CRS_3857);
        tileset.put("tileMatrixSetURI", TMS_URI);
        Envelope b = bounds(List.of(layer), audience);
        tileset.put(
                "boundingBox",
                Map.of(
                        "lowerLeft",
                        List.of(b.getMinX(), b.getMinY()),
                        "upperRight",
                        List.of(b.getMaxX(), b.getMaxY()),
                        "crs",
                        CRS84));
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("id", Map.of("type", "string"));
        TileAttributes attributes = store.attributes(layer, audience);
        attributes.fields().forEach(f -> properties.put(f.name(), Map.of("type", jsonSchemaType(f))));
        if (attributes.hasArea()) {
            properties.put(TileAttributes.AREA_MU, Map.of("type", "number"));
            properties.put(TileAttributes.AREA_HA, Map.of("type", "number"));
        }
        tileset.put(
                "layers",
                List.of(Map.of(
                        "id",
                        layer.id(),
                        "dataType",
                        "vector",
                        "propertiesSchema",
                        Map.of("type", "object", "properties", properties))));
        Map<String, Object> item =
                link("item", TileFormat.MVT.mediaType().toString(), self + "/{tileMatrix}/{tileRow}/{tileCol}");
        item.put("templated", true);
        tileset.put(
                "links",
                List.of(
                        link("self", "application/json", self),
                        link(
                                "http://www.opengis.net/def/rel/ogc/1.0/tiling-scheme",
                                "application/json",
                                base() + "/ogc/tileMatrixSets/" + TMS_ID),
                        item,
                        StyleLink.at(base())));
        return tileset;
    }

    @GetMapping("/ogc/collections/{collection}/tiles/{tms}/{tileMatrix}/{tileRow}/{tileCol}")
    ResponseEntity<byte[]> tile(
            @PathVariable String collection,
            @PathVariable String tms,
            @PathVariable int tileMatrix,
            @PathVariable int tileRow,
            @PathVariable int tileCol,
            @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
            @RequestHeader(value = HttpHeaders.ACCEPT_ENCODING, required = false) String acceptEncoding,
            Audience audience) {
        Layer layer = collection(collection);
        tms(tms);
        TileCoord coord;
        try {
            coord = TileCoord.of(tileMatrix, tileCol, tileRow);
        } catch (InvalidParameterException e) {
            // Name the OGC parameter, not the XYZ one.
            String name =
                    switch (e.parameter()) {
                        case "z" -> "tileMatrix";
                        case "x" -> "tileCol";
                        default -> "tileRow";
                    };
            throw new InvalidParameterException(name, e.getMessage().replaceFirst("^[xyz]", name));
        }
        return tiles.respond(layer.id(), coord, TileFormat.MVT, ifNoneMatch, acceptEncoding, audience);
    }

    private Envelope bounds(List<Layer> layers, Audience audience) {
        Envelope all = new Envelope();
        layers.forEach(l -> store.extent(l, audience).ifPresent(all::expandToInclude));
        return all.isNull() ? new Envelope(-180, 180, -WebMercator.MAX_LATITUDE, WebMercator.MAX_LATITUDE) : all;
    }

    private static Layer collection(String id) {
        return Layer.byName(id)
                .orElseThrow(() -> new NotFoundException(
                        "unknown collection '" + id + "'; the collections with tiles are zones, projects and parcels"));
    }

    private static void tms(String id) {
        if (!TMS_ID.equals(id)) {
            throw new NotFoundException("unknown tile matrix set '" + id + "'; this server offers " + TMS_ID);
        }
    }

    private static String tileJsonType(Field f) {
        return switch (f.type()) {
            case NUMBER -> "Number";
            case BOOLEAN -> "Boolean";
            case STRING, DATE -> "String";
        };
    }

    private static String jsonSchemaType(Field f) {
        return switch (f.type()) {
            case NUMBER -> "number";
            case BOOLEAN -> "boolean";
            case STRING, DATE -> "string";
        };
    }

    private static Map<String, Object> link(String rel, String type, String href) {
        Map<String, Object> link = new LinkedHashMap<>();
        link.put("rel", rel);
        link.put("type", type);
        link.put("href", href);
        return link;
    }

    private static String base() {
        return ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
    }
}
