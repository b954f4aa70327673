package dev.hexsync.ports.storage.sync;

import dev.hexsync.ports.model.Checksum;
import dev.hexsync.ports.model.OpId;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The buckets the client downloads: one row per bucket with how far it was downloaded and published, its two
 * checksum sums and its progress counters (the layout's {@code ps_buckets}). What a data line does to a bucket
 * goes through {@link OplogStore}.
 *
 * <p>Call it inside a write transaction of the session that created it (see the package documentation).
 */
public interface BucketStore {

    /**
     * A bucket's row id, how far its data has been published, and the last op it received ({@code 0}: none
     * yet, so its oplog is empty).
     */
    record BucketHandle(long id, OpId lastAppliedOp, OpId lastOp) {
    }

    /** What the client asks the service for: each bucket with the op id to continue after. */
    record BucketRequest(String name, OpId after) {
    }

    /** Persisted download progress of a bucket. */
    record BucketProgress(String name, long countAtLast, long countSinceLast) {
    }

    /** The two checksum sums of a bucket; their wrapping sum is the bucket's checksum. */
    record BucketChecksums(Checksum addChecksum, Checksum opChecksum) {
        public Checksum total() {
            return addChecksum.plus(opChecksum);
        }
    }

    /** Buckets the client may ask for (not pending deletion), in storage order. */
    List<BucketRequest> bucketRequests();

    /** The bucket's handle, creating an empty bucket if there is none of that name. */
    BucketHandle lookupBucket(String name);

    /** Deletes buckets and their oplog; their rows are queued for re-evaluation at the next full publish. */
    void deleteBuckets(Collection<String> names);

    /** Persisted progress counters of every bucket. */
    List<BucketProgress> bucketProgress();

    /** Zeroes every bucket's progress counters. */
    void resetProgress();

    /** After a full publish: {@code count_at_last = count, count_since_last = 0} for each named bucket. */
    void resetProgressAfterSync(Map<String, Long> countsByBucket);

    /** The checksum sums of the named buckets that exist. */
    Map<String, BucketChecksums> checksums(Collection<String> names);

    /** Sets {@code last_op} of the named buckets. */
    void setLastOp(Collection<String> names, OpId lastOp);
}
