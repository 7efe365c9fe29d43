package luqiao.map.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import luqiao.map.store.replicas.ConditionalOnReplicas;
import luqiao.map.store.replicas.ReplicaReads;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * With read replicas configured: a GET or HEAD by nobody signed in (tiles, items, analysis, statistics, embeds,
 * styles, pages) is an anonymous read, whose queries may run on a replica ({@link ReplicaReads}). Everything else
 * runs on the primary: writes, and every request of a signed-in user, so that users always read their own writes
 * (at the cost of sending their reads to the primary). Health probes stay on the primary too: readiness speaks
 * for the primary, and the replicas have their own component.
 *
 * <p>A servlet filter after Spring Security's chain (Boot registers it last), so the user is known.
 */
@Component
@ConditionalOnReplicas
class ReplicaReadFilter extends OncePerRequestFilter {

    private final AuthenticationTrustResolver trust = new AuthenticationTrustResolverImpl();

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!anonymousRead(request)) {
            chain.doFilter(request, response);
            return;
        }
        try (ReplicaReads.Scope read = ReplicaReads.open()) {
            chain.doFilter(request, response);
        }
    }

    private boolean anonymousRead(HttpServletRequest request) {
        String method = request.getMethod();
        if (!("GET".equals(method) || "HEAD".equals(method))
                || request.getRequestURI().startsWith(request.getContextPath() + "/actuator")) {
            return false;
        }
        Authentication user = SecurityContextHolder.getContext().getAuthentication();
        return user == null || trust.isAnonymous(user) || !user.isAuthenticated();
    }
}
