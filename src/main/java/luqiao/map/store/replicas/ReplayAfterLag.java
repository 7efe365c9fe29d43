package luqiao.map.store.replicas;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import luqiao.map.store.FeaturesChanged;
import luqiao.map.store.FeaturesChanged.Origin;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Publishes every change a second time, once any replica still taking reads has replayed it: a tile rendered
 * from a replica just after the first eviction may show the rows from before the change, and would otherwise
 * stay in the cache until the next one. The delay is {@code luqiao.db.max-replica-lag} plus two probes (a replica
 * further behind is skipped by then).
 */
@Component
@ConditionalOnReplicas
class ReplayAfterLag implements DisposableBean {

    private final ApplicationEventPublisher events;
    private final Duration delay;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "luqiao-replay-after-lag");
        t.setDaemon(true);
        return t;
    });

    ReplayAfterLag(ApplicationEventPublisher events, ReplicaSettings settings) {
        this.events = events;
        this.delay = settings.maxReplicaLag().plus(ReplicaProbe.EVERY.multipliedBy(2));
    }

    @TransactionalEventListener(fallbackExecution = true)
    void changed(FeaturesChanged change) {
        if (change.origin() == Origin.REPLAYED) {
            return;
        }
        FeaturesChanged again = new FeaturesChanged(change.layer(), change.envelopes(), Origin.REPLAYED);
        executor.schedule(() -> events.publishEvent(again), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}
