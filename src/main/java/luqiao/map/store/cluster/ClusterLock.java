package luqiao.map.store.cluster;

import java.time.Duration;

/**
 * Runs a periodic job on one instance only, when several share the database. Every instance fires its
 * own timer; the first to get here runs the job, the others skip that tick ({@link #runOnce}). Start-up work
 * runs on one instance at a time, the others waiting ({@link #runExclusively}). On PostgreSQL the job's
 * advisory lock decides ({@link AdvisoryClusterLock}); the embedded database belongs to one instance, so
 * there every job simply runs ({@link SingleInstance}).
 */
public interface ClusterLock {

    /**
     * Runs {@code task} here unless another instance is running the job {@code name} or ran it less than
     * {@code minGap} ago (its timer fired a moment earlier); true when it ran here. The task's own
     * statements run in the transaction that holds the lock: if it fails, nothing of it stays and the next
     * tick tries again.
     */
    boolean runOnce(String name, Duration minGap, Runnable task);

    /**
     * Runs {@code task} here once no other instance is running a task of the same {@code name}, waiting for one
     * that is: for start-up work that must not overlap across instances, such as loading the shipped data set into
     * an empty database (the task checks again whether it is still needed: another instance may have done it
     * meanwhile). The task's statements run in transactions of their own; the lock is released when the task
     * ends, or when the instance holding it dies.
     */
    void runExclusively(String name, Runnable task);
}
