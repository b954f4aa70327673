package dev.hexsync.ports.storage;

import dev.hexsync.ports.model.Checksum;
import dev.hexsync.ports.model.OpId;
import dev.hexsync.ports.model.OplogEntry;
import dev.hexsync.ports.schema.RawTable;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What the sync engine persists, in the engine's own terms: buckets and their oplog, the rows to re-check,
 * publishing into the application's tables, sync state, key-values and stream subscriptions. The rules
 * (which op supersedes which, when a checkpoint may be published) live in the domain; a store only keeps
 * state, with no SQL dialect leaking through.
 *
 * <p>Every method must be called inside a write transaction of the {@link SqlSession} that created the
 * store, on the thread that opened it: a sync event is handled in one transaction and rolls back whole.
 */
public interface SyncStore {

    // ---- buckets ----------------------------------------------------------------------------------------

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

    // ---- oplog (the ledger rules that use these live in the domain) --------------------------------------

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

    /** The checksum sums of the named buckets that exist. */
    Map<String, BucketChecksums> checksums(Collection<String> names);

    /** Sets {@code last_op} of the named buckets. */
    void setLastOp(Collection<String> names, OpId lastOp);

    // ---- publishing -------------------------------------------------------------------------------------

    /** True when the upload queue holds any entry. */
    boolean hasPendingUploads();

    /**
     * Publishes downloaded data into the application's tables: for each candidate row, the newest PUT
     * across the buckets in scope wins (its data replaces the row), and a row with no PUT left is deleted.
     * Rows go to {@code ps_data__<type>} when such a table exists, else to a raw table of that name, else to
     * {@code ps_untyped}. Afterwards the buckets in scope are marked applied.
     *
     * @param partialBuckets empty for a full publish (candidates: every bucket's unapplied ops plus the
     *     queued rows, which are cleared); else the buckets of a partial publish (their unapplied ops only)
     * @param rawTables the raw tables of the running sync's schema
     */
    void publish(Optional<Collection<String>> partialBuckets, List<RawTable> rawTables);

    /** Records a completed sync at {@code priority} (2147483647 for a full sync), dropping higher ones. */
    void markSynced(int priority, long timestampMicros);

    /** Completed syncs: priority to timestamp (µs), ascending priority. */
    Map<Integer, Long> syncStates();

    /**
     * Clears the local replica (the engine's {@code powersync_clear}): the upload queue, untyped rows, rows
     * to re-check, key-values except the client id, stream subscriptions, sync state, and every synced table's
     * rows (local-only tables too when {@code clearLocal}); raw tables run their {@code clear} statement. A
     * hard clear also deletes buckets and oplog; a soft one keeps them (marked unpublished) so that
     * reconnecting as the same user downloads little.
     */
    void clear(boolean clearLocal, boolean soft, List<RawTable> rawTables);

    // ---- key-values -------------------------------------------------------------------------------------

    /** An integer key-value of {@code ps_kv}. */
    OptionalLong readLong(String key);

    void writeLong(String key, long value);

    void delete(String key);

    /** Increments (from 0 when absent) and returns the integer value of a key. */
    long increment(String key);

    /** The database's client id. */
    String clientId();

    // ---- stream subscriptions ---------------------------------------------------------------------------

    /**
     * A row of the local subscription table.
     *
     * @param params the subscription parameters as raw JSON text, or null
     * @param ttl seconds; non-null exactly for explicit (application) subscriptions
     */
    record StreamSubscription(long id, String streamName, boolean active, boolean isDefault, Integer localPriority,
            String params, Long ttl, Long expiresAt, Long lastSyncedAt) {
        public boolean hasExplicitSubscription() {
            return ttl != null;
        }
    }

    /** Every subscription, by id. */
    List<StreamSubscription> subscriptions();

    /** Explicit subscriptions (ttl set), in storage order. */
    List<StreamSubscription> explicitSubscriptions();

    /** Deletes subscriptions that expired before {@code nowMicros}, or are neither explicit nor active. */
    void deleteOutdatedSubscriptions(long nowMicros);

    /** {@code expires_at = now + ttl} for the explicit subscriptions with these (name, raw params) keys. */
    void extendSubscriptions(List<Map.Entry<String, String>> keys, long nowMicros);

    /** Creates the local row of a default stream (active, default, not explicit). */
    StreamSubscription createDefaultSubscription(String streamName);

    /** Writes active, is_default, ttl, expires_at and last_synced_at of a subscription. */
    void updateSubscription(StreamSubscription subscription);

    void deleteSubscription(long id);

    /** Sets {@code last_synced_at} of a subscription. */
    void markSubscriptionSynced(long id, long timestampMicros);

    /**
     * An explicit subscription: inserted, or on conflict of (name, params) its ttl and expiry replaced and its
     * priority lowered to {@code min(coalesce(priority, old), old)}.
     */
    void subscribe(String streamName, String params, Integer priority, long ttlSeconds, long nowMicros);

    /** Ends the explicit subscription with this key (ttl set to null); the row stays until cleaned up. */
    void unsubscribe(String streamName, String params);
}
