package dev.hexsync.domain.connection;

import dev.hexsync.domain.status.StatusUpdates;
import dev.hexsync.domain.sync.SyncEngine;
import dev.hexsync.domain.sync.SyncEvent;
import dev.hexsync.ports.api.BackendConnector;
import dev.hexsync.ports.api.ConnectOptions;
import dev.hexsync.ports.api.SyncDatabase;
import dev.hexsync.ports.model.SyncStatus;
import dev.hexsync.ports.storage.CrudQueue;
import dev.hexsync.ports.storage.CrudRecord;
import dev.hexsync.ports.time.Scheduler;
import dev.hexsync.ports.transport.Credentials;
import dev.hexsync.ports.transport.SyncTransport;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.hexsync.ports.metrics.SyncMetrics;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The upload side of one connection: hands queued changes to the application's backend until the queue is
 * empty, then makes the service acknowledge them (a write checkpoint, or a checkpoint request) and tells the
 * running iteration, which may then apply a checkpoint it held back. Runs as a blocking task on the scheduler,
 * at most once per throttle window; after a failure it runs again after the retry delay.
 */
final class UploadLoop {
    private static final Logger LOG = LoggerFactory.getLogger(UploadLoop.class);

    private final SyncEngine engine;
    private final SyncTransport transport;
    private final BackendConnector connector;
    private final SyncDatabase database;
    private final CrudQueue crud;
    private final CredentialsCache credentials;
    private final Scheduler scheduler;
    private final ConnectOptions options;
    private final StatusUpdates status;
    private final Consumer<SyncEvent> toIteration;
    private final SyncMetrics metrics;
    /** Since when queued entries have waited to be drained; null while the queue is drained. */
    private final AtomicReference<Instant> waitingSince;
    private final AtomicBoolean active = new AtomicBoolean(true);
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AtomicBoolean uploading = new AtomicBoolean();

    /**
     * @param database what the application's upload handler is given
     * @param toIteration hands the event that the uploads were acknowledged to the running iteration
     */
    UploadLoop(SyncEngine engine, SyncTransport transport, BackendConnector connector, SyncDatabase database,
            CrudQueue crud, CredentialsCache credentials, Scheduler scheduler, ConnectOptions options,
            StatusUpdates status, Consumer<SyncEvent> toIteration, SyncMetrics metrics,
            AtomicReference<Instant> waitingSince) {
        this.metrics = metrics;
        this.waitingSince = waitingSince;
        this.engine = engine;
        this.transport = transport;
        this.connector = connector;
        this.database = database;
        this.crud = crud;
        this.credentials = credentials;
        this.scheduler = scheduler;
        this.options = options;
        this.status = status;
        this.toIteration = toIteration;
    }

    /** Runs the loop soon (at most once per throttle window). */
    void trigger() {
        if (active.get() && scheduled.compareAndSet(false, true)) {
            scheduler.schedule(options.uploadThrottle(), () -> scheduler.executeBlocking(this::uploadAll));
        }
    }

    /** Runs no more rounds; a round under way ends after its current upload. */
    void stop() {
        active.set(false);
    }

    private void uploadAll() {
        scheduled.set(false);
        if (!active.get() || !uploading.compareAndSet(false, true)) {
            return;
        }
        boolean uploaded = false;
        boolean acknowledged = false;
        long stuckOn = -1;
        try {
            while (active.get()) {
                List<CrudRecord> first = crud.peek(1);
                if (first.isEmpty()) {
                    waitingSince.set(null);
                } else {
                    waitingSince.compareAndSet(null, scheduler.clock().now());
                }
                if (first.isEmpty()) {
                    // Also after a failed attempt to acknowledge an earlier upload: the database waits until
                    // a write checkpoint is installed, so keep trying while it does.
                    if (uploaded || crud.awaitingWriteCheckpoint()) {
                        acknowledgeUploads();
                        acknowledged = true;
                    }
                    break;
                }
                if (first.get(0).id() == stuckOn) {
                    throw new IllegalStateException("The upload handler returned without completing queue entry "
                            + stuckOn + "; call complete() on each uploaded batch or transaction");
                }
                stuckOn = first.get(0).id();
                setUploading(true, null);
                connector.uploadData(database);
                uploaded = true;
                setUploading(true, Optional.empty());
            }
            // A completed acknowledgement ends an earlier failure too (it may have been the acknowledgement).
            setUploading(false, acknowledged ? Optional.empty() : null);
        } catch (Exception e) {
            // With its stack trace: the failure is in the application's own uploadData, which only it can fix.
            LOG.warn("Upload failed: {}", e.getMessage(), e);
            metrics.uploadFailed();
            setUploading(false, Optional.of(e));
            if (active.get()) {
                scheduler.schedule(options.retryDelay(), this::trigger);
            }
        } finally {
            uploading.set(false);
        }
    }

    /** Makes the service acknowledge the uploads, then tells the engine (which may apply a held checkpoint). */
    private void acknowledgeUploads() {
        long sequence = crud.sequence();
        Credentials current = credentials.current();
        String clientId = engine.clientId();
        long checkpoint;
        if (options.checkpointMode() == ConnectOptions.CheckpointMode.REQUESTS) {
            long id = engine.nextCheckpointRequestId();
            checkpoint = Long.parseLong(transport.postCheckpointRequest(current, clientId, Long.toString(id)));
        } else {
            checkpoint = Long.parseLong(transport.fetchWriteCheckpoint(current, clientId));
        }
        if (crud.installWriteCheckpoint(checkpoint, sequence)) {
            toIteration.accept(new SyncEvent.UploadFinished());
        } else {
            // A write raced in: its upload comes next and acknowledges both.
            trigger();
        }
    }

    /** {@code error}: empty clears the upload error, null leaves it as it is. */
    private void setUploading(boolean uploadingNow, Optional<Throwable> error) {
        status.update(s -> {
            SyncStatus updated = s.withUploading(uploadingNow);
            return error == null ? updated : updated.withUploadError(error);
        });
    }
}
