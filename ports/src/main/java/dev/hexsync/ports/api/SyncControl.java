package dev.hexsync.ports.api;

import dev.hexsync.ports.model.SyncStatus;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Flow;

/**
 * Role of a {@link SyncDatabase}: syncing with the service. Connecting and disconnecting (and clearing the
 * local replica), checkpoint requests, sync streams, and the sync status with the waits built on it.
 */
public interface SyncControl {

    /**
     * Connects to the sync service: keeps the local replica live and uploads local changes through
     * {@code connector}, retrying after failures, until {@link #disconnect()} or {@link SyncDatabase#close()}.
     * Calling it again replaces the options (the latest call wins). Only one process syncs a database file: while
     * another does, this one waits as a follower ({@link SyncStatus#follower()}) and takes over when that process
     * disconnects, closes or dies.
     *
     * @return completes once connecting has begun, a download error was recorded, or this process follows
     */
    CompletableFuture<Void> connect(BackendConnector connector, ConnectOptions options);

    /** {@link #connect(BackendConnector, ConnectOptions)} with the default options. */
    default CompletableFuture<Void> connect(BackendConnector connector) {
        return connect(connector, ConnectOptions.DEFAULT);
    }

    /** Stops syncing; local reads and writes go on, writes queue until the next connect. */
    void disconnect();

    /**
     * Disconnects and clears the local replica: synced rows, the upload queue (unsent writes are lost), sync
     * state and stream subscriptions; the client id stays.
     *
     * @param clearLocal also clear local-only tables
     * @param soft keep downloaded buckets internally, so that reconnecting as the same user downloads little
     */
    void disconnectAndClear(boolean clearLocal, boolean soft);

    /** {@link #disconnectAndClear(boolean, boolean)}: everything, local-only tables included, hard. */
    default void disconnectAndClear() {
        disconnectAndClear(true, false);
    }

    /**
     * In checkpoint-requests mode: asks the service for a checkpoint covering everything it has seen of this
     * client, and completes once it was applied locally. It does not hold back other downloaded data.
     */
    CompletableFuture<Void> requestCheckpoint();

    /**
     * A sync stream with parameters (JSON-compatible values; empty for none). Nothing is subscribed until
     * {@link SyncStream#subscribe}.
     */
    SyncStream syncStream(String name, Map<String, Object> parameters);

    /** A sync stream without parameters. */
    default SyncStream syncStream(String name) {
        return syncStream(name, Map.of());
    }

    /** The current sync status. */
    SyncStatus syncStatus();

    /** The sync status now and after every change (conflated to the latest for slow subscribers). */
    Flow.Publisher<SyncStatus> statusUpdates();

    /** Completes once a complete sync has finished (at once if one ever did, even before a restart). */
    default CompletableFuture<Void> waitForFirstSync() {
        return waitForFirstSync(SyncStatus.FULL_SYNC_PRIORITY);
    }

    /**
     * {@link #waitForFirstSync()} that gives up: fails with {@link FirstSyncTimeoutException} (its message and
     * cause carry the last download error, e.g. a wrong endpoint or a rejected token) when no complete sync
     * finished within {@code timeout}. Syncing itself goes on; only this wait ends.
     */
    default CompletableFuture<Void> waitForFirstSync(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout is null");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout is negative: " + timeout);
        }
        CompletableFuture<Void> result = new CompletableFuture<>();
        waitForFirstSync().whenComplete((done, error) -> {
            if (error == null) {
                result.complete(null);
            } else {
                result.completeExceptionally(error);
            }
        });
        CompletableFuture.delayedExecutor(timeout.toNanos(), TimeUnit.NANOSECONDS).execute(() -> {
            if (!result.isDone()) {
                result.completeExceptionally(new FirstSyncTimeoutException(timeout, syncStatus()));
            }
        });
        return result;
    }

    /**
     * Completes once the buckets of {@code priority} and every more important priority have been synced
     * (a complete sync counts for every priority).
     */
    CompletableFuture<Void> waitForFirstSync(int priority);
}
