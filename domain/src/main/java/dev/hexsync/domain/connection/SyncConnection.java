package dev.hexsync.domain.connection;

import dev.hexsync.domain.status.StatusUpdates;
import dev.hexsync.domain.stream.StreamKey;
import dev.hexsync.domain.sync.SyncEngine;
import dev.hexsync.ports.api.BackendConnector;
import dev.hexsync.ports.api.ConnectOptions;
import dev.hexsync.ports.api.SyncDatabase;
import dev.hexsync.ports.storage.CrudQueue;
import dev.hexsync.ports.time.Scheduler;
import dev.hexsync.ports.transport.SyncTransport;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import dev.hexsync.ports.metrics.SyncMetrics;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One {@code connect()} of a database to its sync service: the download loop, the upload loop and the
 * checkpoint requests, sharing one credentials cache. {@link #stop()} ends them all; a new {@code connect()}
 * makes a new connection.
 */
public final class SyncConnection {
    private final DownloadLoop download;
    private final UploadLoop upload;
    private final CheckpointRequests checkpoints;
    private final AtomicBoolean active = new AtomicBoolean(true);

    /**
     * @param database what the application's upload handler is given
     * @param crud the upload queue the upload loop drains
     * @param activeStreams the streams the application subscribed to now
     * @param status where the loops report connecting, uploading and errors
     */
    public SyncConnection(SyncEngine engine, SyncTransport transport, BackendConnector connector,
            ConnectOptions options, Scheduler scheduler, SyncDatabase database, CrudQueue crud,
            Supplier<List<StreamKey>> activeStreams, StatusUpdates status) {
        this(engine, transport, connector, options, scheduler, database, crud, activeStreams, status, SyncMetrics.NONE,
                new AtomicReference<>());
    }

    /**
     * @param metrics where the loops report what they did
     * @param uploadsWaitingSince set by the upload loop while entries wait to be drained (the queue's age)
     */
    public SyncConnection(SyncEngine engine, SyncTransport transport, BackendConnector connector,
            ConnectOptions options, Scheduler scheduler, SyncDatabase database, CrudQueue crud,
            Supplier<List<StreamKey>> activeStreams, StatusUpdates status, SyncMetrics metrics,
            AtomicReference<Instant> uploadsWaitingSince) {
        CredentialsCache credentials = new CredentialsCache(connector);
        this.checkpoints = new CheckpointRequests(engine, transport, credentials, scheduler, options);
        this.download = new DownloadLoop(engine, transport, options, scheduler, credentials, checkpoints, status,
                activeStreams, this::triggerUpload, metrics);
        this.upload = new UploadLoop(engine, transport, connector, database, crud, credentials, scheduler, options,
                status, download::handOff, metrics, uploadsWaitingSince);
    }

    /** Starts the loops; the future completes once connecting has begun or a download error was recorded. */
    public CompletableFuture<Void> start() {
        CompletableFuture<Void> started = download.start();
        upload.trigger();
        return started;
    }

    /** Ends the loops and closes the stream; the engine's iteration is stopped, waiting checkpoint requests fail. */
    public void stop() {
        if (!active.getAndSet(false)) {
            return;
        }
        upload.stop();
        download.stop();
        checkpoints.stop();
    }

    public boolean isActive() {
        return active.get();
    }

    /** Runs the upload loop soon (at most once per throttle window). */
    public void triggerUpload() {
        upload.trigger();
    }

    /** Tells a running iteration that the application's active streams changed. */
    public void subscriptionsChanged(List<StreamKey> streams) {
        download.subscriptionsChanged(streams);
    }

    /** See {@link SyncDatabase#requestCheckpoint()}. */
    public CompletableFuture<Void> requestCheckpoint() {
        return checkpoints.request();
    }
}
