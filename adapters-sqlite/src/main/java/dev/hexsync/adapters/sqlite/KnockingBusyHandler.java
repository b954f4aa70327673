package dev.hexsync.adapters.sqlite;

import java.time.Duration;
import org.sqlite.BusyHandler;

/**
 * The busy handler of a writer connection: it waits for the lock as SQLite's busy timeout would, up to the
 * same limit, and {@linkplain WriteWaits#knock() knocks} on every retry, so that a connection holding the lock
 * open for group commit commits and lets it go.
 *
 * <p>Retries come every millisecond rather than with SQLite's backoff (up to 100 ms between tries): a holder
 * that hands the lock over pauses only briefly before it takes the lock again (see {@link SqliteSession}),
 * and a waiter that sleeps longer than that pause would miss its turn. A retry is one lock attempt on the
 * {@code -shm} file and one atomic add; interrupting the waiting thread gives up at once (SQLITE_BUSY).
 */
final class KnockingBusyHandler extends BusyHandler {
    /** Between two retries. */
    static final long RETRY_MILLIS = 1;

    private final WriteWaits waits;
    private final long timeoutNanos;
    /** When the current wait began; SQLite calls with {@code retries == 0} first. */
    private long since;

    KnockingBusyHandler(WriteWaits waits, Duration timeout) {
        this.waits = waits;
        this.timeoutNanos = timeout.toNanos();
    }

    @Override
    protected int callback(int retries) {
        long now = System.nanoTime();
        if (retries == 0) {
            since = now;
        }
        if (now - since >= timeoutNanos || Thread.currentThread().isInterrupted()) {
            return 0;
        }
        waits.knock();
        try {
            Thread.sleep(RETRY_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
        return 1;
    }
}
