package luqiao.map.store.replicas;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The {@code replicas} component of readiness (profile {@code postgis}): UP when every configured replica takes
 * reads (or none is configured), else {@code DEGRADED}, which the health endpoint answers with 200 (see
 * {@code management.endpoint.health.status} in application.yml): reads then run on the primary, so the instance
 * still serves and stays in the balancer. The details (administrators only) give each replica's state and lag.
 */
@Component("replicasHealthIndicator")
@Profile("postgis")
class ReplicasHealth implements HealthIndicator {

    static final Status DEGRADED = new Status("DEGRADED", "a read replica is down or lagging; reads use the others");

    private final ObjectProvider<Replicas> replicas;

    ReplicasHealth(ObjectProvider<Replicas> replicas) {
        this.replicas = replicas;
    }

    @Override
    public Health health() {
        Replicas configured = replicas.getIfAvailable();
        if (configured == null) {
            return Health.up()
                    .withDetail("replicas", "none configured: every query runs on the primary")
                    .build();
        }
        boolean allHealthy = true;
        Map<String, Object> details = new LinkedHashMap<>();
        for (Replica replica : configured.all()) {
            allHealthy &= replica.healthy();
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("address", replica.address());
            detail.put("state", replica.state().name().toLowerCase(java.util.Locale.ROOT));
            if (!Double.isNaN(replica.lagSeconds())) {
                detail.put("lagSeconds", replica.lagSeconds());
            }
            if (!replica.problem().isEmpty()) {
                detail.put("problem", replica.problem());
            }
            details.put(replica.name(), detail);
        }
        return Health.status(allHealthy ? Status.UP : DEGRADED)
                .withDetails(details)
                .build();
    }
}
