package dev.hexsync.domain.checkpoint;

import dev.hexsync.ports.model.BucketChecksum;
import dev.hexsync.ports.storage.sync.BucketStore;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How far the download towards a checkpoint has come, per bucket: the op count the checkpoint announces,
 * the count persisted at the last completed sync, and the ops received since. Reported aggregated per
 * priority.
 */
public final class DownloadProgress {

    /** Progress of one bucket. */
    public static final class Bucket {
        final int priority;
        long atLast;
        long sinceLast;
        final long targetCount;

        Bucket(int priority, long atLast, long sinceLast, long targetCount) {
            this.priority = priority;
            this.atLast = atLast;
            this.sinceLast = sinceLast;
            this.targetCount = targetCount;
        }

        public int priority() {
            return priority;
        }

        public long atLast() {
            return atLast;
        }

        public long sinceLast() {
            return sinceLast;
        }

        public long targetCount() {
            return targetCount;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Bucket b && priority == b.priority && atLast == b.atLast && sinceLast == b.sinceLast
                    && targetCount == b.targetCount;
        }

        @Override
        public int hashCode() {
            return Objects.hash(priority, atLast, sinceLast, targetCount);
        }
    }

    private final TreeMap<String, Bucket> buckets;

    private DownloadProgress(TreeMap<String, Bucket> buckets) {
        this.buckets = buckets;
    }

    /**
     * Progress for a newly tracked checkpoint, picking up counters of an interrupted download. When a bucket
     * holds more ops than the checkpoint announces (compaction, a redeployed rule set), progress cannot be
     * reported against it: every counter restarts from zero, persisted ones included.
     */
    public static DownloadProgress forCheckpoint(TrackedCheckpoint checkpoint, BucketStore store) {
        TreeMap<String, Bucket> buckets = new TreeMap<>();
        for (BucketChecksum bucket : checkpoint.buckets().values()) {
            buckets.put(bucket.bucket(), new Bucket(bucket.priority(), 0, 0, bucket.count().orElse(0)));
        }
        boolean reset = false;
        for (BucketStore.BucketProgress row : store.bucketProgress()) {
            Bucket progress = buckets.get(row.name());
            if (progress == null) {
                continue;
            }
            progress.atLast = row.countAtLast();
            progress.sinceLast = row.countSinceLast();
            if (progress.targetCount < row.countAtLast() + row.countSinceLast()) {
                reset = true;
                for (Bucket each : buckets.values()) {
                    each.atLast = 0;
                    each.sinceLast = 0;
                }
                break;
            }
        }
        if (reset) {
            store.resetProgress();
        }
        return new DownloadProgress(buckets);
    }

    /** Counts a data line's ops towards its bucket. */
    public void received(String bucket, int ops) {
        Bucket progress = buckets.get(bucket);
        if (progress != null) {
            progress.sinceLast += ops;
        }
    }

    public Map<String, Bucket> buckets() {
        return java.util.Collections.unmodifiableMap(buckets);
    }

    public DownloadProgress copy() {
        TreeMap<String, Bucket> copy = new TreeMap<>();
        buckets.forEach((name, b) -> copy.put(name, new Bucket(b.priority, b.atLast, b.sinceLast, b.targetCount)));
        return new DownloadProgress(copy);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DownloadProgress p && buckets.equals(p.buckets);
    }

    @Override
    public int hashCode() {
        return buckets.hashCode();
    }
}
