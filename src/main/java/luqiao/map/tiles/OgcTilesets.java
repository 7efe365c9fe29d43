package luqiao.map.tiles;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import luqiao.map.catalog.Audience;
import luqiao.map.catalog.Field;
import luqiao.map.catalog.FieldType;
import luqiao.map.catalog.Layer;
import luqiao.map.store.tiles.TileAttributes;
import luqiao.map.store.tiles.TileStore;
import luqiao.map.tiles.style.StyleLink;
import luqiao.map.web.NotFoundException;
import org.locationtech.jts.geom.Envelope;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The documents of OGC API – Tiles for {@link OgcTilesController}: a tileset list ({@code /req/tilesets-list})
 * and a tileset's metadata in the JSON encoding of the 2D Tile Matrix Set standard 2.0 ({@code /req/tileset}),
 * and the tileset's limits, all for what the caller's audience may see.
 */
@Component
class OgcTilesets {

    static final String TILING_SCHEME = "http://www.opengis.net/def/rel/ogc/1.0/tiling-scheme";
    static final String GEODATA = "http://www.opengis.net/def/rel/ogc/1.0/geodata";
    static final String JSON = "application/json";
    private static final String CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";

    /** What a tileset holds: vector tiles under {@code …/tiles}, map tiles (images) under {@code …/map/tiles}. */
    enum DataType {
        VECTOR("vector", "/tiles", TileFormat.MVT),
        MAP("map", "/map/tiles", TileFormat.PNG);

        final String name;
        final String path;
        final TileFormat format;

        DataType(String name, String path, TileFormat format) {
            this.name = name;
            this.path = path;
            this.format = format;
        }
    }

    /** Whose tiles: the dataset ({@code /ogc}, the {@code all} set) or one collection. */
    record Origin(TileSet set, String path, String title) {

        static Origin dataset() {
            return new Origin(TileSet.ALL, "/ogc", "Luqiao Map: zones, projects and parcels");
        }

        static Origin collection(String id) {
            TileSet set = Layer.byName(id)
                    .flatMap(TileSet::containing)
                    .orElseThrow(() -> new NotFoundException("unknown collection '" + id
                            + "'; the collections with tiles are zones, projects and parcels"));
            return new Origin(set, "/ogc/collections/" + set.id(), set.id());
        }
    }

    private final TileStore store;
    private final TileExtents extents;
    private final double margin;

    OgcTilesets(TileStore store, TileExtents extents, TileSettings settings) {
        this.store = store;
        this.extents = extents;
        this.margin = settings.bufferFraction();
    }

    /** The limits of the origin's tileset at one tile matrix; empty (no limits) when the audience sees none of its rows. */
    Optional<WebMercatorQuad.Limits> limits(Origin origin, Audience audience, int tileMatrix) {
        return extents.of(origin.set(), audience)
                .map(e -> WebMercatorQuad.limits(e, margin).get(tileMatrix));
    }

    /** The tileset list: one tileset (in WebMercatorQuad), a subset of its metadata (/req/tilesets-list). */
    Map<String, Object> tilesets(Origin origin, DataType data) {
        String self = base() + origin.path() + data.path;
        Map<String, Object> tileset = new LinkedHashMap<>();
        tileset.put("title", title(origin, data));
        tileset.put("dataType", data.name);
        tileset.put("crs", WebMercatorQuad.CRS);
        tileset.put("tileMatrixSetURI", WebMercatorQuad.URI);
        List<Map<String, Object>> links = new ArrayList<>();
        links.add(link("self", JSON, self + "/" + WebMercatorQuad.ID));
        links.add(link(TILING_SCHEME, JSON, tileMatrixSetHref()));
        if (data == DataType.VECTOR) {
            links.add(StyleLink.at(base()));
        }
        tileset.put("links", links);
        return Map.of("links", List.of(link("self", JSON, self)), "tilesets", List.of(tileset));
    }

    /** The tileset metadata (2D TMS 2.0 JSON): limits, bounds, layers with their properties, the tile template. */
    Map<String, Object> tileset(Origin origin, DataType data, Audience audience) {
        String self = base() + origin.path() + data.path + "/" + WebMercatorQuad.ID;
        Map<String, Object> tileset = new LinkedHashMap<>();
        tileset.put("title", title(origin, data));
        tileset.put("dataType", data.name);
        tileset.put("crs", WebMercatorQuad.CRS);
        tileset.put("tileMatrixSetURI", WebMercatorQuad.URI);
        Optional<Envelope> extent = extents.of(origin.set(), audience);
        extent.ifPresent(e -> {
            tileset.put(
                    "tileMatrixSetLimits",
                    WebMercatorQuad.limits(e, margin).stream()
                            .map(WebMercatorQuad.Limits::json)
                            .toList());
            tileset.put("boundingBox", boundingBox(e));
        });
        tileset.put("mediaTypes", List.of(data.format.mediaType().toString()));
        if (data == DataType.VECTOR) {
            tileset.put(
                    "layers",
                    origin.set().layers().stream()
                            .map(layer -> layer(layer, audience))
                            .toList());
        }
        Map<String, Object> item =
                link("item", data.format.mediaType().toString(), self + "/{tileMatrix}/{tileRow}/{tileCol}");
        item.put("templated", true);
        List<Map<String, Object>> links = new ArrayList<>();
        links.add(link("self", JSON, self));
        links.add(link(TILING_SCHEME, JSON, tileMatrixSetHref()));
        links.add(item);
        if (origin.set() != TileSet.ALL) {
            links.add(link(GEODATA, JSON, base() + origin.path()));
        }
        // The map style draws the vector tiles; the map tiles are drawn already.
        if (data == DataType.VECTOR) {
            links.add(StyleLink.at(base()));
        }
        tileset.put("links", links);
        return tileset;
    }

    private Map<String, Object> layer(Layer layer, Audience audience) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("id", Map.of("type", "string"));
        TileAttributes attributes = store.attributes(layer, audience);
        attributes.fields().forEach(f -> properties.put(f.name(), Map.of("type", jsonSchemaType(f))));
        if (attributes.hasArea()) {
            properties.put(TileAttributes.AREA_MU, Map.of("type", "number"));
            properties.put(TileAttributes.AREA_HA, Map.of("type", "number"));
        }
        if (store.hasOverviews(layer)) { // at the overview zooms (README, "Zoom overviews")
            TileAttributes.OVERVIEW_ONLY.forEach(
                    (name, type) -> properties.put(name, Map.of("type", jsonSchemaType(type))));
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", layer.id());
        json.put("dataType", "vector");
        json.put("propertiesSchema", Map.of("type", "object", "properties", properties));
        json.put("links", List.of(link(GEODATA, JSON, base() + "/ogc/collections/" + layer.id())));
        return json;
    }

    private static String title(Origin origin, DataType data) {
        return origin.title() + (data == DataType.VECTOR ? " vector tiles" : " map tiles");
    }

    private static Map<String, Object> boundingBox(Envelope e) {
        return Map.of(
                "lowerLeft",
                List.of(e.getMinX(), e.getMinY()),
                "upperRight",
                List.of(e.getMaxX(), e.getMaxY()),
                "crs",
                CRS84);
    }

    private static String jsonSchemaType(Field f) {
        return jsonSchemaType(f.type());
    }

    private static String jsonSchemaType(FieldType type) {
        return switch (type) {
            case NUMBER -> "number";
            case BOOLEAN -> "boolean";
            case STRING, DATE -> "string";
        };
    }

    static String tileMatrixSetHref() {
        return base() + "/ogc/tileMatrixSets/" + WebMercatorQuad.ID;
    }

    static Map<String, Object> link(String rel, String type, String href) {
        Map<String, Object> link = new LinkedHashMap<>();
        link.put("rel", rel);
        link.put("type", type);
        link.put("href", href);
        return link;
    }

    static String base() {
        return ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
    }
}
