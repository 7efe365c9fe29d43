package luqiao.map.store;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The {@code tileListener} component of readiness (profile {@code postgis}): UP while {@link ChangeFeed} listens
 * for other instances' changes, DOWN while it has no connection, when this instance's tiles may be stale.
 */
@Component("tileListenerHealthIndicator")
@Profile("postgis")
class TileListenerHealth implements HealthIndicator {

    private final ChangeFeed feed;

    TileListenerHealth(ChangeFeed feed) {
        this.feed = feed;
    }

    @Override
    public Health health() {
        return feed.listening()
                ? Health.up().withDetail("channel", "luqiao_features").build()
                : Health.down()
                        .withDetail("reason", "no connection to listen for other instances' changes")
                        .build();
    }
}
