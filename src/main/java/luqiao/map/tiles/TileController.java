package luqiao.map.tiles;

import java.time.LocalDate;
import java.util.Arrays;
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
 * client's copy ({@code If-None-Match}, 304), and only then is a tile fetched or rendered.
 */
@RestController
public class TileController {

    private final TileCache cache;
    private final CacheControl cacheControl;
    private final CacheControl privateCacheControl;

    TileController(TileCache cache, TileSettings settings) {
        this.cache = cache;
        this.cacheControl = CacheControl.maxAge(settings.maxAge()).cachePublic();
        this.privateCacheControl = CacheControl.maxAge(settings.maxAge()).cachePrivate();
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
        boolean gzip = format.isVector() && tile.body().length > 0 && acceptsGzip(acceptEncoding);
        // The gzip bytes are another representation, so they get their own ETag (as nginx and Apache do).
        String etag = gzip
                ? tile.etag().replace("\"", "").concat("-gzip")
                : tile.etag().replace("\"", "");
        boolean unchanged = matches(ifNoneMatch, tile.etag()) || matches(ifNoneMatch, etag);
        ResponseEntity.BodyBuilder answer = unchanged
                ? ResponseEntity.status(HttpStatus.NOT_MODIFIED)
                : ResponseEntity.ok().contentType(format.mediaType());
        // Cross-origin use is decided by the CORS allowlist (luqiao.security.cors-origins), not here.
        boolean today = asOf != null && asOf.equals(AsOf.today());
        answer.eTag("\"" + etag + "\"")
                .cacheControl(today ? revalidate(audience) : audience.isPublic() ? cacheControl : privateCacheControl);
        if (format.isVector()) {
            answer.varyBy(HttpHeaders.ACCEPT_ENCODING);
        }
        if (unchanged) {
            return answer.build();
        }
        return gzip
                ? answer.header(HttpHeaders.CONTENT_ENCODING, "gzip").body(tile.gzipped())
                : answer.body(tile.body());
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

    private static boolean acceptsGzip(String acceptEncoding) {
        return acceptEncoding != null
                && Arrays.stream(acceptEncoding.split(","))
                        .map(String::trim)
                        .anyMatch(e -> e.equals("gzip")
                                || (e.startsWith("gzip;") && !e.replace(" ", "").endsWith("q=0")));
    }

    /** {@code If-None-Match}: a list of ETags, weak or strong (weak comparison, RFC 9110), or {@code *}. */
    private static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        String opaque = etag.replace("\"", "");
        return Arrays.stream(ifNoneMatch.split(","))
                .map(String::trim)
                .anyMatch(t -> t.equals("*")
                        || t.replaceFirst("^W/", "").replace("\"", "").equals(opaque));
    }
}
