package luqiao.map.store.replicas;

/**
 * Marks the current thread's work as an anonymous read, which may run on a replica: set by the web layer for
 * a GET or HEAD without a signed-in user, for the length of that request. Unmarked work, and any read-write
 * transaction even when marked, runs on the primary.
 */
public final class ReplicaReads {

    private static final ThreadLocal<Boolean> MARKED = new ThreadLocal<>();

    private ReplicaReads() {}

    /** Marks the thread until the returned scope is closed. */
    public static Scope open() {
        MARKED.set(Boolean.TRUE);
        return MARKED::remove;
    }

    static boolean marked() {
        return MARKED.get() != null;
    }

    /** The marked stretch of work; closing it ends the mark. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
