package luqiao.map.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The last filter before the dispatcher: hands it the request with its HTTP method read once. Spring MVC's
 * handler lookup asks every request mapping whose path is a pattern ({@code /ogc/collections/{id}/items},
 * the tiles) for the request's method, about a hundred times a request, and each time the call walks down
 * the half-dozen wrappers the filters before put around the request (firewall, session, security headers,
 * proxy headers, body bound), each with an interface cast that contends between threads on Java 17
 * (JDK-8180450): 10 to 19 % of the CPU of an OGC API items page in bench/features.sh's profiles.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
class RequestMethodFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(new MethodRead(request), response);
    }

    private static final class MethodRead extends HttpServletRequestWrapper {
        private final String method;

        MethodRead(HttpServletRequest request) {
            super(request);
            this.method = request.getMethod();
        }

        @Override
        public String getMethod() {
            return method;
        }
    }
}
