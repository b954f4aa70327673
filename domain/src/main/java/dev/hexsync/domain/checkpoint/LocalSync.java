package dev.hexsync.domain.checkpoint;

import dev.hexsync.ports.model.BucketChecksum;
import dev.hexsync.ports.model.Checksum;
import dev.hexsync.ports.schema.RawTable;
import dev.hexsync.ports.storage.sync.BucketStore;
import dev.hexsync.ports.storage.sync.SyncStorage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Validates a checkpoint against the local ledger and, when the apply gate allows, publishes it into the
 * application's tables. A full sync covers every bucket; a partial sync up to priority {@code p} covers
 * the buckets with priority number at most {@code p}.
 */
public final class LocalSync {

    /** The outcome of an attempt. */
    public sealed interface Result {
    }

    /** Checksums did not match; the listed buckets were deleted (to be downloaded again). */
    public record ChecksumFailure(List<ChecksumMismatch> mismatches) implements Result {
        /** {@code Checksums didn't match, failed for: …}, the engine's wording. */
        public String describe() {
            StringBuilder text = new StringBuilder("Checksums didn't match, failed for: ");
            for (int i = 0; i < mismatches.size(); i++) {
                text.append(i == 0 ? "" : ", ").append(mismatches.get(i));
            }
            return text.toString();
        }
    }

    /** Valid, but local writes are waiting for the server to acknowledge them. */
    public record PendingLocalChanges() implements Result {
    }

    /** Published at {@code timestampMicros}. */
    public record Applied(long timestampMicros) implements Result {
    }

    private LocalSync() {
    }

    /**
     * Runs validation and, if the gate allows, publishing.
     *
     * @param priority null for a full sync
     */
    public static Result run(SyncStorage store, TrackedCheckpoint checkpoint, Integer priority, List<RawTable> rawTables,
            long nowMicros) {
        List<BucketChecksum> inScope = checkpoint.bucketsInPriority(priority);
        List<String> names = inScope.stream().map(BucketChecksum::bucket).toList();
        Map<String, BucketStore.BucketChecksums> local = store.buckets().checksums(names);
        List<ChecksumMismatch> mismatches = new ArrayList<>();
        for (BucketChecksum bucket : inScope) {
            BucketStore.BucketChecksums sums = local.getOrDefault(bucket.bucket(),
                    new BucketStore.BucketChecksums(Checksum.ZERO, Checksum.ZERO));
            if (!sums.total().equals(bucket.checksum())) {
                mismatches.add(new ChecksumMismatch(bucket.bucket(), bucket.checksum(), sums.opChecksum(), sums.addChecksum()));
            }
        }
        if (!mismatches.isEmpty()) {
            store.buckets().deleteBuckets(mismatches.stream().map(ChecksumMismatch::bucket).toList());
            return new ChecksumFailure(mismatches);
        }
        store.buckets().setLastOp(names, checkpoint.lastOpId());
        if (priority == null) {
            checkpoint.writeCheckpoint().ifPresent(wc -> store.keyValues().writeLong(CheckpointKeys.LAST_SEEN, wc.value()));
        }
        if (!mayPublish(store, priority)) {
            return new PendingLocalChanges();
        }
        store.publishing().publish(priority == null ? Optional.empty() : Optional.of(names), rawTables);
        store.keyValues().markSynced(priority == null ? Integer.MAX_VALUE : priority, nowMicros);
        if (priority == null) {
            Map<String, Long> counts = new LinkedHashMap<>();
            for (BucketChecksum bucket : checkpoint.buckets().values()) {
                bucket.count().ifPresent(count -> counts.put(bucket.bucket(), count));
            }
            store.buckets().resetProgressAfterSync(counts);
        }
        return new Applied(nowMicros);
    }

    /**
     * The apply gate: downloaded data waits while local writes are queued, or while the server has not yet
     * acknowledged the client's last writes (target above the last seen write checkpoint). Priority 0 is
     * published regardless.
     */
    static boolean mayPublish(SyncStorage store, Integer priority) {
        if (priority != null && priority == 0) {
            return true;
        }
        OptionalLong target = store.keyValues().readLong(CheckpointKeys.TARGET);
        if (target.isPresent() && target.getAsLong() > store.keyValues().readLong(CheckpointKeys.LAST_SEEN).orElse(0)) {
            return false;
        }
        return !store.publishing().hasPendingUploads();
    }
}
