package luqiao.map.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import luqiao.map.store.DatabaseOutage;
import luqiao.map.web.JsonBodies;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * A request that failed because the database is out of reach (restarting, down, refusing connections,
 * or no pool connection within {@code spring.datasource.hikari.connection-timeout}) is answered
 * 503 problem+json with {@code Retry-After}: the client should come back, nothing is wrong with its
 * request. One WARN line names the cause; no stack trace is logged or sent. This runs before every
 * other exception handler, on every path (feature API, OGC API, tiles, exports, analyses, editing),
 * and declines anything else. A streamed answer (export) that failed before its first byte left the
 * server is reset first, so its download headers go too; one already under way cannot be turned into
 * a 503 and is left to break off, so the client sees a cut download rather than a complete-looking one.
 */
@Component
class DatabaseUnavailable implements HandlerExceptionResolver, Ordered {

    static final String RETRY_AFTER_SECONDS = "5";
    static final String TITLE = "Database unavailable";

    private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailable.class);

    private final JsonBodies json;

    DatabaseUnavailable(JsonBodies json) {
        this.json = json;
    }

    @Override
    public ModelAndView resolveException(
            HttpServletRequest request, HttpServletResponse response, Object handler, Exception e) {
        Optional<String> cause = DatabaseOutage.cause(e);
        if (cause.isEmpty()) {
            return null;
        }
        log.warn(
                "Database unavailable, {} {} answered 503: {}",
                request.getMethod(),
                request.getRequestURI(),
                response.isCommitted() ? cause.get() + " (the answer had begun and was broken off)" : cause.get());
        if (response.isCommitted()) {
            return null;
        }
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", TITLE);
        problem.put("status", HttpStatus.SERVICE_UNAVAILABLE.value());
        problem.put("detail", "the database cannot be reached just now; retry in " + RETRY_AFTER_SECONDS + " seconds");
        problem.put("instance", request.getRequestURI());
        byte[] body = json.bytes(problem);
        // Cross-origin headers were set before the handler ran: kept, so browsers may read the problem.
        List<Map.Entry<String, String>> cors = new ArrayList<>();
        for (String name : response.getHeaderNames()) {
            if (name.regionMatches(true, 0, "Access-Control-", 0, 15) || name.equalsIgnoreCase(HttpHeaders.VARY)) {
                response.getHeaders(name).forEach(v -> cors.add(Map.entry(name, v)));
            }
        }
        response.reset();
        cors.forEach(h -> response.addHeader(h.getKey(), h.getValue()));
        response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
        response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setContentLength(body.length);
        try {
            response.getOutputStream().write(body);
        } catch (IOException | IllegalStateException ignored) {
            // The client has gone, or the body was taken as a writer: nothing more to tell it.
        }
        return new ModelAndView();
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
