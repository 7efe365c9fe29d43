package luqiao.map.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import luqiao.map.web.InvalidParameterException;
import luqiao.map.web.RequestText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every request parameter (query string and form fields, names and values) is text the server can
 * store ({@link RequestText}: no NUL, no lone surrogate) before anything reads it, sign-in included:
 * otherwise a 400 problem naming the parameter. One check for every parameter, so no controller,
 * parser or SQL statement ever sees such a value on either backend.
 *
 * <p>Multipart bodies (uploads) are left to the import, which reads them itself: only their query
 * string is checked here, so this filter never parses an upload.
 */
class RequestTextFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(RequestTextFilter.class);

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            String contentType = request.getContentType();
            if (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
                RequestText.checkParameters(queryParameters(request.getQueryString()));
            } else {
                RequestText.checkParameters(request.getParameterMap());
            }
        } catch (InvalidParameterException e) {
            log.info(
                    "Refused {} {} from {}: {}",
                    request.getMethod(),
                    request.getRequestURI(),
                    request.getRemoteAddr(),
                    e.getMessage());
            Problems.write(response, 400, "Invalid parameter", e.getMessage(), e.parameter());
            return;
        }
        chain.doFilter(request, response);
    }

    private static Map<String, String[]> queryParameters(String query) {
        Map<String, String[]> parameters = new LinkedHashMap<>();
        if (query == null) {
            return parameters;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                parameters.merge(name, new String[] {value}, (a, b) -> java.util.stream.Stream.concat(
                                java.util.Arrays.stream(a), java.util.Arrays.stream(b))
                        .toArray(String[]::new));
            } catch (IllegalArgumentException malformed) {
                // A malformed escape: the servlet container's own parsing decides what it means.
            }
        }
        return parameters;
    }
}
