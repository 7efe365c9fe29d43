package luqiao.map.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.header.writers.CacheControlHeadersWriter;
import org.springframework.security.web.header.writers.HstsHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.XContentTypeOptionsHeaderWriter;
import org.springframework.security.web.header.writers.XXssProtectionHeaderWriter;
import org.springframework.stereotype.Component;

/**
 * The security headers of the main chain's answers, in the order it writes them: Spring Security's defaults
 * ({@code X-Content-Type-Options: nosniff}, {@code X-XSS-Protection: 0}, {@code Cache-Control: no-store} and the
 * like unless the answer set its own caching, HSTS over HTTPS) without its {@code X-Frame-Options}, then
 * {@code Referrer-Policy: strict-origin-when-cross-origin} and the frame headers ({@link SecurityConfig#frameHeaders}:
 * CSP {@code frame-ancestors}, and {@code X-Frame-Options} outside the embeds). Listed once, here, so that the
 * answers given ahead of the chain ({@link PublicShortcut}) carry the very same.
 */
@Component
class SecurityHeaders {

    private final List<HeaderWriter> writers;

    SecurityHeaders(SecuritySettings settings) {
        this.writers = List.of(
                new XContentTypeOptionsHeaderWriter(),
                new XXssProtectionHeaderWriter(),
                new CacheControlHeadersWriter(),
                new HstsHeaderWriter(),
                new ReferrerPolicyHeaderWriter(
                        ReferrerPolicyHeaderWriter.ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN),
                SecurityConfig.frameHeaders(settings.frameAncestors()));
    }

    /** For the chain's configuration ({@code headers().defaultsDisabled()}, then each of these). */
    List<HeaderWriter> writers() {
        return writers;
    }

    /** Writes the headers on an answer: after the answer's own headers, as the chain does when the answer is sent. */
    void write(HttpServletRequest request, HttpServletResponse response) {
        for (HeaderWriter writer : writers) {
            writer.writeHeaders(request, response);
        }
    }
}
