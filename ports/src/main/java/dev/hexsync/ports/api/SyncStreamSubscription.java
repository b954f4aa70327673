package dev.hexsync.ports.api;

import java.util.concurrent.CompletableFuture;

/**
 * A handle on a stream subscription. Handles are counted per stream and parameters: the stream stays
 * active while one is open. Close it when done; a handle garbage collected without being closed is released
 * and logged as leaked.
 */
public interface SyncStreamSubscription extends AutoCloseable {

    String name();

    String parameters();

    /** Completes once the stream's data has been synced (at once if it was before). */
    CompletableFuture<Void> waitForFirstSync();

    /** Releases this handle (the subscription then lives on for its TTL). Idempotent. */
    void unsubscribe();

    /** Same as {@link #unsubscribe()}. */
    @Override
    default void close() {
        unsubscribe();
    }
}
