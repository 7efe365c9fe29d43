package luqiao.map.support;

import java.sql.Connection;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.h2.api.Trigger;

/**
 * An H2 {@code BEFORE SELECT} trigger that holds the first statement reading its table, once armed, after
 * the statement has taken its snapshot and before it reads any row, until {@link #release()}: lets a test
 * commit another connection's write in exactly that moment.
 */
public class HoldFirstSelect implements Trigger {

    private static final AtomicBoolean armed = new AtomicBoolean();
    private static volatile CountDownLatch held = new CountDownLatch(0);
    private static volatile CountDownLatch released = new CountDownLatch(0);

    /** The next SELECT of a table with this trigger is held. */
    public static void arm() {
        held = new CountDownLatch(1);
        released = new CountDownLatch(1);
        armed.set(true);
    }

    /** Waits until a SELECT is held; false after the time. */
    public static boolean awaitHeld(long seconds) throws InterruptedException {
        return held.await(seconds, TimeUnit.SECONDS);
    }

    public static void release() {
        armed.set(false);
        released.countDown();
    }

    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) {
        if (armed.compareAndSet(true, false)) {
            held.countDown();
            try {
                released.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
