package dev.hexsync.ports.storage.sync;

import dev.hexsync.ports.model.Checksum;
import dev.hexsync.ports.model.OpId;
import dev.hexsync.ports.model.OplogEntry;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The oplog: the current PUT of each key in each bucket, the rows queued for re-evaluation at the next full
 * publish, and what a data line does to its bucket. The ledger rules that decide which of these to call live
 * in the domain; buckets are named by the id {@link BucketStore#lookupBucket} returns.
 *
 * <p>Call it inside a write transaction of the session that created it (see the package documentation).
 */
public interface OplogStore {

    /** Deletes the bucket's ops with this key and returns their checksums. */
    List<Checksum> supersede(long bucketId, String key);

    /** Stores a PUT (with its key, or none when it has no type and id). */
    void insertOp(long bucketId, OplogEntry put);

    /**
     * Stores PUTs in the given order, with exactly the effect of {@link #insertOp} called for each; a store may
     * send them to its database together. The default calls {@code insertOp} one by one.
     */
    default void insertOps(long bucketId, List<OplogEntry> puts) {
        for (OplogEntry put : puts) {
            insertOp(bucketId, put);
        }
    }

    /**
     * Of {@code keys}, those the bucket's oplog may hold ops for right now. A store may answer keys it holds no
     * op for, but never leave out one it does: the ledger skips {@link #supersede} for the keys left out,
     * where it would delete nothing. The default answers every key (the ledger then supersedes every op).
     */
    default Set<String> keysInOplog(long bucketId, Collection<String> keys) {
        return new HashSet<>(keys);
    }

    /** Queues a row for re-evaluation at the next full publish. */
    void markUpdated(String rowType, String rowId);

    /**
     * A CLEAR: queues every row of the bucket for re-evaluation, deletes its oplog, and resets it to
     * {@code last_applied_op = 0, add_checksum = clearChecksum, op_checksum = 0}.
     */
    void clearBucket(long bucketId, Checksum clearChecksum);

    /**
     * Records a data line's effect on its bucket: {@code last_op}, wrapping additions to both checksum sums,
     * the op count since the last checkpoint, and the line's size in bytes.
     */
    void finishDataLine(long bucketId, OpId lastOp, Checksum addChecksum, Checksum opChecksum, int opCount,
            long lineSize);
}
