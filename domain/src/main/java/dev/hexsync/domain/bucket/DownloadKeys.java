package dev.hexsync.domain.bucket;

import java.util.HashSet;
import java.util.Set;

/**
 * What one sync iteration knows about the row keys in the oplog of buckets it found empty: every key its data
 * lines stored there, in a Bloom filter. A key the filter has never seen cannot be in such a bucket's oplog,
 * so the lookup before superseding is skipped for it; that lookup is a random read of the oplog's index per
 * key, most of the cost of an initial download's data lines beyond the inserts themselves.
 *
 * <p>The filter has a fixed size ({@value #BITS} bits, 2 MiB), so memory does not grow with the download: false
 * positives only bring the lookup back (about 0.5% of keys at a million keys, more beyond), never a wrong
 * answer. A bucket counts as empty only when it had received no op at all ({@code last_op = 0}) the first time
 * this iteration saw it; everything that may put ops into its oplog afterwards runs through
 * {@link BucketLedger}, which records the keys before storing them. A key is hashed once and the hash used for
 * both questions; whether a bucket is tracked is asked once per line. Anything the filter holds in excess (keys
 * of a line that was rolled back, of a bucket cleared or deleted since) costs a lookup, nothing more.
 */
public final class DownloadKeys {
    static final int BITS = 1 << 24;
    private static final int HASHES = 3;

    private final Set<Long> empty = new HashSet<>();
    private final Set<Long> seen = new HashSet<>();
    private long[] bits;

    /**
     * Notes the bucket the first time it is seen; it is tracked only if it had received no op yet. Returns
     * whether it is tracked: only then do {@link #mayHold} and {@link #stored} apply to its keys.
     */
    boolean see(long bucketId, long lastOp) {
        if (seen.add(bucketId) && lastOp == 0) {
            empty.add(bucketId);
        }
        return empty.contains(bucketId);
    }

    /**
     * Whether a tracked bucket's oplog may hold the key of {@code keyHash} ({@link #hash}); false means it
     * certainly does not.
     */
    boolean mayHold(long keyHash) {
        if (bits == null) {
            return false;
        }
        int h1 = (int) keyHash;
        int h2 = (int) (keyHash >>> 32) | 1;
        for (int i = 0; i < HASHES; i++) {
            int bit = (h1 + i * h2) & (BITS - 1);
            if ((bits[bit >>> 6] & (1L << bit)) == 0) {
                return false;
            }
        }
        return true;
    }

    /** Records that the key of {@code keyHash} is (about to be) stored in a tracked bucket's oplog. */
    void stored(long keyHash) {
        if (bits == null) {
            bits = new long[BITS / Long.SIZE];
        }
        int h1 = (int) keyHash;
        int h2 = (int) (keyHash >>> 32) | 1;
        for (int i = 0; i < HASHES; i++) {
            int bit = (h1 + i * h2) & (BITS - 1);
            bits[bit >>> 6] |= 1L << bit;
        }
    }

    /** 64-bit FNV-1a over the bucket id and the key's chars, then a final mix so both halves are usable. */
    static long hash(long bucketId, String key) {
        long hash = 0xcbf29ce484222325L ^ bucketId;
        for (int i = 0; i < key.length(); i++) {
            hash ^= key.charAt(i);
            hash *= 0x100000001b3L;
        }
        hash ^= hash >>> 33;
        hash *= 0xff51afd7ed558ccdL;
        hash ^= hash >>> 33;
        return hash;
    }
}
