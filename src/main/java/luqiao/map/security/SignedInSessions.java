package luqiao.map.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.core.session.SessionRegistryImpl;
import org.springframework.security.web.session.HttpSessionEventPublisher;

/**
 * The web map's signed-in sessions by user, so that an administrator's change to a user (disabled, roles,
 * password, deleted) ends that user's sessions at once: a session keeps the roles it signed in with, and a
 * disabled user would otherwise keep working until the session timed out.
 */
@Configuration(proxyBeanMethods = false)
class SignedInSessions {

    private final SessionRegistry registry = new SessionRegistryImpl();

    @Bean
    SessionRegistry sessionRegistry() {
        return registry;
    }

    /** Tells the registry when a session ends, so it does not keep ended sessions. */
    @Bean
    static HttpSessionEventPublisher sessionEvents() {
        return new HttpSessionEventPublisher();
    }

    /** Ends every session of {@code username}; its next request is anonymous. */
    void endAll(String username) {
        registry.getAllPrincipals().stream()
                .filter(p -> p instanceof org.springframework.security.core.userdetails.UserDetails u
                        && u.getUsername().equals(username))
                .flatMap(p -> registry.getAllSessions(p, false).stream())
                .forEach(org.springframework.security.core.session.SessionInformation::expireNow);
    }
}
