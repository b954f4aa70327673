package dev.hexsync.ports.api;

/**
 * A running watch started with a callback ({@link ChangeWatching#watch(String, java.util.List, RowMapper,
 * java.util.function.Consumer, java.util.function.Consumer)}). Closing it stops the watch; results already being
 * delivered may still arrive once.
 */
public interface WatchSubscription extends AutoCloseable {

    /** Stops the watch. Harmless when it already stopped. */
    @Override
    void close();

    /**
     * Whether the watch stopped: closed, failed (its error handler was called) or completed (its database closed).
     *
     * @return true once no more results will be delivered
     */
    boolean isClosed();
}
