package dev.hexsync.ports.metrics;

import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * What the sync engine reports for metrics, called by the domain as it works; an adapter records it (the
 * Micrometer one in bootstrap, given with {@code HexSync.builder().meterRegistry(...)}). Every method does
 * nothing by default, and {@link #NONE} records nothing. Calls come from the sync loops' threads and must not
 * block.
 */
public interface SyncMetrics {
    /** Records nothing. */
    SyncMetrics NONE = new SyncMetrics() {
    };

    /** {@code count} downloaded ops were stored (a data line). */
    default void opsApplied(long count) {
    }

    /** A sync line of {@code bytes} bytes arrived (its text's UTF-8 size, or its BSON document's size). */
    default void bytesDownloaded(long bytes) {
    }

    /** A checkpoint was validated and published into the application's tables, taking {@code took}. */
    default void checkpointApplied(Duration took) {
    }

    /** The application's {@code uploadData} failed (it is retried after the retry delay). */
    default void uploadFailed() {
    }

    /** A sync iteration failed and a new connection will be tried after the retry delay. */
    default void reconnecting() {
    }

    /**
     * The upload queue, read when the metrics are read: {@code size} counts the queued entries, {@code age} is
     * how long the queue has been waiting to drain (empty when it is empty, or nothing waits).
     */
    default void uploadQueue(LongSupplier size, Supplier<Optional<Duration>> age) {
    }
}
