package luqiao.map.tiles;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import luqiao.map.catalog.Audience;
import luqiao.map.security.PublicShortcut;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * Cached public tiles answered ahead of the security chain and Spring MVC, which cost the server about four times
 * nginx's CPU per cached tile (bench/README.md, warm MVT); the answer is the one {@link TileController} gives, header
 * for header. Only a plain anonymous GET of an XYZ tile URL ({@code /tiles/{set}/{z}/{x}/{y}.mvt}, {@code .png},
 * {@code @2x.png}) whose public tile the cache holds is answered here; every other request, and every miss, goes on
 * unchanged.
 *
 * <p>Plain means that the chain could only take it for an anonymous read ({@link PublicShortcut#qualifies}: no
 * cookie, no credentials, no {@code Origin}, no body), so the public tile is the caller's, and that nothing in it asks
 * for more than the tile: no query string ({@code asOf} has its own cache entries), no {@code If-Match} (Spring MVC
 * answers a mismatch 412), a path of known set name and decimal numbers only, and {@code If-None-Match} and {@code
 * Accept-Encoding} of printable ASCII (anything else is for the chain's firewall to judge). The client's rate limit
 * applies as on the normal path (over it, the chain answers the 429); the request metrics are recorded by the
 * observation filter before this one, under the tile route; the cache counts the hit.
 *
 * <p>Registered after the body bound, the proxy headers (the client address the rate limit counts, the scheme that
 * decides HSTS) and the request metrics, before everything else.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class CachedTileFilter implements Filter {

    private static final String PREFIX = "/tiles/";
    /** Decimal digits in a tile coordinate: 2^22 (the deepest zoom's tile count) has seven. */
    private static final int MAX_DIGITS = 7;

    private final TileCache cache;
    private final PublicShortcut shortcut;
    private final String cacheControl;

    CachedTileFilter(TileCache cache, PublicShortcut shortcut, TileSettings settings) {
        this.cache = cache;
        this.shortcut = shortcut;
        this.cacheControl =
                TileAnswer.cacheControl(settings.maxAge(), Audience.PUBLIC).getHeaderValue();
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest http
                && response instanceof HttpServletResponse answer
                && answered(http, answer))) {
            chain.doFilter(request, response);
        }
    }

    private boolean answered(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getQueryString() != null
                || request.getHeader(HttpHeaders.IF_MATCH) != null
                || !printable(request.getHeader(HttpHeaders.IF_NONE_MATCH))
                || !printable(request.getHeader(HttpHeaders.ACCEPT_ENCODING))
                || !shortcut.qualifies(request)) {
            return false;
        }
        TileRequest tile = publicTile(request.getRequestURI(), request.getContextPath());
        EncodedTile cached = tile == null ? null : cache.peek(tile);
        if (cached == null || !shortcut.admits(request)) {
            return false;
        }
        cache.hit(tile);
        TileFormat format = tile.format();
        TileRoutes.routed(request, TileRoutes.pattern(format));
        TileAnswer answer = TileAnswer.of(
                cached,
                format,
                request.getHeader(HttpHeaders.IF_NONE_MATCH),
                request.getHeader(HttpHeaders.ACCEPT_ENCODING));
        shortcut.writeHeadersBefore(request, response);
        // TileController's headers, in the order its ResponseEntity reaches the response.
        if (answer.notModified()) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            response.setHeader(HttpHeaders.ETAG, answer.etag());
            response.setHeader(HttpHeaders.CACHE_CONTROL, cacheControl);
            varyByEncoding(response, format);
            shortcut.writeHeadersAfter(request, response);
            return true;
        }
        response.setHeader(HttpHeaders.CACHE_CONTROL, cacheControl);
        varyByEncoding(response, format);
        if (answer.gzip()) {
            response.setHeader(HttpHeaders.CONTENT_ENCODING, "gzip");
        }
        response.setHeader(HttpHeaders.ETAG, answer.etag());
        shortcut.writeHeadersAfter(request, response);
        response.setContentType(format.mediaType().toString());
        response.setContentLength(answer.body().length);
        response.getOutputStream().write(answer.body());
        return true;
    }

    private static void varyByEncoding(HttpServletResponse response, TileFormat format) {
        if (format.isVector()) {
            response.addHeader(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
        }
    }

    /**
     * The public tile of a plain XYZ tile URL, {@code /tiles/{set}/{z}/{x}/{y}{suffix}} with a known set and decimal
     * coordinates of the grid; null for any other URL (the normal path answers it, or tells what is wrong with it).
     */
    static TileRequest publicTile(String uri, String contextPath) {
        if (!uri.startsWith(PREFIX, contextPath.length()) || !uri.startsWith(contextPath)) {
            return null;
        }
        int set = contextPath.length() + PREFIX.length();
        int z = uri.indexOf('/', set) + 1;
        int x = z == 0 ? 0 : uri.indexOf('/', z) + 1;
        int y = x == 0 ? 0 : uri.indexOf('/', x) + 1;
        if (y == 0 || uri.indexOf('/', y) >= 0) {
            return null;
        }
        TileFormat format = TileRoutes.format(uri.substring(y));
        TileSet tileSet = TileSet.byName(uri.substring(set, z - 1)).orElse(null);
        if (format == null || tileSet == null) {
            return null;
        }
        int zoom = number(uri, z, x - 1);
        int column = number(uri, x, y - 1);
        int row = number(uri, y, uri.length() - format.suffix().length());
        if (zoom < 0 || zoom > TileCoord.MAX_ZOOM || column < 0 || column >= 1 << zoom || row < 0 || row >= 1 << zoom) {
            return null;
        }
        return new TileRequest(tileSet, TileCoord.of(zoom, column, row), format, Audience.PUBLIC);
    }

    /** The decimal number from {@code from} to {@code to}, or -1 when that is not one. */
    private static int number(String text, int from, int to) {
        if (to <= from || to - from > MAX_DIGITS) {
            return -1;
        }
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    /** Absent, or visible ASCII and spaces only. */
    private static boolean printable(String header) {
        if (header == null) {
            return true;
        }
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (c < ' ' || c > '~') {
                return false;
            }
        }
        return true;
    }
}
