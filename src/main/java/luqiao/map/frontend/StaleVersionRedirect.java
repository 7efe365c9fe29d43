package luqiao.map.frontend;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A file asked for under another release's version ({@code /app/<old hash>/js/zonepanel.js}) is
 * redirected to this release's: a page opened before a new release still finds the modules it loads
 * lazily, instead of a 404. The redirect itself is not cached.
 */
@Component
class StaleVersionRedirect extends OncePerRequestFilter {

    private static final String PREFIX = "/app/";

    private final FrontendFiles files;

    StaleVersionRedirect(FrontendFiles files) {
        this.files = files;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !path(request).startsWith(PREFIX);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String rest = path(request).substring(PREFIX.length());
        int slash = rest.indexOf('/');
        if (slash <= 0 || rest.substring(0, slash).equals(files.version())) {
            chain.doFilter(request, response);
            return;
        }
        response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noCache().getHeaderValue());
        response.sendRedirect(request.getContextPath() + files.versionedUrl(rest.substring(slash + 1)));
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }
}
