package luqiao.map.tiles;

import java.time.Duration;
import java.util.Arrays;
import luqiao.map.catalog.Audience;
import org.springframework.http.CacheControl;

/**
 * How a tile is answered to one request, decided in one place for {@link TileController} and {@link CachedTileFilter}:
 * the gzip form to a client that accepts it (vector tiles only), the ETag of the form sent (the gzip bytes are another
 * representation, so they get their own ETag, as nginx and Apache do), and 304 when the client's
 * {@code If-None-Match} names the tile in either form.
 *
 * @param etag the quoted ETag of the form sent
 * @param body the bytes to send (none for a 304)
 */
record TileAnswer(boolean notModified, boolean gzip, String etag, byte[] body) {

    static TileAnswer of(EncodedTile tile, TileFormat format, String ifNoneMatch, String acceptEncoding) {
        boolean gzip = format.isVector() && tile.body().length > 0 && acceptsGzip(acceptEncoding);
        String opaque = gzip
                ? tile.etag().replace("\"", "").concat("-gzip")
                : tile.etag().replace("\"", "");
        boolean unchanged = matches(ifNoneMatch, tile.etag()) || matches(ifNoneMatch, opaque);
        return new TileAnswer(
                unchanged, gzip, "\"" + opaque + "\"", unchanged ? null : gzip ? tile.gzipped() : tile.body());
    }

    /** How long shared caches and browsers may keep a tile: only the public view may be kept by shared caches. */
    static CacheControl cacheControl(Duration maxAge, Audience audience) {
        return audience.isPublic()
                ? CacheControl.maxAge(maxAge).cachePublic()
                : CacheControl.maxAge(maxAge).cachePrivate();
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
