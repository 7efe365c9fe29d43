package luqiao.map.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import luqiao.map.web.RequestText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Password sign-in (form login and HTTP Basic): throttled per user and client address ({@link LoginThrottle}), logged and written to
 * the audit log, success and failure alike. A successful check is remembered for a short time so a
 * program using Basic does not pay a BCrypt check (and an audit row) on every request.
 */
class AuditedAuthenticationProvider implements AuthenticationProvider {

    private static final Logger log = LoggerFactory.getLogger(AuditedAuthenticationProvider.class);
    private static final Duration REMEMBER = Duration.ofSeconds(60);

    private final DaoAuthenticationProvider passwords;
    private final LoginThrottle throttle;
    private final Accounts accounts;
    private final Cache<String, Authentication> recent =
            Caffeine.newBuilder().expireAfterWrite(REMEMBER).maximumSize(10_000).build();

    AuditedAuthenticationProvider(Accounts accounts, LoginThrottle throttle) {
        this.accounts = accounts;
        this.throttle = throttle;
        this.passwords = new DaoAuthenticationProvider(accounts);
        this.passwords.setPasswordEncoder(accounts.passwordEncoder());
        accounts.onChange(recent::invalidateAll);
    }

    @Override
    public Authentication authenticate(Authentication attempt) throws AuthenticationException {
        String username = attempt.getName() == null ? "" : attempt.getName();
        String client = client(attempt);
        if (RequestText.problem(username) != null) {
            // No user can have such a name, and the audit log cannot store it: refused before any look-up.
            log.info(
                    "Refused a sign-in with an unusable user name from {}: it {}",
                    client,
                    RequestText.problem(username));
            throw new BadCredentialsException("the user name " + RequestText.problem(username));
        }
        String key = Accounts.hash(username + '\u0000' + attempt.getCredentials());
        Authentication remembered = recent.getIfPresent(key);
        if (remembered != null) {
            return remembered;
        }
        try {
            throttle.check(username, client);
        } catch (LoginThrottle.Throttled e) {
            log.warn("Sign-in refused for '{}' from {}: too many failures", username, client);
            accounts.audit(username, "login.throttled", username, client, null);
            throw e;
        }
        try {
            Authentication done = passwords.authenticate(attempt);
            throttle.succeeded(username, client);
            recent.put(key, done);
            log.info("Signed in: '{}' from {}", username, client);
            accounts.audit(username, "login", username, client, null);
            return done;
        } catch (AuthenticationException e) {
            throttle.failed(username, client);
            log.warn(
                    "Failed sign-in for '{}' from {}: {}",
                    username,
                    client,
                    e.getClass().getSimpleName());
            accounts.audit(
                    username, "login.failed", username, client, e.getClass().getSimpleName());
            throw e;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private static String client(Authentication attempt) {
        return attempt.getDetails() instanceof WebAuthenticationDetails d ? d.getRemoteAddress() : "unknown";
    }
}
