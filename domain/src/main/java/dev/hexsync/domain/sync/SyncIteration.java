package dev.hexsync.domain.sync;

import dev.hexsync.domain.bucket.BucketLedger;
import dev.hexsync.domain.bucket.DownloadKeys;
import dev.hexsync.domain.checkpoint.CheckpointKeys;
import dev.hexsync.domain.checkpoint.DownloadProgress;
import dev.hexsync.domain.checkpoint.LocalSync;
import dev.hexsync.domain.checkpoint.TrackedCheckpoint;
import dev.hexsync.domain.stream.ActiveStream;
import dev.hexsync.domain.stream.SubscriptionRequest;
import dev.hexsync.domain.stream.Subscriptions;
import dev.hexsync.ports.ProtocolException;
import dev.hexsync.ports.model.BucketChecksum;
import dev.hexsync.ports.model.OpId;
import dev.hexsync.ports.model.SyncLine;
import dev.hexsync.ports.storage.StorageBusyException;
import dev.hexsync.ports.storage.sync.BucketStore;
import dev.hexsync.ports.storage.sync.SyncStorage;
import dev.hexsync.ports.sync.SyncLineDecoder;
import dev.hexsync.ports.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * One sync iteration: from {@code start} to the {@link Instruction.CloseSyncStream} that ends it.
 *
 * <p>Each line is handled in two steps, as the engine does: {@code prepare} writes to the store and reads
 * nothing but the current state; {@code apply} then changes the in-memory state and cannot fail. A storage
 * error in between leaves the iteration as it was, so a line that met a busy database can be handed in
 * again.
 */
final class SyncIteration {
    private final SyncStorage store;
    private final SyncLineDecoder decoder;
    private final Clock clock;
    private StartOptions options;
    private final StatusTracker status = new StatusTracker();
    /** Keys this iteration's data lines stored in buckets it found empty: lookups it may skip. */
    private final DownloadKeys downloadKeys = new DownloadKeys();
    /** Before the first checkpoint: the local bucket names; afterwards null. */
    private List<String> localBucketsBeforeCheckpoint;
    private SubscriptionRequest requestBeforeCheckpoint;
    private TrackedCheckpoint tracked;
    /** A checkpoint that validated but could not be published because of local writes. */
    private TrackedCheckpoint validatedButNotApplied;
    /** Ops stored from data lines so far (for metrics). */
    private long opsStored;

    /**
     * What handling an event produced.
     *
     * @param storedDataOnly the event was a data line: it only stored downloaded ops, which nothing reads
     *     before a checkpoint is applied, so its commit may wait for the next event's
     */
    record Outcome(List<Instruction> instructions, boolean done, boolean storedDataOnly) {
        Outcome(List<Instruction> instructions, boolean done) {
            this(instructions, done, false);
        }
    }

    SyncIteration(SyncStorage store, SyncLineDecoder decoder, Clock clock, StartOptions options) {
        this.store = store;
        this.decoder = decoder;
        this.clock = clock;
        this.options = options;
    }

    /** Builds the request: status (offline state, connecting), then the stream to establish. */
    List<Instruction> initialize() {
        List<Instruction> out = new ArrayList<>();
        long now = nowMicros();
        DownloadStatus offline = offlineStatus(store);
        status.replace(offline);
        status.update(DownloadStatus::startConnecting, out);

        List<BucketStore.BucketRequest> buckets = store.buckets().bucketRequests();
        Subscriptions.extend(store.subscriptions(), options.activeStreams(), now);
        SubscriptionRequest subscriptions = Subscriptions.request(store.subscriptions(), options.includeDefaults(), now);
        String clientId = store.keyValues().clientId();
        Instruction.CheckpointRequest checkpointRequest = null;
        if (options.checkpointMode() == StartOptions.CheckpointMode.REQUESTS) {
            long lastRequested = store.keyValues().readLong(CheckpointKeys.LAST_REQUESTED).orElse(0);
            long target = store.keyValues().readLong(CheckpointKeys.TARGET).orElse(0);
            long concreteTarget = target > 0 && target != Long.MAX_VALUE ? target : 0;
            checkpointRequest = new Instruction.CheckpointRequest(clientId, Math.max(Math.max(lastRequested, concreteTarget), 1));
        }
        out.add(new Instruction.EstablishSyncStream(SyncRequestBody.of(buckets, clientId, options, subscriptions), checkpointRequest));
        localBucketsBeforeCheckpoint = buckets.stream().map(BucketStore.BucketRequest::name).toList();
        requestBeforeCheckpoint = subscriptions;
        return out;
    }

    /** The status an idle client reports: completed syncs and local subscriptions. */
    static DownloadStatus offlineStatus(SyncStorage store) {
        DownloadStatus offline = new DownloadStatus();
        for (Map.Entry<Integer, Long> state : store.keyValues().syncStates().entrySet()) {
            offline.priorityStatus.add(new DownloadStatus.PriorityStatus(state.getKey(), state.getValue(), true));
        }
        offline.streams = new ArrayList<>(Subscriptions.offline(store.subscriptions()));
        return offline;
    }

    /** Ends the iteration on request ({@code stop}, or a new {@code start}). */
    /** Ops stored from data lines by this iteration. */
    long opsStored() {
        return opsStored;
    }

    Outcome tearDown() {
        List<Instruction> out = new ArrayList<>();
        status.update(DownloadStatus::disconnect, out);
        out.add(new Instruction.CloseSyncStream(false));
        return new Outcome(out, true);
    }

    /**
     * Handles an event.
     *
     * @throws StorageBusyException when the store was busy: nothing changed, hand the event in again
     * @throws RuntimeException any other failure: the iteration is over
     */
    Outcome handle(SyncEvent event) {
        List<Instruction> out = new ArrayList<>();
        SyncLine line;
        long size;
        if (event instanceof SyncEvent.TextLine text) {
            line = decoder.decodeText(text.line());
            size = utf8Length(text.line());
        } else if (event instanceof SyncEvent.BinaryLine binary) {
            line = decoder.decodeBinary(binary.line());
            size = binary.line().length;
        } else if (event instanceof SyncEvent.UploadFinished) {
            applyPendingAfterUpload(out);
            return new Outcome(out, false);
        } else if (event instanceof SyncEvent.SubscriptionsUpdated updated) {
            Subscriptions.extend(store.subscriptions(), updated.activeStreams(), nowMicros());
            SubscriptionRequest request = Subscriptions.request(store.subscriptions(), options.includeDefaults(), nowMicros());
            if (!request.sameRequestAs(currentRequest())) {
                return close(out, true);
            }
            options = new StartOptions(options.parameters(), options.rawTables(), options.includeDefaults(),
                    updated.activeStreams(), options.appMetadata(), options.checkpointMode());
            return new Outcome(out, false);
        } else if (event instanceof SyncEvent.ConnectionEstablished) {
            status.update(DownloadStatus::markConnected, out);
            return new Outcome(out, false);
        } else if (event instanceof SyncEvent.StreamEnded) {
            status.update(DownloadStatus::disconnect, out);
            return close(out, false);
        } else if (event instanceof SyncEvent.TokenRefreshed) {
            return close(out, true);
        } else {
            throw new IllegalArgumentException("Unknown event " + event);
        }
        status.updateOnly(DownloadStatus::markConnected);
        Transition transition = prepare(line, size, out);
        Boolean close = apply(transition, out);
        if (close != null) {
            return close(out, close);
        }
        status.emitChanges(out);
        return new Outcome(out, false, transition instanceof DataSaved);
    }

    private static Outcome close(List<Instruction> out, boolean hideDisconnect) {
        out.add(new Instruction.CloseSyncStream(hideDisconnect));
        return new Outcome(out, true);
    }

    private SubscriptionRequest currentRequest() {
        return tracked != null ? tracked.requested() : requestBeforeCheckpoint;
    }

    // ---- the two steps of a line ------------------------------------------------------------------------

    private sealed interface Transition {
    }

    private record StartTracking(DownloadProgress progress, TrackedCheckpoint checkpoint, List<ActiveStream> streams)
            implements Transition {
    }

    private record DataSaved(SyncLine.Data line) implements Transition {
    }

    private record PendingCrud(TrackedCheckpoint checkpoint) implements Transition {
    }

    private record Applied(Long checkpointRequestId, Integer partialPriority, long timestamp) implements Transition {
    }

    private record Close(boolean hideDisconnect) implements Transition {
    }

    private record Nothing() implements Transition {
    }

    private Transition prepare(SyncLine line, long size, List<Instruction> out) {
        if (line instanceof SyncLine.Checkpoint checkpoint) {
            TreeSet<String> toDelete = new TreeSet<>(tracked != null ? tracked.buckets().keySet() : localBucketsBeforeCheckpoint);
            for (BucketChecksum bucket : checkpoint.buckets()) {
                toDelete.remove(bucket.bucket());
            }
            TrackedCheckpoint updated = TrackedCheckpoint.of(checkpoint, currentRequest());
            store.buckets().deleteBuckets(toDelete);
            return startTracking(updated, out);
        }
        if (line instanceof SyncLine.CheckpointDiff diff) {
            if (tracked == null) {
                throw new ProtocolException("Received checkpoint_diff without previous checkpoint");
            }
            TrackedCheckpoint updated = tracked.apply(diff);
            store.buckets().deleteBuckets(diff.removedBuckets());
            return startTracking(updated, out);
        }
        if (line instanceof SyncLine.CheckpointComplete) {
            if (tracked == null) {
                throw new ProtocolException("Received checkpoint complete without previous checkpoint");
            }
            LocalSync.Result result = syncLocal(tracked, null);
            if (result instanceof LocalSync.ChecksumFailure failure) {
                out.add(new Instruction.LogLine(Instruction.Severity.WARNING, "Could not apply checkpoint, " + failure.describe()));
                return new Close(false);
            }
            if (result instanceof LocalSync.PendingLocalChanges) {
                out.add(new Instruction.LogLine(Instruction.Severity.INFO,
                        "Could not apply checkpoint due to local data. Will retry at completed upload or next checkpoint."));
                return new PendingCrud(tracked);
            }
            out.add(new Instruction.LogLine(Instruction.Severity.DEBUG, "Validated and applied checkpoint"));
            Long requestId = tracked.writeCheckpoint().map(OpId::value).orElse(null);
            if (requestId != null) {
                store.keyValues().writeLong(CheckpointKeys.LAST_APPLIED, requestId);
            }
            return new Applied(requestId, null, ((LocalSync.Applied) result).timestampMicros());
        }
        if (line instanceof SyncLine.PartialCheckpointComplete partial) {
            if (tracked == null) {
                throw new SyncEngineException(SyncEngineException.Kind.STATE,
                        "Received checkpoint complete without previous checkpoint");
            }
            LocalSync.Result result = syncLocal(tracked, partial.priority());
            if (result instanceof LocalSync.ChecksumFailure failure) {
                out.add(new Instruction.LogLine(Instruction.Severity.WARNING,
                        "Could not apply partial checkpoint, " + failure.describe()));
                return new Close(false);
            }
            if (result instanceof LocalSync.PendingLocalChanges) {
                // Held back until a full checkpoint can be applied; the engine says nothing.
                return new Nothing();
            }
            return new Applied(null, partial.priority(), ((LocalSync.Applied) result).timestampMicros());
        }
        if (line instanceof SyncLine.Data data) {
            BucketLedger.apply(store.buckets(), store.oplog(), data, size, downloadKeys);
            opsStored += data.data().size();
            return new DataSaved(data);
        }
        if (line instanceof SyncLine.TokenExpiresIn keepalive) {
            Subscriptions.extend(store.subscriptions(), options.activeStreams(), nowMicros());
            if (keepalive.seconds() <= 0) {
                out.add(new Instruction.FetchCredentials(true));
                return new Close(false);
            }
            if (keepalive.seconds() <= 30) {
                out.add(new Instruction.FetchCredentials(false));
                return new Nothing();
            }
            // Subscriptions may have expired meanwhile: restart when the request would change.
            SubscriptionRequest request = Subscriptions.request(store.subscriptions(), options.includeDefaults(), nowMicros());
            return request.sameRequestAs(currentRequest()) ? new Nothing() : new Close(true);
        }
        out.add(new Instruction.LogLine(Instruction.Severity.DEBUG, "Unknown sync line"));
        return new Nothing();
    }

    private Transition startTracking(TrackedCheckpoint updated, List<Instruction> out) {
        DownloadProgress progress = DownloadProgress.forCheckpoint(updated, store.buckets());
        List<String> warnings = new ArrayList<>();
        List<ActiveStream> streams = Subscriptions.resolve(store.subscriptions(), updated, warnings);
        for (String warning : warnings) {
            out.add(new Instruction.LogLine(Instruction.Severity.WARNING, warning));
        }
        return new StartTracking(progress, updated, streams);
    }

    /** Returns the close flag (hide disconnect) when the iteration ends, else null. */
    private Boolean apply(Transition transition, List<Instruction> out) {
        if (transition instanceof StartTracking start) {
            status.update(s -> s.startTrackingCheckpoint(start.progress(), start.streams()), out);
            validatedButNotApplied = null;
            tracked = start.checkpoint();
            localBucketsBeforeCheckpoint = null;
        } else if (transition instanceof DataSaved saved) {
            status.update(s -> s.trackLine(saved.line().bucket(), saved.line().data().size()), out);
        } else if (transition instanceof PendingCrud pending) {
            validatedButNotApplied = pending.checkpoint();
        } else if (transition instanceof Applied applied) {
            if (applied.partialPriority() != null) {
                status.update(s -> s.partialCheckpointComplete(applied.partialPriority(), applied.timestamp()), out);
            } else {
                checkpointApplied(applied.timestamp(), applied.checkpointRequestId(), out);
            }
        } else if (transition instanceof Close close) {
            return close.hideDisconnect();
        }
        return null;
    }

    // ---- publishing ---------------------------------------------------------------------------------------

    /** Validates and publishes; on success also marks the covered stream subscriptions as synced. */
    private LocalSync.Result syncLocal(TrackedCheckpoint checkpoint, Integer priority) {
        LocalSync.Result result = LocalSync.run(store, checkpoint, priority, options.rawTables(), nowMicros());
        if (result instanceof LocalSync.Applied applied) {
            for (ActiveStream stream : status.status().streams) {
                if (stream.isInPriority(priority)) {
                    store.subscriptions().markSubscriptionSynced(stream.id(), applied.timestampMicros());
                    stream.setLastSyncedAt(applied.timestampMicros());
                }
            }
        }
        return result;
    }

    private void checkpointApplied(long timestamp, Long requestId, List<Instruction> out) {
        if (requestId != null) {
            out.add(new Instruction.LogLine(Instruction.Severity.DEBUG, "Applied checkpoint request id " + requestId));
        }
        out.add(new Instruction.DidCompleteSync(requestId));
        status.update(s -> s.appliedCheckpoint(timestamp, requestId), out);
    }

    /**
     * After an upload: retry a checkpoint held back by local writes, unless it is older than the write
     * checkpoint the upload installed (then a newer checkpoint will carry the data).
     */
    private void applyPendingAfterUpload(List<Instruction> out) {
        TrackedCheckpoint checkpoint = validatedButNotApplied;
        if (checkpoint == null) {
            return;
        }
        validatedButNotApplied = null;
        OptionalLong target = store.keyValues().readLong(CheckpointKeys.TARGET);
        Optional<OpId> written = checkpoint.writeCheckpoint();
        boolean outdated = target.isPresent() && (written.isEmpty() || written.get().value() < target.getAsLong());
        if (outdated) {
            return;
        }
        LocalSync.Result result = syncLocal(checkpoint, null);
        if (result instanceof LocalSync.Applied applied) {
            out.add(new Instruction.LogLine(Instruction.Severity.DEBUG, "Applied pending checkpoint after completed upload"));
            Long requestId = written.map(OpId::value).orElse(null);
            if (requestId != null) {
                store.keyValues().writeLong(CheckpointKeys.LAST_APPLIED, requestId);
            }
            checkpointApplied(applied.timestampMicros(), requestId, out);
        } else {
            out.add(new Instruction.LogLine(Instruction.Severity.WARNING,
                    "Could not apply pending checkpoint even after completed upload"));
        }
    }

    /** The UTF-8 size of a line (what the engine counts as downloaded), without encoding it. */
    static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    private long nowMicros() {
        // The engine reads SQLite's clock at millisecond resolution.
        return clock.now().toEpochMilli() * 1000;
    }
}
