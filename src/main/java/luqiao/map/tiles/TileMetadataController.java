package luqiao.map.tiles;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import luqiao.map.catalog.Audience;
import luqiao.map.catalog.Field;
import luqiao.map.catalog.FieldType;
import luqiao.map.catalog.Layer;
import luqiao.map.store.tiles.TileAttributes;
import luqiao.map.store.tiles.TileStore;
import luqiao.map.tiles.style.StyleLink;
import org.locationtech.jts.geom.Envelope;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** TileJSON 3.0.0 per tile set, for clients of the XYZ tiles (OGC API – Tiles: {@link OgcTilesController}). */
@RestController
class TileMetadataController {

    private final TileStore store;
    private final TileExtents extents;

    TileMetadataController(TileStore store, TileExtents extents) {
        this.store = store;
        this.extents = extents;
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
        Envelope bounds = bounds(s, audience);
        json.put("bounds", List.of(bounds.getMinX(), bounds.getMinY(), bounds.getMaxX(), bounds.getMaxY()));
        json.put("center", List.of(bounds.centre().getX(), bounds.centre().getY(), 12));
        json.put("vector_layers", vectorLayers(store, s, audience));
        // TileJSON 3.0 has no member for a style; clients keep unknown members, so the link rides as OGC links do.
        json.put("links", List.of(StyleLink.at(base())));
        return json;
    }

    /** TileJSON's {@code vector_layers}: each layer of the set with the fields the audience sees in its tiles. */
    static List<Map<String, Object>> vectorLayers(TileStore store, TileSet set, Audience audience) {
        List<Map<String, Object>> layers = new ArrayList<>();
        for (Layer layer : set.layers()) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("id", "String");
            TileAttributes attributes = store.attributes(layer, audience);
            attributes.fields().forEach(f -> fields.put(f.name(), tileJsonType(f)));
            if (attributes.hasArea()) {
                fields.put(TileAttributes.AREA_MU, "Number");
                fields.put(TileAttributes.AREA_HA, "Number");
            }
            if (store.hasOverviews(layer)) { // at the overview zooms (README, "Zoom overviews")
                TileAttributes.OVERVIEW_ONLY.forEach((name, type) -> fields.put(name, tileJsonType(type)));
            }
            layers.add(Map.of("id", layer.id(), "fields", fields, "minzoom", 0, "maxzoom", TileCoord.MAX_ZOOM));
        }
        return layers;
    }

    private Envelope bounds(TileSet set, Audience audience) {
        return extents.of(set, audience)
                .orElse(new Envelope(-180, 180, -WebMercator.MAX_LATITUDE, WebMercator.MAX_LATITUDE));
    }

    private static String tileJsonType(Field f) {
        return tileJsonType(f.type());
    }

    private static String tileJsonType(FieldType type) {
        return switch (type) {
            case NUMBER -> "Number";
            case BOOLEAN -> "Boolean";
            case STRING, DATE -> "String";
        };
    }

    private static String base() {
        return ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
    }
}
