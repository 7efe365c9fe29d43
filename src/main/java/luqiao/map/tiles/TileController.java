package luqiao.map.tiles;

import java.time.LocalDate;
import luqiao.map.catalog.Audience;
import luqiao.map.catalog.Layer;
import luqiao.map.web.AsOf;
import luqiao.map.web.InvalidParameterException;
import luqiao.map.web.NotFoundException;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * XYZ tiles: {@code /tiles/{set}/{z}/{x}/{y}.mvt}, {@code .png} (256 px) and {@code @2x.png} (512 px).
 * The tile coordinate is checked before anything else (400), then the set (404), then the
 * client's copy ({@code If-None-Match}, 304), and only then is a tile fetched or rendered. Cached public tiles are
 * mostly answered before a request gets here, the same way ({@link CachedTileFilter}).
 */
@RestController
public class TileController {

    private final TileCache cache;
    private final CacheControl cacheControl;
    private final CacheControl privateCacheControl;

    TileController(TileCache cache, TileSettings settings) {
        this.cache = cache;
        this.cacheControl = TileAnswer.cacheControl(settings.maxAge(), Audience.PUBLIC);
        this.privateCacheControl = TileAnswer.cacheControl(settings.maxAge(), Audience.STAFF);
    }

    @GetMapping("/tiles/{set}/{z}/{x}/{y}.mvt")
    ResponseEntity<byte[]> mvt(
            @PathVariable String set,
            @PathVariable int z,
            @PathVariable int x,
            @PathVariable int y,
            @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
            @RequestHeader(value = HttpHeaders.ACCEPT_ENCODING, required = false) String acceptEncoding,
            @RequestParam(name = AsOf.PARAMETER, required = false) String asOf,
            Audience audience) {
        return respond(set, TileCoord.of(z, x, y), TileFormat.MVT, ifNoneMatch, acceptEncoding, audience, asOf);
    }

    @GetMapping("/tiles/{set}/{z}/{x}/{y}.png")
    ResponseEntity<byte[]> png(
            @PathVariable String set,
            @PathVariable int z,
            @PathVariable int x,
            @PathVariable int y,
            @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
            @RequestParam(name = AsOf.PARAMETER, required = false) String asOf,
            Audience audience) {
        return respond(set, TileCoord.of(z, x, y), TileFormat.PNG, ifNoneMatch, null, audience, asOf);
    }

    @GetMapping("/tiles/{set}/{z}/{x}/{y}@2x.png")
    ResponseEntity<byte[]> png2x(
            @PathVariable String set,
            @PathVariable int z,
            @PathVariable int x,
            @PathVariable int y,
            @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
            @RequestParam(name = AsOf.PARAMETER, required = false) String asOf,
            Audience audience) {
        return respond(set, TileCoord.of(z, x, y), TileFormat.PNG_2X, ifNoneMatch, null, audience, asOf);
    }

    /**
     * The tile answer, shared with the OGC API – Tiles route. The cache key holds the audience, so each
     * view has its own entries; only the public view may be kept by shared caches ({@code private} otherwise).
     */
    ResponseEntity<byte[]> respond(
            String setName,
            TileCoord coord,
            TileFormat format,
            String ifNoneMatch,
            String acceptEncoding,
            Audience audience) {
        return respond(setName, coord, format, ifNoneMatch, acceptEncoding, audience, null);
    }

    /**
     * {@link #respond} of the projects as they stood on {@code asOfText} ({@code asOf}, null: now). A tile
     * as of today may change before the day is over, so clients revalidate it (ETag) every time.
     */
    ResponseEntity<byte[]> respond(
            String setName,
            TileCoord coord,
            TileFormat format,
            String ifNoneMatch,
            String acceptEncoding,
            Audience audience,
            String asOfText) {
        return respond(TileGrid.WEB_MERCATOR, setName, coord, format, ifNoneMatch, acceptEncoding, audience, asOfText);
    }

    /**
     * {@link #respond} of a tile of any grid (the WMTS's tile matrix sets), through the same cache, audience
     * rules and caching headers. The tile must be in the grid ({@link TileGrid#contains}).
     */
    public ResponseEntity<byte[]> respond(
            TileGrid grid,
            String setName,
            TileCoord coord,
            TileFormat format,
            String ifNoneMatch,
            String acceptEncoding,
            Audience audience,
            String asOfText) {
        TileSet set = set(setName);
        LocalDate asOf = AsOf.parse(asOfText);
        if (asOf != null && set.layers().stream().noneMatch(Layer::hasHistory)) {
            throw new InvalidParameterException(
                    AsOf.PARAMETER,
                    AsOf.PARAMETER + " applies to the projects and all tiles; " + set.id()
                            + " have no recorded history");
        }
        EncodedTile tile = cache.get(new TileRequest(set, grid, coord, format, audience, asOf));
        TileAnswer answer = TileAnswer.of(tile, format, ifNoneMatch, acceptEncoding);
        ResponseEntity.BodyBuilder response = answer.notModified()
                ? ResponseEntity.status(HttpStatus.NOT_MODIFIED)
                : ResponseEntity.ok().contentType(format.mediaType());
        // Cross-origin use is decided by the CORS allowlist (luqiao.security.cors-origins), not here.
        boolean today = asOf != null && asOf.equals(AsOf.today());
        response.eTag(answer.etag())
                .cacheControl(today ? revalidate(audience) : audience.isPublic() ? cacheControl : privateCacheControl);
        if (format.isVector()) {
            response.varyBy(HttpHeaders.ACCEPT_ENCODING);
        }
        if (answer.notModified()) {
            return response.build();
        }
        if (answer.body().length == 0) {
            // Tomcat ends a response once its Content-Length is written, and a write of no bytes reaches 0 at once,
            // before Spring Security writes its headers (it writes them as the answer is sent, and an empty answer
            // never counts as sent in full there): without a write they go out as on every other answer.
            return response.contentLength(0).build();
        }
        return answer.gzip()
                ? response.header(HttpHeaders.CONTENT_ENCODING, "gzip").body(answer.body())
                : response.body(answer.body());
    }

    private static CacheControl revalidate(Audience audience) {
        return audience.isPublic()
                ? CacheControl.noCache().cachePublic()
                : CacheControl.noCache().cachePrivate();
    }

    static TileSet set(String name) {
        return TileSet.byName(name)
                .orElseThrow(() -> new NotFoundException(
                        "unknown tile layer '" + name + "'; the layers are zones, projects, parcels and all"));
    }
}
