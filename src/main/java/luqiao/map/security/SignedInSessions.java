package luqiao.map.security;

import java.time.Duration;
import luqiao.map.store.cluster.ClusterLock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.stereotype.Component;

/**
 * The web map's signed-in sessions, kept in the database by Spring Session JDBC (tables from migration V8),
 * so that every instance behind a balancer knows every session. Sessions are indexed by user, so that an
 * administrator's change to a user (disabled, roles, password, deleted) ends that user's sessions at once,
 * on every instance: a session keeps the roles it signed in with, and a disabled user would otherwise keep
 * working until the session timed out.
 */
@Component
class SignedInSessions {

    /** The clean-up's name among the periodic jobs of all instances. */
    static final String CLEANUP_JOB = "sessions.cleanup";

    /** Absent without a web server (the export-pmtiles command), where there are no sessions. */
    private final ObjectProvider<JdbcIndexedSessionRepository> sessions;

    private final ClusterLock cluster;

    SignedInSessions(ObjectProvider<JdbcIndexedSessionRepository> sessions, ClusterLock cluster) {
        this.sessions = sessions;
        this.cluster = cluster;
    }

    /**
     * Ends every session of {@code username}: they are deleted, so the next request with such a session's
     * cookie, on any instance, is anonymous.
     */
    void endAll(String username) {
        sessions.ifAvailable(
                repository -> repository.findByPrincipalName(username).keySet().forEach(repository::deleteById));
    }

    /**
     * Deletes timed-out sessions once a minute, on one instance (Spring Session's own timer, which every
     * instance would run, is off: {@code spring.session.jdbc.cleanup-cron: "-"}). A timed-out session is never
     * used, whether deleted or not; this keeps the table small.
     */
    @Scheduled(cron = "0 * * * * *")
    void deleteExpired() {
        sessions.ifAvailable(
                repository -> cluster.runOnce(CLEANUP_JOB, Duration.ofSeconds(30), repository::cleanUpExpiredSessions));
    }
}
