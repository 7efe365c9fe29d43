package luqiao.map.tiles;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import luqiao.map.catalog.Audience;
import luqiao.map.tiles.OgcTilesets.DataType;
import luqiao.map.tiles.OgcTilesets.Origin;
import luqiao.map.web.InvalidParameterException;
import luqiao.map.web.NotFoundException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * OGC API – Tiles 1.0 over the tiles of {@link TileController}: the tile matrix set, and for the dataset
 * (the {@code all} set, {@code /ogc/tiles}) and each collection ({@code /ogc/collections/{id}/tiles})
 * a list of tilesets, the tileset metadata and the tiles, as vector tiles (MVT) and, under
 * {@code …/map/tiles}, as map tiles (PNG). Tiles are addressed {@code {tileMatrix}/{tileRow}/{tileCol}},
 * i.e. z/y/x: row before column, unlike XYZ URLs. A tile outside the set's {@code tileMatrixSetLimits}
 * (the tiles that hold what the caller may see) is a 404, as the standard's {@code /req/core/tc-error} asks.
 */
@RestController
class OgcTilesController {

    private static final String JSON = OgcTilesets.JSON;

    private final OgcTilesets tilesets;
    private final TileController tiles;

    OgcTilesController(OgcTilesets tilesets, TileController tiles) {
        this.tilesets = tilesets;
        this.tiles = tiles;
    }

    @GetMapping(value = "/ogc/tileMatrixSets", produces = JSON)
    Map<String, Object> tileMatrixSets() {
        Map<String, Object> tms = new LinkedHashMap<>();
        tms.put("id", WebMercatorQuad.ID);
        tms.put("title", WebMercatorQuad.TITLE);
        tms.put("uri", WebMercatorQuad.URI);
        tms.put("crs", WebMercatorQuad.CRS);
        tms.put("links", List.of(OgcTilesets.link("self", JSON, OgcTilesets.tileMatrixSetHref())));
        return Map.of(
                "links",
                List.of(OgcTilesets.link("self", JSON, OgcTilesets.base() + "/ogc/tileMatrixSets")),
                "tileMatrixSets",
                List.of(tms));
    }

    @GetMapping(value = "/ogc/tileMatrixSets/{id}", produces = JSON)
    Map<String, Object> tileMatrixSet(@PathVariable String id) {
        tms(id);
        return WebMercatorQuad.definition();
    }

    // ---------------------------------------------------------------- the dataset (the all set)

    @GetMapping(value = "/ogc/tiles", produces = JSON)
    Map<String, Object> datasetVectorTilesets() {
        return tilesets.tilesets(Origin.dataset(), DataType.VECTOR);
    }

    @GetMapping(value = "/ogc/tiles/{tms}", produces = JSON)
    Map<String, Object> datasetVectorTileset(@PathVariable String tms, Audience audience) {
        tms(tms);
        return tilesets.tileset(Origin.dataset(), DataType.VECTOR, audience);
    }

    @GetMapping("/ogc/tiles/{tms}/{tileMatrix}/{tileRow}/{tileCol}")
    ResponseEntity<byte[]> datasetVectorTile(
            @PathVariable String tms,
            @PathVariable int tileMatrix,
            @PathVariable int tileRow,
            @PathVariable int tileCol,
            @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
            @RequestHeader(value = HttpHeaders.ACCEPT_ENCODING, required = false) String acceptEncoding,
            Audience audience) {
        return tile(
                Origin.dataset(),
                DataType.VECTOR,
                tms,
                coord(tileMatrix, tileRow, tileCol),
                ifNoneMatch,
                acceptEncoding,
                audience);
    }

    @GetMapping(value = "/ogc/map/tiles", produces = JSON)
    Map<String, Object> datasetMapTilesets() {
        return tilesets.tilesets(Origin.dataset(), DataType.MAP);
    }

    @GetMapping(value = "/ogc/map/tiles/{tms}", produces = JSON)
    Map<String, Object> datasetMapTileset(@PathVariable String tms, Audience audience) {
        tms(tms);
        return tilesets.tileset(Origin.dataset(), DataType.MAP, audience);
    }

    @GetMapping("/ogc/map/tiles/{tms}/{tileMatrix}/{tileRow}/{tileCol}")
    ResponseEntity<byte[]> datasetMapTile(
            @PathVariable String tms,
            @PathVariable int tileMatrix,
            @PathVariable int tileRow,
            @PathVariable int tileCol,
            @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
            Audience audience) {
        return tile(
                Origin.dataset(), DataType.MAP, tms, coord(tileMatrix, tileRow, tileCol), ifNoneMatch, null, audience);
    }

    // ---------------------------------------------------------------- one collection

    @GetMapping(value = "/ogc/collections/{collection}/tiles", produces = JSON)
    Map<String, Object> vectorTilesets(@PathVariable String collection) {
        return tilesets.tilesets(Origin.collection(collection), DataType.VECTOR);
    }

    @GetMapping(value = "/ogc/collections/{collection}/tiles/{tms}", produces = JSON)
    Map<String, Object> vectorTileset(@PathVariable String collection, @PathVariable String tms, Audience audience) {
        tms(tms);
        return tilesets.tileset(Origin.collection(collection), DataType.VECTOR, audience);
    }

    @GetMapping("/ogc/collections/{collection}/tiles/{tms}/{tileMatrix}/{tileRow}/{tileCol}")
    ResponseEntity<byte[]> vectorTile(
            @PathVariable String collection,
            @PathVariable String tms,
            @PathVariable int tileMatrix,
            @PathVariable int tileRow,
            @PathVariable int tileCol,
            @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
            @RequestHeader(value = HttpHeaders.ACCEPT_ENCODING, required = false) String acceptEncoding,
            Audience audience) {
        return tile(
                Origin.collection(collection),
                DataType.VECTOR,
                tms,
                coord(tileMatrix, tileRow, tileCol),
                ifNoneMatch,
                acceptEncoding,
                audience);
    }

    @GetMapping(value = "/ogc/collections/{collection}/map/tiles", produces = JSON)
    Map<String, Object> mapTilesets(@PathVariable String collection) {
        return tilesets.tilesets(Origin.collection(collection), DataType.MAP);
    }

    @GetMapping(value = "/ogc/collections/{collection}/map/tiles/{tms}", produces = JSON)
    Map<String, Object> mapTileset(@PathVariable String collection, @PathVariable String tms, Audience audience) {
        tms(tms);
        return tilesets.tileset(Origin.collection(collection), DataType.MAP, audience);
    }

    @GetMapping("/ogc/collections/{collection}/map/tiles/{tms}/{tileMatrix}/{tileRow}/{tileCol}")
    ResponseEntity<byte[]> mapTile(
            @PathVariable String collection,
            @PathVariable String tms,
            @PathVariable int tileMatrix,
            @PathVariable int tileRow,
            @PathVariable int tileCol,
            @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
            Audience audience) {
        return tile(
                Origin.collection(collection),
                DataType.MAP,
                tms,
                coord(tileMatrix, tileRow, tileCol),
                ifNoneMatch,
                null,
                audience);
    }

    private ResponseEntity<byte[]> tile(
            Origin origin,
            DataType data,
            String tms,
            TileCoord coord,
            String ifNoneMatch,
            String acceptEncoding,
            Audience audience) {
        tms(tms);
        tilesets.limits(origin, audience, coord.z()).ifPresent(limits -> {
            if (!limits.contains(coord)) {
                throw new NotFoundException("no tile at tileMatrix " + coord.z() + ", tileRow " + coord.y()
                        + ", tileCol " + coord.x() + ": the tileset's limits at this tileMatrix are rows "
                        + limits.minTileRow() + "–" + limits.maxTileRow() + ", columns " + limits.minTileCol() + "–"
                        + limits.maxTileCol());
            }
        });
        return tiles.respond(origin.set().id(), coord, data.format, ifNoneMatch, acceptEncoding, audience);
    }

    /** The tile, its coordinate checked as the XYZ routes check it, but naming the OGC parameter. */
    private static TileCoord coord(int tileMatrix, int tileRow, int tileCol) {
        try {
            return TileCoord.of(tileMatrix, tileCol, tileRow);
        } catch (InvalidParameterException e) {
            String name =
                    switch (e.parameter()) {
                        case "z" -> "tileMatrix";
                        case "x" -> "tileCol";
                        default -> "tileRow";
                    };
            throw new InvalidParameterException(name, e.getMessage().replaceFirst("^[xyz]", name));
        }
    }

    private static void tms(String id) {
        if (!WebMercatorQuad.ID.equals(id)) {
            throw new NotFoundException(
                    "unknown tile matrix set '" + id + "'; this server offers " + WebMercatorQuad.ID);
        }
    }
}
