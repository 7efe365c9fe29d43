package luqiao.map.tiles;

import java.util.Arrays;

import luqiao.map.catalog.Audience;
import luqiao.map.web.NotFoundException;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * XYZ tiles: {@code /tiles/{set}/{z}/{x}/{y}.mvt}, {@code .png} (256 px) and {@code @2x.png} (512 px).
 * The tile coordinate is checked before anything else (400), then the set (404), then the
 * client's copy ({@code If-None-Match}, 304), and only then is a tile fetched or rendered.
 */
@RestController
class TileController {

    private final TileCache cache;
    private final CacheControl cacheControl;
    private final CacheControl privateCacheControl;

    TileController(TileCache cache, TileSettings settings) {
        this.cache = cache;
        this.cacheControl = CacheControl.maxAge(settings.maxAge()).cachePublic();
        this.privateCacheControl = CacheControl.maxAge(settings.maxAge()).cachePrivate();
    }

    @GetMapping("/tiles/{set}/{z}/{x}/{y}.mvt")
    ResponseEntity<byte[]> mvt(@PathVariable String set, @PathVariable int z, @PathVariable int x, @PathVariable int y,
                               @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
                               @RequestHeader(value = HttpHeaders.ACCEPT_ENCODING, required = false) String acceptEncoding,
                               Audience audience) {
        return respond(set, TileCoord.of(z, x, y), TileFormat.MVT, ifNoneMatch, acceptEncoding, audience);
    }

    @GetMapping("/tiles/{set}/{z}/{x}/{y}.png")
    ResponseEntity<byte[]> png(@PathVariable String set, @PathVariable int z, @PathVariable int x, @PathVariable int y,
                               @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
                               Audience audience) {
        return respond(set, TileCoord.of(z, x, y), TileFormat.PNG, ifNoneMatch, null, audience);
    }

    @GetMapping("/tiles/{set}/{z}/{x}/{y}@2x.png")
    ResponseEntity<byte[]> png2x(@PathVariable String set, @PathVariable int z, @PathVariable int x, @PathVariable int y,
                                 @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
                                 Audience audience) {
        return respond(set, TileCoord.of(z, x, y), TileFormat.PNG_2X, ifNoneMatch, null, audience);
    }

    /**
     * The tile answer, shared with the OGC API – Tiles route. The cache key holds the audience, so each
     * view has its own entries; only the public view may be kept by shared caches ({@code private} otherwise).
     */
    ResponseEntity<byte[]> respond(String setName, TileCoord coord, TileFormat format, String ifNoneMatch, String acceptEncoding,
                                   Audience audience) {
        TileSet set = set(setName);
        EncodedTile tile = cache.get(new TileRequest(set, coord, format, audience));
        boolean gzip = format.isVector() && tile.body().length > 0 && acceptsGzip(acceptEncoding);
        // The gzip bytes are another representation, so they get their own ETag (as nginx and Apache do).
        String etag = gzip ? tile.etag().replace("\"", "").concat("-gzip") : tile.etag().replace("\"", "");
        boolean unchanged = matches(ifNoneMatch, tile.etag()) || matches(ifNoneMatch, etag);
        ResponseEntity.BodyBuilder answer = unchanged
                ? ResponseEntity.status(HttpStatus.NOT_MODIFIED)
                : ResponseEntity.ok().contentType(format.mediaType());
        // Cross-origin use is decided by the CORS allowlist (luqiao.security.cors-origins), not here.
        answer.eTag("\"" + etag + "\"").cacheControl(audience.isPublic() ? cacheControl : privateCacheControl);
        if (format.isVector()) {
            answer.varyBy(HttpHeaders.ACCEPT_ENCODING);
        }
        if (unchanged) {
            return answer.build();
        }
        return gzip ? answer.header(HttpHeaders.CONTENT_ENCODING, "gzip").body(tile.gzipped()) : answer.body(tile.body());
    }

    static TileSet set(String name) {
        return TileSet.byName(name).orElseThrow(() ->
                new NotFoundException("unknown tile layer '" + name + "'; the layers are zones, projects, parcels and all"));
    }

    private static boolean acceptsGzip(String acceptEncoding) {
        return acceptEncoding != null && Arrays.stream(acceptEncoding.split(","))
                .map(String::trim).anyMatch(e -> e.equals("gzip") || (e.startsWith("gzip;") && !e.replace(" ", "").endsWith("q=0")));
    }

    /** {@code If-None-Match}: a list of ETags, weak or strong (weak comparison, RFC 9110), or {@code *}. */
    private static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        String opaque = etag.replace("\"", "");
        return Arrays.stream(ifNoneMatch.split(",")).map(String::trim)
                .anyMatch(t -> t.equals("*") || t.replaceFirst("^W/", "").replace("\"", "").equals(opaque));
    }
}
