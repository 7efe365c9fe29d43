package luqiao.map.tiles;

import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.ServerHttpObservationFilter;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.handler.AbstractHandlerMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The XYZ tile URLs' own route, ahead of the annotated ones: Spring MVC finds the handler of a URL with path
 * variables by trying every pattern mapping of the application against it, which was about a third of the
 * server's CPU per cached tile (JFR, bench/run.sh's warm tiles). This reads {@code /tiles/{set}/{z}/{x}/{y}.mvt},
 * {@code .png} and {@code @2x.png} directly and hands the request to {@link TileController}'s very methods,
 * with the same path variables and best-matching pattern (the request metrics' route); any other URL goes on to the
 * annotated mappings, as before.
 */
@Component
class TileRoutes extends AbstractHandlerMapping {

    /** The formats by URL suffix, longest first: "@2x.png" ends in ".png" too. */
    private static final List<TileFormat> BY_SUFFIX = List.of(TileFormat.PNG_2X, TileFormat.PNG, TileFormat.MVT);

    private final ApplicationContext context;
    private volatile Map<String, HandlerMethod> handlers;

    TileRoutes(ApplicationContext context) {
        this.context = context;
        setOrder(Ordered.HIGHEST_PRECEDENCE);
    }

    @Override
    protected Object getHandlerInternal(HttpServletRequest request) {
        String method = request.getMethod();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            return null;
        }
        String path = initLookupPath(request);
        if (!path.startsWith("/tiles/")) {
            return null;
        }
        String[] parts = path.split("/", -1);
        if (parts.length != 6) {
            return null;
        }
        String last = parts[5];
        TileFormat format = format(last);
        if (format == null) {
            return null;
        }
        String pattern = pattern(format);
        request.setAttribute(
                HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE,
                Map.of(
                        "set", parts[2],
                        "z", parts[3],
                        "x", parts[4],
                        "y", last.substring(0, last.length() - format.suffix().length())));
        request.setAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, pattern);
        request.setAttribute(HandlerMapping.PATH_WITHIN_HANDLER_MAPPING_ATTRIBUTE, path);
        routed(request, pattern);
        return handlers().get(pattern);
    }

    /** The URL pattern of the format's XYZ tiles, as TileController maps them. */
    static String pattern(TileFormat format) {
        return "/tiles/{set}/{z}/{x}/{y}" + format.suffix();
    }

    /** The format a tile URL's last segment ({y} and the suffix) names, or null. */
    static TileFormat format(String last) {
        for (TileFormat format : BY_SUFFIX) {
            if (last.endsWith(format.suffix())
                    && last.length() > format.suffix().length()) {
                return format;
            }
        }
        return null;
    }

    /** The request metrics' route (http.server.requests' uri), as the annotated mappings set it. */
    static void routed(HttpServletRequest request, String pattern) {
        ServerHttpObservationFilter.findObservationContext(request)
                .ifPresent(observation -> observation.setPathPattern(pattern));
    }

    /** TileController's handler methods by pattern, as the annotated mappings hold them (read once, on first use). */
    private Map<String, HandlerMethod> handlers() {
        Map<String, HandlerMethod> found = handlers;
        if (found == null) {
            Map<RequestMappingInfo, HandlerMethod> all = context.getBean(
                            "requestMappingHandlerMapping", RequestMappingHandlerMapping.class)
                    .getHandlerMethods();
            found = new HashMap<>();
            for (Map.Entry<RequestMappingInfo, HandlerMethod> e : all.entrySet()) {
                for (String pattern : e.getKey().getPatternValues()) {
                    if (BY_SUFFIX.stream().anyMatch(f -> pattern(f).equals(pattern))) {
                        found.put(pattern, e.getValue().createWithResolvedBean());
                    }
                }
            }
            if (found.size() != BY_SUFFIX.size()) {
                throw new IllegalStateException("TileController no longer maps "
                        + BY_SUFFIX.stream().map(TileRoutes::pattern).toList() + ": found " + found.keySet());
            }
            handlers = found;
        }
        return found;
    }
}
