package luqiao.map.store.cluster;

import java.time.Duration;

/** The embedded database: one instance by construction, so each job runs at each tick. */
final class SingleInstance implements ClusterLock {

    @Override
    public boolean runOnce(String name, Duration minGap, Runnable task) {
        task.run();
        return true;
    }

    @Override
    public void runExclusively(String name, Runnable task) {
        task.run();
    }
}
