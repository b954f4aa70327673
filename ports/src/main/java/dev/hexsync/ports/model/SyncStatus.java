package dev.hexsync.ports.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A snapshot of the sync state of a database. Immutable; a new one is published on every change.
 *
 * @param connected the sync stream is open and delivering
 * @param connecting a connection is being established
 * @param downloading a download towards a checkpoint is under way
 * @param uploading the upload loop is running the backend's upload
 * @param downloadProgress progress of the download, present only while downloading
 * @param priorityStatus the completed syncs, most important priority first (the full sync last)
 * @param streams the stream subscriptions, as last reported
 * @param uploadError the last upload failure, cleared by the next successful upload
 * @param downloadError the last sync failure, cleared by the next completed sync
 * @param stateLoaded whether the stored sync state has been read (until then, whether the database ever
 *     synced is unknown)
 * @param follower {@code connect()} was called, but another process syncs this database file: this one waits
 *     to take over when that process disconnects or dies. Meanwhile it reads, writes and watches as usual, and
 *     the other process uploads its writes.
 */
public record SyncStatus(boolean connected, boolean connecting, boolean downloading, boolean uploading,
        Optional<SyncProgress> downloadProgress, List<PriorityStatus> priorityStatus, List<StreamStatus> streams,
        Optional<Throwable> uploadError, Optional<Throwable> downloadError, boolean stateLoaded, boolean follower) {

    /** The priority code of a complete sync of every priority. */
    public static final int FULL_SYNC_PRIORITY = Integer.MAX_VALUE;

    /** Nothing known yet (before the stored state was read). */
    public static final SyncStatus UNKNOWN = new SyncStatus(false, false, false, false, Optional.empty(), List.of(),
            List.of(), Optional.empty(), Optional.empty(), false);

    /** A status of a process that is not a waiting follower. */
    public SyncStatus(boolean connected, boolean connecting, boolean downloading, boolean uploading,
            Optional<SyncProgress> downloadProgress, List<PriorityStatus> priorityStatus, List<StreamStatus> streams,
            Optional<Throwable> uploadError, Optional<Throwable> downloadError, boolean stateLoaded) {
        this(connected, connecting, downloading, uploading, downloadProgress, priorityStatus, streams, uploadError,
                downloadError, stateLoaded, false);
    }

    public SyncStatus {
        Objects.requireNonNull(downloadProgress, "downloadProgress is null");
        priorityStatus = List.copyOf(priorityStatus);
        streams = List.copyOf(streams);
        Objects.requireNonNull(uploadError, "uploadError is null");
        Objects.requireNonNull(downloadError, "downloadError is null");
    }

    /**
     * A completed sync at a priority.
     *
     * @param priority 0 (most important) .. 3, or {@link #FULL_SYNC_PRIORITY}
     */
    public record PriorityStatus(int priority, Optional<Instant> lastSyncedAt, Optional<Boolean> hasSynced) {
    }

    /** This status with {@link #connected()} as given. */
    public SyncStatus withConnected(boolean value) {
        return new SyncStatus(value, connecting, downloading, uploading, downloadProgress, priorityStatus, streams,
                uploadError, downloadError, stateLoaded, follower);
    }

    /** This status with {@link #connecting()} as given. */
    public SyncStatus withConnecting(boolean value) {
        return new SyncStatus(connected, value, downloading, uploading, downloadProgress, priorityStatus, streams,
                uploadError, downloadError, stateLoaded, follower);
    }

    /** This status with {@link #downloading()} as given. */
    public SyncStatus withDownloading(boolean value) {
        return new SyncStatus(connected, connecting, value, uploading, downloadProgress, priorityStatus, streams,
                uploadError, downloadError, stateLoaded, follower);
    }

    /** This status with {@link #uploading()} as given. */
    public SyncStatus withUploading(boolean value) {
        return new SyncStatus(connected, connecting, downloading, value, downloadProgress, priorityStatus, streams,
                uploadError, downloadError, stateLoaded, follower);
    }

    /** This status with {@link #downloadProgress()} as given. */
    public SyncStatus withDownloadProgress(Optional<SyncProgress> value) {
        return new SyncStatus(connected, connecting, downloading, uploading, value, priorityStatus, streams,
                uploadError, downloadError, stateLoaded, follower);
    }

    /** This status with {@link #priorityStatus()} as given. */
    public SyncStatus withPriorityStatus(List<PriorityStatus> value) {
        return new SyncStatus(connected, connecting, downloading, uploading, downloadProgress, value, streams,
                uploadError, downloadError, stateLoaded, follower);
    }

    /** This status with {@link #streams()} as given. */
    public SyncStatus withStreams(List<StreamStatus> value) {
        return new SyncStatus(connected, connecting, downloading, uploading, downloadProgress, priorityStatus, value,
                uploadError, downloadError, stateLoaded, follower);
    }

    /** This status with {@link #uploadError()} as given. */
    public SyncStatus withUploadError(Optional<Throwable> value) {
        return new SyncStatus(connected, connecting, downloading, uploading, downloadProgress, priorityStatus, streams,
                value, downloadError, stateLoaded, follower);
    }

    /** This status with {@link #downloadError()} as given. */
    public SyncStatus withDownloadError(Optional<Throwable> value) {
        return new SyncStatus(connected, connecting, downloading, uploading, downloadProgress, priorityStatus, streams,
                uploadError, value, stateLoaded, follower);
    }

    /** This status with {@link #stateLoaded()} as given. */
    public SyncStatus withStateLoaded(boolean value) {
        return new SyncStatus(connected, connecting, downloading, uploading, downloadProgress, priorityStatus, streams,
                uploadError, downloadError, value, follower);
    }

    /** This status without a connection: not connected, connecting or downloading, and no download progress. */
    public SyncStatus withoutConnection() {
        return withConnected(false).withConnecting(false).withDownloading(false).withDownloadProgress(Optional.empty());
    }

    /** This status with {@link #follower()} set as given (and, for a follower, not connected or connecting). */
    public SyncStatus withFollower(boolean waiting) {
        return new SyncStatus(!waiting && connected, !waiting && connecting, !waiting && downloading, uploading,
                waiting ? Optional.empty() : downloadProgress, priorityStatus, streams, uploadError, downloadError,
                stateLoaded, waiting);
    }

    /** Whether a complete sync ever finished (empty until the stored state was read). */
    public Optional<Boolean> hasSynced() {
        if (!stateLoaded) {
            return Optional.empty();
        }
        return Optional.of(fullSync().flatMap(PriorityStatus::hasSynced).orElse(false));
    }

    /** When the last complete sync finished. */
    public Optional<Instant> lastSyncedAt() {
        return fullSync().flatMap(PriorityStatus::lastSyncedAt);
    }

    private Optional<PriorityStatus> fullSync() {
        return priorityStatus.stream().filter(p -> p.priority() == FULL_SYNC_PRIORITY).findFirst();
    }

    /**
     * The sync state of one priority: an entry covers {@code priority} when its number is at least as large
     * (a completed less important sync includes the more important ones). Without one, not synced.
     */
    public PriorityStatus statusForPriority(int priority) {
        return priorityStatus.stream().filter(p -> p.priority() >= priority).findFirst()
                .orElse(new PriorityStatus(priority, Optional.empty(), Optional.of(false)));
    }

    /** The download error, else the upload error. */
    public Optional<Throwable> anyError() {
        return downloadError.or(() -> uploadError);
    }

    /** The status of a stream subscription, by name and parameters (raw JSON text, null for none). */
    public Optional<StreamStatus> forStream(String name, String parameters) {
        return streams.stream().filter(s -> s.name().equals(name) && Objects.equals(s.parameters(), parameters)).findFirst();
    }
}
