package dev.hexsync.domain.status;

import dev.hexsync.domain.checkpoint.DownloadProgress;
import dev.hexsync.domain.stream.ActiveStream;
import dev.hexsync.domain.sync.DownloadStatus;
import dev.hexsync.ports.model.StreamStatus;
import dev.hexsync.ports.model.SyncProgress;
import dev.hexsync.ports.model.SyncStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Turns the engine's download status into the public {@link SyncStatus}. */
public final class StatusMapper {
    private StatusMapper() {
    }

    /** The public view of {@code engine}, keeping the SDK-side fields (uploads, errors) of {@code previous}. */
    public static SyncStatus toPublic(DownloadStatus engine, SyncStatus previous) {
        DownloadProgress downloading = engine.downloading();
        Optional<SyncProgress> progress = Optional.empty();
        if (downloading != null) {
            Map<Integer, SyncProgress.Counts> byPriority = new TreeMap<>();
            for (DownloadProgress.Bucket bucket : downloading.buckets().values()) {
                SyncProgress.Counts counts = byPriority.getOrDefault(bucket.priority(), new SyncProgress.Counts(0, 0));
                byPriority.put(bucket.priority(), new SyncProgress.Counts(
                        counts.total() + bucket.targetCount() - bucket.atLast(), counts.downloaded() + bucket.sinceLast()));
            }
            progress = Optional.of(new SyncProgress(byPriority));
        }
        List<SyncStatus.PriorityStatus> priorities = new ArrayList<>();
        for (DownloadStatus.PriorityStatus entry : engine.priorityStatus()) {
            priorities.add(new SyncStatus.PriorityStatus(entry.priority(),
                    Optional.ofNullable(entry.lastSyncedAt()).map(StatusMapper::instant), Optional.ofNullable(entry.hasSynced())));
        }
        List<StreamStatus> streams = new ArrayList<>();
        for (ActiveStream stream : engine.streams()) {
            Optional<SyncProgress.Counts> streamProgress = Optional.empty();
            if (downloading != null) {
                long total = 0;
                long downloaded = 0;
                for (String bucket : stream.buckets()) {
                    DownloadProgress.Bucket b = downloading.buckets().get(bucket);
                    if (b != null) {
                        total += b.targetCount() - b.atLast();
                        downloaded += b.sinceLast();
                    }
                }
                streamProgress = Optional.of(new SyncProgress.Counts(total, downloaded));
            }
            streams.add(new StreamStatus(stream.name(), stream.parameters(), Optional.ofNullable(stream.priority()),
                    stream.active(), stream.isDefault(), stream.hasExplicitSubscription(),
                    Optional.ofNullable(stream.expiresAt()).map(StatusMapper::instant),
                    Optional.ofNullable(stream.lastSyncedAt()).map(StatusMapper::instant), streamProgress));
        }
        return previous.withConnected(engine.connected()).withConnecting(engine.connecting())
                .withDownloading(downloading != null).withDownloadProgress(progress).withPriorityStatus(priorities)
                .withStreams(streams).withStateLoaded(true);
    }

    private static Instant instant(long micros) {
        return Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1000);
    }
}
