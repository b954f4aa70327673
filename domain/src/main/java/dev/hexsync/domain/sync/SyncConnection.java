package dev.hexsync.domain.sync;

import dev.hexsync.domain.stream.StreamKey;
import dev.hexsync.json.Json;
import dev.hexsync.ports.api.BackendConnector;
import dev.hexsync.ports.api.ConnectOptions;
import dev.hexsync.ports.api.SyncDatabase;
import dev.hexsync.ports.model.SyncStatus;
import dev.hexsync.ports.storage.CrudQueue;
import dev.hexsync.ports.storage.CrudRecord;
import dev.hexsync.ports.storage.StorageBusyException;
import dev.hexsync.ports.transport.Credentials;
import dev.hexsync.ports.transport.CredentialsException;
import dev.hexsync.ports.transport.StreamLine;
import dev.hexsync.ports.transport.SyncStream;
import dev.hexsync.ports.transport.SyncTransport;
import dev.hexsync.ports.time.Scheduler;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The connection of one database to its sync service: the connection loop (open the stream the engine asks
 * for, feed it every line, act on the engine's instructions, retry after failures) and the upload loop (hand
 * queued changes to the application's backend, then make the service acknowledge them).
 *
 * <p>Each iteration runs as one blocking task on the scheduler; waits between iterations are scheduled, never
 * slept. One instance serves one {@code connect()}; {@link #stop()} ends it.
 */
public final class SyncConnection {
    private static final System.Logger LOG = System.getLogger(SyncConnection.class.getName());

    private final SyncEngine engine;
    private final SyncTransport transport;
    private final BackendConnector connector;
    private final ConnectOptions options;
    private final Scheduler scheduler;
    private final SyncDatabase database;
    private final CrudQueue crud;
    private final Supplier<List<StreamKey>> activeStreams;
    private final java.util.function.Consumer<UnaryOperator<SyncStatus>> status;
    private final CompletableFuture<Void> started = new CompletableFuture<>();
    private final AtomicBoolean active = new AtomicBoolean(true);
    private final AtomicBoolean uploadScheduled = new AtomicBoolean();
    private final AtomicBoolean uploading = new AtomicBoolean();
    private volatile SyncStream stream;
    /** Set when an event from another thread (subscriptions, token refresh) ended the iteration: hide flag. */
    private volatile Boolean endedElsewhere;
    /** Bumped on every change of the active streams, to spot changes made while an iteration starts. */
    private final java.util.concurrent.atomic.AtomicLong streamsVersion = new java.util.concurrent.atomic.AtomicLong();
    private volatile Credentials credentials;
    private volatile Scheduler.ScheduledTask pendingIteration;
    /** Checkpoint requests waiting to be applied: request id to future. */
    private final java.util.concurrent.ConcurrentSkipListMap<Long, CompletableFuture<Void>> checkpointWaiters =
            new java.util.concurrent.ConcurrentSkipListMap<>();

    public SyncConnection(SyncEngine engine, SyncTransport transport, BackendConnector connector, ConnectOptions options,
            Scheduler scheduler, SyncDatabase database, CrudQueue crud, Supplier<List<StreamKey>> activeStreams,
            java.util.function.Consumer<UnaryOperator<SyncStatus>> status) {
        this.engine = engine;
        this.transport = transport;
        this.connector = connector;
        this.options = options;
        this.scheduler = scheduler;
        this.database = database;
        this.crud = crud;
        this.activeStreams = activeStreams;
        this.status = status;
    }

    /** Starts the loops; the future completes once connecting has begun or a download error was recorded. */
    public CompletableFuture<Void> start() {
        scheduleIteration(Duration.ZERO);
        triggerUpload();
        return started;
    }

    /** Ends the loops and closes the stream; the engine's iteration is stopped. */
    public void stop() {
        if (!active.getAndSet(false)) {
            return;
        }
        Scheduler.ScheduledTask pending = pendingIteration;
        if (pending != null) {
            pending.cancel();
        }
        SyncStream open = stream;
        if (open != null) {
            open.close();
        }
        try {
            engine.stop();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "Stopping the sync engine failed: {0}", e.getMessage());
        }
        status.accept(s -> new SyncStatus(false, false, false, false, Optional.empty(), s.priorityStatus(), s.streams(),
                s.uploadError(), s.downloadError(), s.stateLoaded()));
        started.complete(null);
        checkpointWaiters.values().forEach(waiter -> waiter.completeExceptionally(
                new IllegalStateException("disconnected before the checkpoint was applied")));
        checkpointWaiters.clear();
    }

    public boolean isActive() {
        return active.get();
    }

    /** Runs the upload loop soon (at most once per throttle window). */
    public void triggerUpload() {
        if (active.get() && uploadScheduled.compareAndSet(false, true)) {
            scheduler.schedule(options.uploadThrottle(), () -> scheduler.executeBlocking(this::uploadAll));
        }
    }

    /**
     * Tells a running iteration that the application's active streams changed. A change that arrives while
     * an iteration is being set up is picked up by it once it runs (see {@link #runIteration}).
     */
    public void subscriptionsChanged(List<StreamKey> streams) {
        streamsVersion.incrementAndGet();
        if (active.get()) {
            endIfClosed(execute(handleIfRunning(new SyncEvent.SubscriptionsUpdated(streams))));
        }
    }

    /** Hands an event from outside the loop thread to the iteration, if one runs (it may just have ended). */
    private List<Instruction> handleIfRunning(SyncEvent event) {
        try {
            return engine.isRunning() ? engine.handle(event) : List.of();
        } catch (SyncEngineException e) {
            if (e.kind() == SyncEngineException.Kind.STATE) {
                return List.of();
            }
            throw e;
        }
    }

    /** When an event handled off the loop thread ended the iteration, closes the stream the loop reads. */
    private void endIfClosed(Boolean close) {
        if (close != null) {
            endedElsewhere = close;
            SyncStream open = stream;
            if (open != null) {
                open.close();
            }
        }
    }

    // ---- the connection loop ------------------------------------------------------------------------------

    private void scheduleIteration(Duration delay) {
        if (active.get()) {
            pendingIteration = scheduler.schedule(delay, () -> scheduler.executeBlocking(this::iteration));
        }
    }

    private void iteration() {
        if (!active.get()) {
            return;
        }
        boolean hide = false;
        try {
            hide = runIteration();
        } catch (CredentialsException e) {
            credentials = null;
            if (active.get()) {
                recordDownloadError(e);
            }
        } catch (RuntimeException e) {
            // After disconnect() the stream and the engine were closed under the loop: not a failure.
            if (active.get()) {
                recordDownloadError(e);
            }
        } finally {
            SyncStream open = stream;
            stream = null;
            if (open != null) {
                open.close();
            }
        }
        if (active.get()) {
            if (engine.isRunning()) {
                try {
                    engine.stop();
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.DEBUG, "Stopping the iteration failed: {0}", e.getMessage());
                }
            }
            scheduleIteration(hide ? Duration.ZERO : options.retryDelay());
        }
    }

    /** One iteration; returns whether the next one may start at once (a hidden disconnect). */
    private boolean runIteration() {
        Credentials current = credentials();
        endedElsewhere = null;
        long version = streamsVersion.get();
        List<Instruction> instructions = engine.start(startOptions());
        started.complete(null);
        Instruction.EstablishSyncStream establish = null;
        for (Instruction instruction : instructions) {
            if (instruction instanceof Instruction.EstablishSyncStream e) {
                establish = e;
            } else {
                apply(instruction);
            }
        }
        if (establish == null) {
            return false;
        }
        if (establish.checkpointRequest() != null) {
            Instruction.CheckpointRequest request = establish.checkpointRequest();
            String accepted = transport.postCheckpointRequest(current, request.clientId(),
                    Long.toString(request.checkpointRequestId()));
            engine.seedCheckpointRequestId(Long.parseLong(accepted));
        }
        SyncStream opened = transport.openStream(current, Json.write(establish.request()));
        stream = opened;
        if (!active.get() || endedElsewhere != null) {
            // Disconnected, or an event (a subscription change) ended this iteration while the stream opened.
            opened.close();
            return endedElsewhere != null && endedElsewhere;
        }
        Boolean close = execute(engine.handle(new SyncEvent.ConnectionEstablished()));
        if (close == null && streamsVersion.get() != version) {
            // The application changed its streams while this iteration started: no change may be lost.
            close = execute(engine.handle(new SyncEvent.SubscriptionsUpdated(activeStreams.get())));
        }
        boolean firstLine = true;
        while (close == null && active.get()) {
            StreamLine line;
            try {
                line = opened.next();
            } catch (RuntimeException e) {
                if (endedElsewhere != null) {
                    return endedElsewhere;
                }
                throw e;
            }
            if (endedElsewhere != null) {
                return endedElsewhere;
            }
            if (line == null) {
                close = execute(engine.handle(new SyncEvent.StreamEnded()));
                break;
            }
            SyncEvent event = line instanceof StreamLine.Text text
                    ? new SyncEvent.TextLine(text.line()) : new SyncEvent.BinaryLine(((StreamLine.Binary) line).document());
            close = execute(handleRetryingBusy(event));
            if (firstLine) {
                // Writes made while offline go up as soon as the service answers.
                firstLine = false;
                triggerUpload();
            }
        }
        return close != null && close;
    }

    private List<Instruction> handleRetryingBusy(SyncEvent event) {
        for (int attempt = 1; ; attempt++) {
            try {
                return engine.handle(event);
            } catch (StorageBusyException busy) {
                // The engine left its state unchanged: the same line may be handed in again.
                if (attempt >= 3) {
                    throw busy;
                }
            }
        }
    }

    /** Acts on instructions; returns the close flag when one ends the iteration, else null. */
    private Boolean execute(List<Instruction> instructions) {
        Boolean close = null;
        for (Instruction instruction : instructions) {
            if (instruction instanceof Instruction.CloseSyncStream c) {
                close = c.hideDisconnect();
            } else {
                apply(instruction);
            }
        }
        return close;
    }

    private void apply(Instruction instruction) {
        if (instruction instanceof Instruction.LogLine log) {
            System.Logger.Level level = switch (log.severity()) {
                case DEBUG -> System.Logger.Level.DEBUG;
                case INFO -> System.Logger.Level.INFO;
                case WARNING -> System.Logger.Level.WARNING;
            };
            LOG.log(level, log.line());
        } else if (instruction instanceof Instruction.FetchCredentials fetch) {
            if (fetch.didExpire()) {
                credentials = null;
            } else {
                // Fetch new credentials ahead of expiry, then restart quietly with them.
                scheduler.executeBlocking(this::prefetchCredentials);
            }
        } else if (instruction instanceof Instruction.DidCompleteSync complete) {
            status.accept(s -> new SyncStatus(s.connected(), s.connecting(), s.downloading(), s.uploading(),
                    s.downloadProgress(), s.priorityStatus(), s.streams(), s.uploadError(), Optional.empty(), s.stateLoaded()));
            if (complete.appliedCheckpointRequestId() != null) {
                var applied = checkpointWaiters.headMap(complete.appliedCheckpointRequestId(), true);
                applied.values().forEach(waiter -> waiter.complete(null));
                applied.clear();
            }
        }
    }

    private void prefetchCredentials() {
        try {
            connector.fetchCredentials().ifPresent(fresh -> {
                credentials = fresh;
                if (active.get()) {
                    endIfClosed(execute(handleIfRunning(new SyncEvent.TokenRefreshed())));
                }
            });
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Prefetching credentials failed: {0}", e.getMessage());
        }
    }

    private Credentials credentials() {
        Credentials current = credentials;
        if (current == null) {
            current = connector.fetchCredentials().orElseThrow(() -> new CredentialsException("Not signed in"));
            credentials = current;
        }
        return current;
    }

    private StartOptions startOptions() {
        // Always an object: the service's request schema allows the key absent or an object, never null
        // (PSYNC_S2001 "/parameters: type must be object"), and the official SDKs send {} when there are none.
        String params = Json.write(options.params());
        String appMetadata = options.appMetadata().isEmpty() ? null : Json.write(new LinkedHashMap<>(options.appMetadata()));
        return new StartOptions(params, List.of(), options.includeDefaultStreams(), activeStreams.get(), appMetadata,
                options.checkpointMode() == ConnectOptions.CheckpointMode.REQUESTS
                        ? StartOptions.CheckpointMode.REQUESTS : StartOptions.CheckpointMode.LEGACY);
    }

    private void recordDownloadError(Throwable error) {
        LOG.log(System.Logger.Level.WARNING, "Sync iteration failed: {0}", error.getMessage());
        status.accept(s -> new SyncStatus(false, false, false, s.uploading(), Optional.empty(), s.priorityStatus(),
                s.streams(), s.uploadError(), Optional.of(error), s.stateLoaded()));
        started.complete(null);
    }

    // ---- checkpoint requests ------------------------------------------------------------------------------

    /**
     * Asks the service for a checkpoint that includes everything it has seen of this client; completes once
     * such a checkpoint was applied locally. Unlike an upload, it does not hold back publishing. Requests the
     * service has not acknowledged are posted again every {@code max(retryDelay, 10 s)}.
     */
    public CompletableFuture<Void> requestCheckpoint() {
        if (options.checkpointMode() != ConnectOptions.CheckpointMode.REQUESTS) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                    "requestCheckpoint() needs checkpoint mode REQUESTS (ConnectOptions.withCheckpointMode)"));
        }
        CompletableFuture<Void> applied = new CompletableFuture<>();
        scheduler.executeBlocking(() -> {
            try {
                long id = engine.nextCheckpointRequestId();
                checkpointWaiters.put(id, applied);
                postRequest(id, applied);
            } catch (RuntimeException e) {
                applied.completeExceptionally(e);
            }
        });
        return applied;
    }

    private void postRequest(long id, CompletableFuture<Void> applied) {
        if (applied.isDone() || !active.get()) {
            return;
        }
        try {
            transport.postCheckpointRequest(credentials(), engine.clientId(), Long.toString(id));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "Posting checkpoint request {0} failed: {1}", id, e.getMessage());
        }
        Duration retry = options.retryDelay().compareTo(Duration.ofSeconds(10)) > 0 ? options.retryDelay() : Duration.ofSeconds(10);
        scheduler.schedule(retry, () -> scheduler.executeBlocking(() -> postRequest(id, applied)));
    }

    // ---- the upload loop ----------------------------------------------------------------------------------

    private void uploadAll() {
        uploadScheduled.set(false);
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
            LOG.log(System.Logger.Level.WARNING, "Upload failed: {0}", e.getMessage());
            setUploading(false, Optional.of(e));
            if (active.get()) {
                scheduler.schedule(options.retryDelay(), this::triggerUpload);
            }
        } finally {
            uploading.set(false);
        }
    }

    /** Makes the service acknowledge the uploads, then tells the engine (which may apply a held checkpoint). */
    private void acknowledgeUploads() {
        long sequence = crud.sequence();
        Credentials current = credentials();
        String clientId = engine.clientId();
        long checkpoint;
        if (options.checkpointMode() == ConnectOptions.CheckpointMode.REQUESTS) {
            long id = engine.nextCheckpointRequestId();
            checkpoint = Long.parseLong(transport.postCheckpointRequest(current, clientId, Long.toString(id)));
        } else {
            checkpoint = Long.parseLong(transport.fetchWriteCheckpoint(current, clientId));
        }
        if (crud.installWriteCheckpoint(checkpoint, sequence)) {
            endIfClosed(execute(handleIfRunning(new SyncEvent.UploadFinished())));
        } else {
            // A write raced in: its upload comes next and acknowledges both.
            triggerUpload();
        }
    }

    private void setUploading(boolean uploadingNow, Optional<Throwable> error) {
        status.accept(s -> new SyncStatus(s.connected(), s.connecting(), s.downloading(), uploadingNow,
                s.downloadProgress(), s.priorityStatus(), s.streams(), error == null ? s.uploadError() : error,
                s.downloadError(), s.stateLoaded()));
    }
}
