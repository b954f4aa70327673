package dev.hexsync.domain.connection;

import dev.hexsync.domain.status.StatusUpdates;
import dev.hexsync.domain.stream.StreamKey;
import dev.hexsync.domain.sync.Instruction;
import dev.hexsync.domain.sync.StartOptions;
import dev.hexsync.domain.sync.SyncEngine;
import dev.hexsync.domain.sync.SyncEngineException;
import dev.hexsync.domain.sync.SyncEvent;
import dev.hexsync.ports.api.ConnectOptions;
import dev.hexsync.json.Json;
import dev.hexsync.ports.storage.StorageBusyException;
import dev.hexsync.ports.time.Scheduler;
import dev.hexsync.ports.transport.Credentials;
import dev.hexsync.ports.transport.CredentialsException;
import dev.hexsync.ports.transport.StreamLine;
import dev.hexsync.ports.transport.SyncStream;
import dev.hexsync.ports.transport.SyncTransport;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.hexsync.ports.metrics.SyncMetrics;
import java.time.Instant;
import java.nio.charset.StandardCharsets;

/**
 * The download side of one connection: opens the stream the engine asks for, feeds it every line, acts on the
 * engine's instructions, and starts over after a failure (after the retry delay) or a quiet restart (at once).
 * Each iteration runs as one blocking task on the scheduler; waits between iterations are scheduled, never slept.
 * Events from other threads (subscription changes, a token refresh, a finished upload) reach the running
 * iteration through {@link #handOff}.
 */
final class DownloadLoop {
    private static final Logger LOG = LoggerFactory.getLogger(DownloadLoop.class);
    private static final int BUSY_ATTEMPTS = 3;

    private final SyncEngine engine;
    private final SyncTransport transport;
    private final ConnectOptions options;
    private final Scheduler scheduler;
    private final CredentialsCache credentials;
    private final CheckpointRequests checkpoints;
    private final StatusUpdates status;
    private final Supplier<List<StreamKey>> activeStreams;
    private final Runnable uploadSoon;
    private final SyncMetrics metrics;
    private final CompletableFuture<Void> started = new CompletableFuture<>();
    private final AtomicBoolean active = new AtomicBoolean(true);
    /** Bumped on every change of the active streams, to spot changes made while an iteration starts. */
    private final AtomicLong streamsVersion = new AtomicLong();
    private volatile SyncStream stream;
    /** Set when an event from another thread (subscriptions, token refresh) ended the iteration: hide flag. */
    private volatile Boolean endedElsewhere;
    private volatile Scheduler.ScheduledTask pendingIteration;

    /**
     * @param activeStreams the streams the application subscribed to now
     * @param uploadSoon runs the upload loop soon: once the service answered, offline writes go up
     */
    DownloadLoop(SyncEngine engine, SyncTransport transport, ConnectOptions options, Scheduler scheduler,
            CredentialsCache credentials, CheckpointRequests checkpoints, StatusUpdates status,
            Supplier<List<StreamKey>> activeStreams, Runnable uploadSoon, SyncMetrics metrics) {
        this.metrics = metrics;
        this.engine = engine;
        this.transport = transport;
        this.options = options;
        this.scheduler = scheduler;
        this.credentials = credentials;
        this.checkpoints = checkpoints;
        this.status = status;
        this.activeStreams = activeStreams;
        this.uploadSoon = uploadSoon;
    }

    /** Starts iterating; the future completes once connecting has begun or a download error was recorded. */
    CompletableFuture<Void> start() {
        scheduleIteration(Duration.ZERO);
        return started;
    }

    /**
     * Ends the loop: cancels a pending iteration, closes the stream, stops the engine's iteration and records that
     * nothing is connected, downloading or uploading any more (stop the upload loop first).
     */
    void stop() {
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
            LOG.debug("Stopping the sync engine failed: {}", e.getMessage());
        }
        status.update(s -> s.withoutConnection().withUploading(false));
        started.complete(null);
    }

    boolean isActive() {
        return active.get();
    }

    /**
     * Tells a running iteration that the application's active streams changed. A change that arrives while an
     * iteration is being set up is picked up by it once it runs (see {@link #runIteration}).
     */
    void subscriptionsChanged(List<StreamKey> streams) {
        streamsVersion.incrementAndGet();
        if (active.get()) {
            handOff(new SyncEvent.SubscriptionsUpdated(streams));
        }
    }

    /**
     * Hands an event from outside the loop thread to the iteration, if one runs (it may just have ended), and acts
     * on the instructions; when they end the iteration, closes the stream the loop reads.
     */
    void handOff(SyncEvent event) {
        Boolean close = execute(handleIfRunning(event));
        if (close != null) {
            endedElsewhere = close;
            SyncStream open = stream;
            if (open != null) {
                open.close();
            }
        }
    }

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
            credentials.forget();
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
                    LOG.debug("Stopping the iteration failed: {}", e.getMessage());
                }
            }
            scheduleIteration(hide ? Duration.ZERO : options.retryDelay());
        }
    }

    /** One iteration; returns whether the next one may start at once (a hidden disconnect). */
    private boolean runIteration() {
        Credentials current = credentials.current();
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
            close = handleLine(event, line);
            if (firstLine) {
                // Writes made while offline go up as soon as the service answers.
                firstLine = false;
                uploadSoon.run();
            }
        }
        return close != null && close;
    }

    /** One line through the engine, with what it did reported to the metrics. */
    private Boolean handleLine(SyncEvent event, StreamLine line) {
        metrics.bytesDownloaded(line instanceof StreamLine.Text text
                ? text.line().getBytes(StandardCharsets.UTF_8).length : ((StreamLine.Binary) line).document().length);
        long opsBefore = engine.opsStored();
        Instant began = scheduler.clock().now();
        List<Instruction> instructions = handleRetryingBusy(event);
        long ops = engine.opsStored() - opsBefore;
        if (ops > 0) {
            metrics.opsApplied(ops);
        }
        if (instructions.stream().anyMatch(Instruction.DidCompleteSync.class::isInstance)) {
            metrics.checkpointApplied(Duration.between(began, scheduler.clock().now()));
        }
        return execute(instructions);
    }

    private List<Instruction> handleRetryingBusy(SyncEvent event) {
        for (int attempt = 1; ; attempt++) {
            try {
                return engine.handle(event);
            } catch (StorageBusyException busy) {
                // The engine left its state unchanged: the same line may be handed in again.
                if (attempt >= BUSY_ATTEMPTS) {
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
            // The engine's INFO lines narrate routine protocol steps (a checkpoint waiting for pending uploads
            // comes with every upload), so an application's log sees them at DEBUG; warnings stay warnings.
            // The instruction keeps the engine's own severity: the conformance results compare it.
            switch (log.severity()) {
                case DEBUG, INFO -> LOG.debug(log.line());
                case WARNING -> LOG.warn(log.line());
            }
        } else if (instruction instanceof Instruction.FetchCredentials fetch) {
            if (fetch.didExpire()) {
                credentials.forget();
            } else {
                // Fetch new credentials ahead of expiry, then restart quietly with them.
                scheduler.executeBlocking(this::prefetchCredentials);
            }
        } else if (instruction instanceof Instruction.DidCompleteSync complete) {
            status.update(s -> s.withDownloadError(Optional.empty()));
            if (complete.appliedCheckpointRequestId() != null) {
                checkpoints.appliedThrough(complete.appliedCheckpointRequestId());
            }
        }
    }

    private void prefetchCredentials() {
        try {
            credentials.refresh().ifPresent(fresh -> {
                if (active.get()) {
                    handOff(new SyncEvent.TokenRefreshed());
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("Prefetching credentials failed: {}", e.getMessage());
        }
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
        // Retried with a delay, so the message at WARN; the stack trace once per failure at DEBUG.
        LOG.warn("Sync iteration failed: {}", error.getMessage());
        LOG.debug("Sync iteration failed", error);
        metrics.reconnecting();
        status.update(s -> s.withoutConnection().withDownloadError(Optional.of(error)));
        started.complete(null);
    }
}
