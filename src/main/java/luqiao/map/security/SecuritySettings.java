package luqiao.map.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Sign-in, embedding and abuse limits ({@code luqiao.security.*} in application.yml; each can be set
 * by an environment variable such as {@code LUQIAO_SECURITY_CORS_ORIGINS}).
 *
 * @param adminPassword  password of the {@code admin} user created at first start when no administrator
 *                       exists; empty: one is generated and printed once to the log
 * @param frameAncestors sites allowed to frame {@code /embed} (CSP {@code frame-ancestors} sources,
 *                       e.g. {@code https://www.luqiao.gov.cn}); the rest of the application cannot be framed
 * @param corsOrigins    origins allowed to call the APIs from a browser (exact origins; empty: none)
 * @param cookieSecure   the {@code Secure} flag of the session and CSRF cookies (switch off only for plain-HTTP tests)
 * @param tokenLifetime  how long a new API token is valid
 * @param maxBodySize    the largest request body accepted; more is a 413
 * @param trustedProxies addresses or CIDRs (IPv4, IPv6) of the reverse proxies whose {@code X-Forwarded-For},
 *                       {@code -Proto}, {@code -Host} and {@code -Port} are believed; empty: those headers are ignored
 */
@Validated
@ConfigurationProperties("luqiao.security")
public record SecuritySettings(
        @DefaultValue("") String adminPassword,
        @DefaultValue("") List<String> frameAncestors,
        @DefaultValue("") List<String> corsOrigins,
        @DefaultValue("true") boolean cookieSecure,
        @DefaultValue("90d") @NotNull Duration tokenLifetime,
        @DefaultValue("10MB") @NotNull DataSize maxBodySize,
        @DefaultValue("") List<String> trustedProxies,
        @DefaultValue @Valid RateLimit rateLimit,
        @DefaultValue @Valid LoginThrottle login) {

    /**
     * Anonymous requests per client (IP address): a token bucket of {@code burst} requests refilled at
     * {@code requestsPerMinute}. Over it: 429 with {@code Retry-After}. Counted by each instance in its own
     * memory: behind a balancer a client may send as many per instance.
     */
    public record RateLimit(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("1200") @Min(1) int requestsPerMinute,
            @DefaultValue("300") @Min(1) int burst) {}

    /**
     * Failed sign-ins. Pauses (429 with {@code Retry-After}, the password not checked) are per client
     * address, so nobody can lock a user out from elsewhere:
     * <ul>
     *   <li>{@code maxFailures} failures for one user name from one address within {@code window} pause that
     *       user at that address until the window since the first failure has passed;</li>
     *   <li>{@code maxClientFailures} failures from one address (any user names) pause that address;</li>
     *   <li>past {@code userSlowdownAfter} failures for one user name from all addresses, that user's attempts
     *       are spaced out: each waits {@code userDelay} after the last failure, doubled with every further
     *       failure, at most {@code userMaxDelay}. A slowdown, never a lock.</li>
     * </ul>
     * A successful sign-in clears the user's count and its pause at that address; an administrator can
     * clear all of a user's ({@code POST /api/admin/users/{name}/unlock}).
     */
    public record LoginThrottle(
            @DefaultValue("5") @Min(1) int maxFailures,
            @DefaultValue("25") @Min(1) int maxClientFailures,
            @DefaultValue("15m") @NotNull Duration window,
            @DefaultValue("10") @Min(1) int userSlowdownAfter,
            @DefaultValue("1s") @NotNull Duration userDelay,
            @DefaultValue("1m") @NotNull Duration userMaxDelay) {}
}
