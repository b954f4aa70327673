package dev.hexsync.domain.sync;

import dev.hexsync.domain.checkpoint.DownloadProgress;
import dev.hexsync.domain.stream.ActiveStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The engine's view of the download: connection state, completed syncs per priority, progress towards the
 * tracked checkpoint, stream subscriptions. Mutable inside the engine; {@link #copy()} gives the immutable
 * snapshots that instructions carry.
 */
public final class DownloadStatus {
    /** The priority code of a complete sync (every priority). */
    public static final int FULL_SYNC_PRIORITY = Integer.MAX_VALUE;

    /** A completed sync at a priority. */
    public record PriorityStatus(int priority, Long lastSyncedAt, Boolean hasSynced) {
    }

    boolean connected;
    boolean connecting;
    /** Sorted by ascending priority number. */
    List<PriorityStatus> priorityStatus = new ArrayList<>();
    DownloadProgress downloading;
    List<ActiveStream> streams = new ArrayList<>();
    Long internalLastAppliedCheckpointRequestId;

    public boolean connected() {
        return connected;
    }

    public boolean connecting() {
        return connecting;
    }

    public List<PriorityStatus> priorityStatus() {
        return List.copyOf(priorityStatus);
    }

    /** Progress towards the tracked checkpoint, or null when no download is under way. */
    public DownloadProgress downloading() {
        return downloading;
    }

    public List<ActiveStream> streams() {
        return List.copyOf(streams);
    }

    public Long internalLastAppliedCheckpointRequestId() {
        return internalLastAppliedCheckpointRequestId;
    }

    void disconnect() {
        connected = false;
        connecting = false;
        downloading = null;
        internalLastAppliedCheckpointRequestId = null;
    }

    void startConnecting() {
        connected = false;
        downloading = null;
        connecting = true;
        internalLastAppliedCheckpointRequestId = null;
    }

    void markConnected() {
        connecting = false;
        connected = true;
    }

    void startTrackingCheckpoint(DownloadProgress progress, List<ActiveStream> subscriptions) {
        markConnected();
        downloading = progress;
        streams = new ArrayList<>(subscriptions);
    }

    void trackLine(String bucket, int ops) {
        if (downloading != null) {
            downloading.received(bucket, ops);
        }
    }

    void partialCheckpointComplete(int priority, long now) {
        // A partial sync includes every higher priority (smaller number), so their entries go.
        priorityStatus.removeIf(status -> status.priority() <= priority);
        priorityStatus.add(0, new PriorityStatus(priority, now, true));
        priorityStatus.sort((a, b) -> Integer.compare(a.priority(), b.priority()));
    }

    void appliedCheckpoint(long now, Long appliedCheckpointRequestId) {
        downloading = null;
        priorityStatus.clear();
        priorityStatus.add(new PriorityStatus(FULL_SYNC_PRIORITY, now, true));
        internalLastAppliedCheckpointRequestId = appliedCheckpointRequestId;
    }

    /** A deep copy, detached from the engine's further changes. */
    public DownloadStatus copy() {
        DownloadStatus copy = new DownloadStatus();
        copy.connected = connected;
        copy.connecting = connecting;
        copy.priorityStatus = new ArrayList<>(priorityStatus);
        copy.downloading = downloading == null ? null : downloading.copy();
        copy.streams = new ArrayList<>(streams.stream().map(ActiveStream::copy).toList());
        copy.internalLastAppliedCheckpointRequestId = internalLastAppliedCheckpointRequestId;
        return copy;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DownloadStatus s && connected == s.connected && connecting == s.connecting
                && priorityStatus.equals(s.priorityStatus) && Objects.equals(downloading, s.downloading)
                && streams.equals(s.streams)
                && Objects.equals(internalLastAppliedCheckpointRequestId, s.internalLastAppliedCheckpointRequestId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(connected, connecting, priorityStatus, downloading, streams, internalLastAppliedCheckpointRequestId);
    }
}
