package luqiao.map.security;

import static org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher.pathPattern;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import luqiao.map.config.LuqiaoProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * Who may call what, how they sign in, and the headers that keep the application out of other sites'
 * frames. What each caller <em>sees</em> is decided elsewhere ({@link AccessPolicy} → {@code Audience});
 * here reads are open to everyone and every write needs a role.
 *
 * <ul>
 *   <li>Sign-in: form login ({@code /login}, session cookie) for the web map; HTTP Basic and bearer API
 *       tokens for programs (no session).</li>
 *   <li>CSRF: required on every state-changing request that could ride on the session cookie; requests
 *       their own bearer token or Basic credentials signed in ({@link AuthorizationHeaderFilter}), and the
 *       read-only analysis POSTs, are exempt. Merely carrying an {@code Authorization} header is not enough.</li>
 *   <li>Errors: 401, 403, 429 and rejected requests are RFC 9457 problems.</li>
 * </ul>
 */
@Configuration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class SecurityConfig {

    /** Each layer's writes: the editing API and OGC API – Features Part 4 on its collection, the same roles. */
    static final String[] STATE_CHANGING_PARCELS = {
        "/api/parcels", "/api/parcels/**", "/ogc/collections/parcels/items", "/ogc/collections/parcels/items/**"
    };

    static final String[] STATE_CHANGING_PROJECTS = {
        "/api/projects", "/api/projects/**", "/ogc/collections/projects/items", "/ogc/collections/projects/items/**"
    };
    static final String[] STATE_CHANGING_ZONES = {
        "/api/zones", "/api/zones/**", "/ogc/collections/zones/items", "/ogc/collections/zones/items/**"
    };

    /**
     * 一线督战 (issue #16): site visits, photos, problems and their figures; every method, for inspectors, planners
     * and administrators only. Never public: anonymous callers get 401.
     */
    static final String[] INSPECTION = {
        "/api/inspections",
        "/api/inspections/**",
        "/api/inspections.geojson",
        "/api/problems",
        "/api/problems/**",
        "/api/projects/*/inspection-summary",
        "/api/dashboard/problems",
        "/api/dashboard/problems.csv",
        "/api/dashboard/duzhan",
        "/api/dashboard/duzhan.csv"
    };

    /**
     * No observations of Spring Security's own filters, sign-ins and access decisions: with a metrics registry
     * present it otherwise wraps each of its dozen filters in a timed observation on every request, a tenth of
     * the server's CPU on an OGC API items page (bench/README.md). Request latency per route is still measured
     * ({@code http.server.requests}), and sign-ins are in the audit log.
     */
    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    AuditedAuthenticationProvider passwordSignIn(Accounts accounts, LoginThrottle throttle) {
        return new AuditedAuthenticationProvider(accounts, throttle);
    }

    @Bean
    AuthenticationManager authenticationManager(AuditedAuthenticationProvider provider) {
        return new ProviderManager(provider);
    }

    /**
     * The web map's files and webjars are public and may be kept by shared caches ({@code Cache-Control: public}
     * on versioned URLs): answered without a session and without the CSRF cookie, which a cache must never
     * hand to someone else. Only reads.
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityFilterChain staticFiles(HttpSecurity http) throws Exception {
        http.securityMatcher("/app/**", "/webjars/**", "/js/**", "/*.css")
                .authorizeHttpRequests(a -> a.requestMatchers(HttpMethod.GET)
                        .permitAll()
                        .requestMatchers(HttpMethod.HEAD)
                        .permitAll()
                        .anyRequest()
                        .denyAll())
                .csrf(c -> c.disable())
                .requestCache(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .exceptionHandling(
                        e -> e.authenticationEntryPoint(problemEntryPoint()).accessDeniedHandler(accessDenied()));
        return http.build();
    }

    /** Tile images and TileJSON: public, cacheable reads, answered without the CSRF cookie ({@link SpaCsrfTokens}). */
    private static final RequestMatcher TILES = new OrRequestMatcher(
            pathPattern(HttpMethod.GET, "/tiles/**"),
            pathPattern(HttpMethod.GET, "/wmts/**"),
            pathPattern(HttpMethod.GET, "/ogc/tiles/*/*/*/*"),
            pathPattern(HttpMethod.GET, "/ogc/map/tiles/*/*/*/*"),
            pathPattern(HttpMethod.GET, "/ogc/collections/*/tiles/*/*/*/*"),
            pathPattern(HttpMethod.GET, "/ogc/collections/*/map/tiles/*/*/*/*"));

    @Bean
    SecurityFilterChain security(
            HttpSecurity http,
            AuthenticationManager manager,
            Accounts accounts,
            SecuritySettings settings,
            MetricsSettings metrics,
            SecurityHeaders headers,
            AnonymousRateLimit limit)
            throws Exception {
        CookieCsrfTokenRepository csrfCookie = CookieCsrfTokenRepository.withHttpOnlyFalse();
        csrfCookie.setCookieCustomizer(
                c -> c.secure(settings.cookieSecure()).sameSite("Lax").path("/"));
        // Exempt from CSRF: requests their own Authorization header signed in (not merely carrying one).
        RequestMatcher signedInByHeader = r -> r.getAttribute(AuthorizationHeaderFilter.SIGNED_IN_BY_HEADER) != null;
        http.authenticationManager(manager)
                .authorizeHttpRequests(a -> a.requestMatchers("/api/admin", "/api/admin/**")
                        .hasRole(Role.ADMIN.name())
                        .requestMatchers(HttpMethod.GET, "/api/me")
                        .permitAll()
                        .requestMatchers("/api/me/**")
                        .authenticated()
                        .requestMatchers(INSPECTION)
                        .hasAnyRole(Role.INSPECTOR.name(), Role.PLANNER.name(), Role.ADMIN.name())
                        // Read-only analyses take their geometry as a POST body; the audience filters the answer.
                        .requestMatchers(HttpMethod.POST, "/api/analysis/**")
                        .permitAll()
                        // Editing: zones by administrators, projects by planners, parcels by land staff. A feature's
                        // history holds every field, internal ones too, so it is for the layer's editors only.
                        .requestMatchers(HttpMethod.GET, "/api/zones/*/history")
                        .hasRole(Role.ADMIN.name())
                        .requestMatchers(HttpMethod.GET, "/api/projects/*/history")
                        .hasAnyRole(Role.PLANNER.name(), Role.ADMIN.name())
                        .requestMatchers(HttpMethod.GET, "/api/parcels/*/history")
                        .hasAnyRole(Role.LAND_STAFF.name(), Role.ADMIN.name())
                        .requestMatchers(HttpMethod.POST, STATE_CHANGING_ZONES)
                        .hasRole(Role.ADMIN.name())
                        .requestMatchers(HttpMethod.PUT, STATE_CHANGING_ZONES)
                        .hasRole(Role.ADMIN.name())
                        .requestMatchers(HttpMethod.PATCH, STATE_CHANGING_ZONES)
                        .hasRole(Role.ADMIN.name())
                        .requestMatchers(HttpMethod.DELETE, STATE_CHANGING_ZONES)
                        .hasRole(Role.ADMIN.name())
                        .requestMatchers(HttpMethod.POST, STATE_CHANGING_PROJECTS)
                        .hasAnyRole(Role.PLANNER.name(), Role.ADMIN.name())
                        .requestMatchers(HttpMethod.PUT, STATE_CHANGING_PROJECTS)
                        .hasAnyRole(Role.PLANNER.name(), Role.ADMIN.name())
                        .requestMatchers(HttpMethod.PATCH, STATE_CHANGING_PROJECTS)
                        .hasAnyRole(Role.PLANNER.name(), Role.ADMIN.name())
                        .requestMatchers(HttpMethod.DELETE, STATE_CHANGING_PROJECTS)
                        .hasAnyRole(Role.PLANNER.name(), Role.ADMIN.name())
                        .requestMatchers(HttpMethod.POST, STATE_CHANGING_PARCELS)
                        .hasAnyRole(Role.LAND_STAFF.name(), Role.ADMIN.name())
                        .requestMatchers(HttpMethod.PUT, STATE_CHANGING_PARCELS)
                        .hasAnyRole(Role.LAND_STAFF.name(), Role.ADMIN.name())
                        .requestMatchers(HttpMethod.PATCH, STATE_CHANGING_PARCELS)
                        .hasAnyRole(Role.LAND_STAFF.name(), Role.ADMIN.name())
                        .requestMatchers(HttpMethod.DELETE, STATE_CHANGING_PARCELS)
                        .hasAnyRole(Role.LAND_STAFF.name(), Role.ADMIN.name())
                        // Moving a project along its chain (issue #7): the planners' work; going back is checked for
                        // ADMIN there.
                        .requestMatchers(HttpMethod.POST, "/api/projects/*/transitions")
                        .hasAnyRole(Role.PLANNER.name(), Role.ADMIN.name())
                        // Imports: the layer's own role is checked by the import controller (parcels land staff, ...).
                        .requestMatchers("/api/import", "/api/import/**")
                        .hasAnyRole(Role.PLANNER.name(), Role.LAND_STAFF.name(), Role.ADMIN.name())
                        // Health probes (liveness, readiness): public, details for administrators only
                        // (application.yml).
                        .requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**")
                        .permitAll()
                        // Metrics: administrators, or a Prometheus server with the metrics token (MetricsSettings).
                        .requestMatchers(AuthorizationHeaderFilter.METRICS_PATH)
                        .hasAnyAuthority(Role.ADMIN.authority(), AuthorizationHeaderFilter.METRICS_AUTHORITY)
                        .requestMatchers(HttpMethod.GET)
                        .permitAll()
                        .requestMatchers(HttpMethod.HEAD)
                        .permitAll()
                        // OGC API – Features Part 4: OPTIONS tells each caller which writes it may send (QGIS asks
                        // before it offers editing); the answer depends on the rules above, not on a role.
                        .requestMatchers(HttpMethod.OPTIONS, "/ogc/**")
                        .permitAll()
                        .requestMatchers(HttpMethod.POST, "/login", "/logout")
                        .permitAll()
                        .requestMatchers("/error")
                        .permitAll()
                        // Anything else (a write without a decision above) is refused.
                        .anyRequest()
                        .denyAll())
                // Sessions live in the database (Spring Session JDBC), indexed by user: an administrator's change to a
                // user deletes theirs (SignedInSessions), and the next request with such a cookie is anonymous.
                .formLogin(f -> f.loginPage("/login")
                        .loginProcessingUrl("/login")
                        .successHandler(loginSuccess())
                        .failureHandler(loginFailure())
                        .permitAll())
                // Bearer tokens and HTTP Basic, before the CSRF check so that only a header that signed in exempts from
                // it.
                .addFilterBefore(
                        new AuthorizationHeaderFilter(accounts, manager, problemEntryPoint(), metrics),
                        CsrfFilter.class)
                .logout(l -> l.logoutUrl("/logout")
                        .addLogoutHandler((request, response, auth) -> {
                            if (auth != null) {
                                accounts.audit(auth.getName(), "logout", auth.getName(), request.getRemoteAddr(), null);
                            }
                        })
                        .deleteCookies("JSESSIONID")
                        .logoutSuccessHandler((request, response, auth) ->
                                response.sendRedirect(request.getContextPath() + "/login?logout")))
                .csrf(c -> c.csrfTokenRepository(csrfCookie)
                        .csrfTokenRequestHandler(new SpaCsrfTokens(TILES))
                        .ignoringRequestMatchers(signedInByHeader)
                        .ignoringRequestMatchers(pathPattern(HttpMethod.POST, "/api/analysis/**")))
                .cors(c -> c.configurationSource(cors(settings)))
                .exceptionHandling(
                        e -> e.authenticationEntryPoint(problemEntryPoint()).accessDeniedHandler(accessDenied()))
                .headers(h -> {
                    h.defaultsDisabled();
                    headers.writers().forEach(h::addHeaderWriter);
                });
        if (limit.enabled()) {
            http.addFilterAfter(new RateLimitFilter(limit), AnonymousAuthenticationFilter.class);
        }
        return http.build();
    }

    /**
     * Right after the body bound, before everything else: the client address and the public scheme and
     * host, from a trusted proxy's headers or {@code luqiao.public-base-url} (see {@link ProxyHeadersFilter}).
     */
    @Bean
    FilterRegistrationBean<ProxyHeadersFilter> proxyHeaders(SecuritySettings settings, LuqiaoProperties properties) {
        FilterRegistrationBean<ProxyHeadersFilter> registration = new FilterRegistrationBean<>(
                new ProxyHeadersFilter(settings.trustedProxies(), properties.publicBaseUrl()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        registration.setDispatcherTypes(
                DispatcherType.REQUEST,
                DispatcherType.ERROR,
                DispatcherType.ASYNC,
                DispatcherType.FORWARD,
                DispatcherType.INCLUDE);
        return registration;
    }

    /**
     * After the body bound, the proxy headers and the cached tiles ({@code tiles.CachedTileFilter}, which answers no
     * request with parameters), before security (form login reads its user name):
     * parameters the server cannot store are refused ({@link RequestTextFilter}).
     */
    @Bean
    FilterRegistrationBean<RequestTextFilter> requestText() {
        FilterRegistrationBean<RequestTextFilter> registration = new FilterRegistrationBean<>(new RequestTextFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 3);
        return registration;
    }

    /** Bodies are bounded before anything else runs, security included. */
    @Bean
    FilterRegistrationBean<BodySizeFilter> bodySize(SecuritySettings settings) {
        FilterRegistrationBean<BodySizeFilter> registration = new FilterRegistrationBean<>(
                new BodySizeFilter(settings.maxBodySize().toBytes()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /**
     * {@code /embed} and the investment map {@code /invest} may be framed by the configured sites (and this one); nothing else may be framed
     * at all: CSP {@code frame-ancestors} for current browsers, {@code X-Frame-Options} for old ones.
     */
    static HeaderWriter frameHeaders(List<String> ancestors) {
        String embedSources = String.join(
                " ",
                java.util.stream.Stream.concat(
                                java.util.stream.Stream.of("'self'"),
                                ancestors.stream()
                                        .map(String::strip)
                                        .filter(s -> !s.isEmpty())
                                        .filter(SecurityConfig::isSource))
                        .toList());
        return (request, response) -> {
            if (isEmbed(request)) {
                response.setHeader("Content-Security-Policy", "frame-ancestors " + embedSources);
            } else {
                response.setHeader("Content-Security-Policy", "frame-ancestors 'none'");
                response.setHeader("X-Frame-Options", "DENY");
            }
        };
    }

    static boolean isEmbed(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals("/embed")
                || path.equals("/embed.html")
                || path.equals("/invest")
                || path.equals("/invest.html");
    }

    /** A CSP host source as configured: a scheme and host, no spaces, quotes or semicolons. */
    private static boolean isSource(String s) {
        return s.matches("https?://[A-Za-z0-9.*-]+(:[0-9]+)?") || s.matches("https?:");
    }

    static CorsConfigurationSource cors(SecuritySettings settings) {
        CorsConfiguration api = new CorsConfiguration();
        api.setAllowedOrigins(settings.corsOrigins().stream()
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList());
        api.setAllowedMethods(List.of("GET", "HEAD", "POST", "OPTIONS"));
        api.setAllowedHeaders(List.of(
                HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE, HttpHeaders.ACCEPT, HttpHeaders.IF_NONE_MATCH));
        api.setExposedHeaders(List.of(HttpHeaders.ETAG, "Content-Crs", HttpHeaders.RETRY_AFTER));
        api.setAllowCredentials(false);
        api.setMaxAge(3600L);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/**", api);
        source.registerCorsConfiguration("/ogc/**", api);
        source.registerCorsConfiguration("/tiles/**", api);
        // The map style, which a MapLibre page on another site loads before the tiles it names.
        source.registerCorsConfiguration("/styles/**", api);
        source.registerCorsConfiguration("/wmts", api);
        source.registerCorsConfiguration("/wmts/**", api);
        return source;
    }

    /** Not signed in where a role is needed: a browser navigating goes to the login page, a program gets a 401 problem. */
    static AuthenticationEntryPoint problemEntryPoint() {
        return (request, response, e) -> {
            if (e instanceof LoginThrottle.Throttled t) {
                throttled(response, t);
                return;
            }
            String accept = request.getHeader(HttpHeaders.ACCEPT);
            if ("GET".equals(request.getMethod())
                    && accept != null
                    && accept.contains(MediaType.TEXT_HTML_VALUE)
                    && request.getHeader(HttpHeaders.AUTHORIZATION) == null) {
                response.sendRedirect(request.getContextPath() + "/login");
                return;
            }
            // Bearer, not Basic: a Basic challenge would make browsers pop up a password dialog.
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"luqiao\"");
            Problems.write(
                    response,
                    401,
                    "Unauthorized",
                    "sign in (session, HTTP Basic or a bearer token) to use this resource");
        };
    }

    static AccessDeniedHandler accessDenied() {
        return (request, response, e) -> Problems.write(
                response,
                403,
                "Forbidden",
                e instanceof CsrfException
                        ? "the CSRF token is missing or invalid; send the XSRF-TOKEN cookie's value as X-XSRF-TOKEN (or _csrf)"
                        : "your roles do not allow this request");
    }

    /** After form login: back to the page that asked for it, else the map. */
    static org.springframework.security.web.authentication.AuthenticationSuccessHandler loginSuccess() {
        org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler handler =
                new org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler();
        handler.setDefaultTargetUrl("/");
        return handler;
    }

    static AuthenticationFailureHandler loginFailure() {
        return (request, response, e) -> {
            if (e instanceof LoginThrottle.Throttled t) {
                throttled(response, t);
                return;
            }
            String accept = request.getHeader(HttpHeaders.ACCEPT);
            if (accept != null && accept.contains(MediaType.TEXT_HTML_VALUE)) {
                response.sendRedirect(request.getContextPath() + "/login?error");
                return;
            }
            Problems.write(response, 401, "Unauthorized", "the user name or password is wrong");
        };
    }

    private static void throttled(HttpServletResponse response, LoginThrottle.Throttled t) throws IOException {
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(t.retryAfter().toSeconds()));
        Problems.write(
                response, 429, "Too many failed sign-ins", "sign-in is paused for this user or client; retry later");
    }

    /** Requests the firewall refuses (encoded slashes, "..", control characters) are 400 problems. */
    @Bean
    RequestRejectedHandler requestRejected() {
        return (request, response, e) ->
                Problems.write(response, 400, "Bad request", "the request path or headers are not allowed");
    }
}
