package dev.hexsync.domain.connection;

import dev.hexsync.domain.sync.SyncEngine;
import dev.hexsync.ports.api.ConnectOptions;
import dev.hexsync.ports.time.Scheduler;
import dev.hexsync.ports.transport.SyncTransport;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checkpoint requests of one connection: each asks the service for a checkpoint that includes everything
 * it has seen of this client and completes once such a checkpoint was applied locally. Unlike an upload, a
 * request does not hold back publishing. Requests the service has not acknowledged are posted again every
 * {@code max(retryDelay, 10 s)}.
 */
final class CheckpointRequests {
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointRequests.class);
    private static final Duration MIN_REPOST = Duration.ofSeconds(10);

    private final SyncEngine engine;
    private final SyncTransport transport;
    private final CredentialsCache credentials;
    private final Scheduler scheduler;
    private final ConnectOptions options;
    private final AtomicBoolean active = new AtomicBoolean(true);
    /** Requests waiting to be applied: request id to future. */
    private final ConcurrentSkipListMap<Long, CompletableFuture<Void>> waiters = new ConcurrentSkipListMap<>();

    CheckpointRequests(SyncEngine engine, SyncTransport transport, CredentialsCache credentials, Scheduler scheduler,
            ConnectOptions options) {
        this.engine = engine;
        this.transport = transport;
        this.credentials = credentials;
        this.scheduler = scheduler;
        this.options = options;
    }

    /** See {@link dev.hexsync.ports.api.SyncDatabase#requestCheckpoint()}. */
    CompletableFuture<Void> request() {
        if (options.checkpointMode() != ConnectOptions.CheckpointMode.REQUESTS) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                    "requestCheckpoint() needs checkpoint mode REQUESTS (ConnectOptions.withCheckpointMode)"));
        }
        CompletableFuture<Void> applied = new CompletableFuture<>();
        scheduler.executeBlocking(() -> {
            try {
                long id = engine.nextCheckpointRequestId();
                waiters.put(id, applied);
                post(id, applied);
            } catch (RuntimeException e) {
                applied.completeExceptionally(e);
            }
        });
        return applied;
    }

    private void post(long id, CompletableFuture<Void> applied) {
        if (applied.isDone() || !active.get()) {
            return;
        }
        try {
            transport.postCheckpointRequest(credentials.current(), engine.clientId(), Long.toString(id));
        } catch (RuntimeException e) {
            LOG.debug("Posting checkpoint request {} failed: {}", id, e.getMessage());
        }
        Duration retry = options.retryDelay().compareTo(MIN_REPOST) > 0 ? options.retryDelay() : MIN_REPOST;
        scheduler.schedule(retry, () -> scheduler.executeBlocking(() -> post(id, applied)));
    }

    /** A checkpoint was applied that covers the requests up to {@code requestId}: they complete. */
    void appliedThrough(long requestId) {
        var applied = waiters.headMap(requestId, true);
        applied.values().forEach(waiter -> waiter.complete(null));
        applied.clear();
    }

    /** The connection ended: waiting requests fail, and none is posted again. */
    void stop() {
        active.set(false);
        waiters.values().forEach(waiter -> waiter.completeExceptionally(
                new IllegalStateException("disconnected before the checkpoint was applied")));
        waiters.clear();
    }
}
