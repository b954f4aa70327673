package dev.hexsync.domain.checkpoint;

import dev.hexsync.domain.stream.SubscriptionRequest;
import dev.hexsync.ports.model.BucketChecksum;
import dev.hexsync.ports.model.OpId;
import dev.hexsync.ports.model.StreamDescription;
import dev.hexsync.ports.model.SyncLine;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The checkpoint the client is downloading towards: built from a {@code checkpoint} line, patched by
 * {@code checkpoint_diff} lines. Immutable; each line yields a new one.
 *
 * @param buckets by name (sorted, as the engine keeps them)
 * @param streams the checkpoint's stream descriptions (diffs never change them)
 * @param requested the explicit subscriptions of the request this checkpoint answers
 */
public record TrackedCheckpoint(OpId lastOpId, Optional<OpId> writeCheckpoint, SortedMap<String, BucketChecksum> buckets,
        List<StreamDescription> streams, SubscriptionRequest requested) {

    public TrackedCheckpoint {
        buckets = Collections.unmodifiableSortedMap(new TreeMap<>(buckets));
        streams = List.copyOf(streams);
    }

    public static TrackedCheckpoint of(SyncLine.Checkpoint line, SubscriptionRequest requested) {
        TreeMap<String, BucketChecksum> buckets = new TreeMap<>();
        for (BucketChecksum bucket : line.buckets()) {
            buckets.put(bucket.bucket(), bucket);
        }
        return new TrackedCheckpoint(line.lastOpId(), line.writeCheckpoint(), buckets, line.streams(), requested);
    }

    /** This checkpoint with a diff applied: removals, then updates; the write checkpoint is replaced. */
    public TrackedCheckpoint apply(SyncLine.CheckpointDiff diff) {
        TreeMap<String, BucketChecksum> updated = new TreeMap<>(buckets);
        for (String removed : diff.removedBuckets()) {
            updated.remove(removed);
        }
        for (BucketChecksum bucket : diff.updatedBuckets()) {
            updated.put(bucket.bucket(), bucket);
        }
        return new TrackedCheckpoint(diff.lastOpId(), diff.writeCheckpoint(), updated, streams, requested);
    }

    /** The buckets a sync up to {@code priority} covers (all of them when null), in name order. */
    public List<BucketChecksum> bucketsInPriority(Integer priority) {
        return buckets.values().stream().filter(b -> priority == null || b.priority() <= priority).toList();
    }

    public Map<String, BucketChecksum> bucketMap() {
        return buckets;
    }
}
