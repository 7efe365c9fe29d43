package luqiao.map.store.replicas;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Read replicas of the PostGIS database ({@code luqiao.db.*}, profile {@code postgis} only).
 *
 * @param replicaUrls              JDBC URLs of streaming replicas of {@code spring.datasource.url}, reached with the
 *                                 same user and password; empty: every query runs on the primary
 *                                 (env {@code LUQIAO_DB_REPLICA_URLS}, comma-separated)
 * @param maxReplicaLag            a replica further behind than this is skipped until it catches up
 * @param replicaPoolSize          connections at most in each replica's pool
 * @param replicaConnectionTimeout how long a request waits for a replica's connection before it reads from the
 *                                 primary instead (a replica that has just gone away)
 */
@Validated
@ConfigurationProperties("luqiao.db")
public record ReplicaSettings(
        @DefaultValue List<String> replicaUrls,
        @DefaultValue("5s") @NotNull Duration maxReplicaLag,
        @DefaultValue("5") @Min(1) int replicaPoolSize,
        @DefaultValue("2s") @NotNull Duration replicaConnectionTimeout) {

    public ReplicaSettings {
        replicaUrls =
                replicaUrls.stream().map(String::trim).filter(u -> !u.isEmpty()).toList();
    }
}
