package dev.hexsync.domain.bucket;

import dev.hexsync.ports.model.Checksum;
import dev.hexsync.ports.model.OpId;
import dev.hexsync.ports.model.OpType;
import dev.hexsync.ports.model.OplogEntry;
import dev.hexsync.ports.model.SyncLine;
import dev.hexsync.ports.storage.sync.BucketStore;
import dev.hexsync.ports.storage.sync.OplogStore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Applies a data line to its bucket's oplog and checksum ledger.
 *
 * <p>The ledger keeps two wrapping sums per bucket: {@code op_checksum}, the checksums of the PUTs still in
 * the oplog, and {@code add_checksum}, the checksums of everything else received (superseded PUTs, REMOVEs,
 * MOVEs, and a CLEAR's checksum standing for all before it). Their sum always equals the sum of the
 * checksums of every op the bucket ever received, which is what a checkpoint's checksum is compared with.
 *
 * <ul>
 *   <li>PUT and REMOVE supersede the bucket's earlier ops on the same row key: each superseded op's
 *       checksum moves from op to add;</li>
 *   <li>a PUT is stored; a REMOVE only adds its checksum, and queues the row for re-evaluation when it
 *       superseded an op of a bucket that had been published before (a row first seen in this download
 *       needs no removal);</li>
 *   <li>MOVE adds its checksum;</li>
 *   <li>CLEAR queues every row of the bucket, empties its oplog and restarts the ledger at its checksum.</li>
 * </ul>
 */
public final class BucketLedger {
    private BucketLedger() {
    }

    /**
     * Applies {@code line} to its bucket (created if unknown).
     *
     * <p>The store sees exactly the engine's sequence of changes, with two liberties that change nothing: a
     * supersede that cannot match (no op of the bucket had the key before the line, and no PUT of the line
     * stored it since) is not asked for, and consecutive PUTs are handed over together. Whether the bucket had
     * the key is looked up in the store, unless {@code known} proves it had not.
     *
     * @param lineSize the size of the line as received, in bytes
     */
    public static void apply(BucketStore buckets, OplogStore store, SyncLine.Data line, long lineSize) {
        apply(buckets, store, line, lineSize, new DownloadKeys());
    }

    /**
     * Applies {@code line} to its bucket (created if unknown), skipping the lookup of keys that {@code known}
     * proves absent from the bucket's oplog.
     *
     * @param known what this iteration's earlier data lines stored; updated with this line's keys
     */
    public static void apply(BucketStore buckets, OplogStore store, SyncLine.Data line, long lineSize,
            DownloadKeys known) {
        BucketStore.BucketHandle bucket = buckets.lookupBucket(line.bucket());
        boolean tracked = known.see(bucket.id(), bucket.lastOp().value());
        List<OplogEntry> ops = line.data();
        // Each op's key, computed once ("" for ops without type and id: the engine looks that up, stored ops
        // never have it), and its hash when the bucket's keys are tracked.
        String[] keys = new String[ops.size()];
        long[] hashes = tracked ? new long[ops.size()] : null;
        List<String> lookedUp = new ArrayList<>(tracked ? 16 : ops.size());
        for (int i = 0; i < keys.length; i++) {
            OplogEntry entry = ops.get(i);
            if (entry.op() == OpType.PUT || entry.op() == OpType.REMOVE) {
                String key = entry.key();
                keys[i] = key == null ? "" : key;
                if (key == null) {
                    continue;
                }
                if (tracked) {
                    hashes[i] = DownloadKeys.hash(bucket.id(), key);
                    if (!known.mayHold(hashes[i])) {
                        continue;
                    }
                }
                lookedUp.add(key);
            }
        }
        // Keys the bucket held before this line; only this loop changes the bucket's oplog afterwards.
        Set<String> held = new HashSet<>();
        if (!lookedUp.isEmpty()) {
            held.addAll(store.keysInOplog(bucket.id(), lookedUp));
        }
        // Keys stored by this line's PUTs and not superseded since.
        Set<String> stored = new HashSet<>(Math.max(16, keys.length * 2));
        List<OplogEntry> pending = new ArrayList<>();
        // A bucket that was never published needs no removals recorded: nothing of it is visible yet.
        boolean empty = bucket.lastAppliedOp().value() == 0;
        int add = 0;
        int op = 0;
        OpId last = null;
        int count = 0;
        for (int i = 0; i < keys.length; i++) {
            OplogEntry entry = ops.get(i);
            last = entry.opId();
            count++;
            switch (entry.op()) {
                case PUT, REMOVE -> {
                    String key = keys[i];
                    boolean superseded = false;
                    if (held.remove(key) | stored.remove(key)) {
                        flush(store, bucket, pending);
                        for (Checksum previous : store.supersede(bucket.id(), key)) {
                            add += previous.bits();
                            op -= previous.bits();
                            if (!empty) {
                                superseded = true;
                            }
                        }
                    }
                    if (entry.op() == OpType.REMOVE) {
                        add += entry.checksum().bits();
                        if (superseded && entry.objectType() != null && entry.objectId() != null) {
                            store.markUpdated(entry.objectType(), entry.objectId());
                        }
                    } else {
                        if (!key.isEmpty()) {
                            if (tracked) {
                                known.stored(hashes[i]);
                            }
                            stored.add(key);
                        }
                        pending.add(entry);
                        op += entry.checksum().bits();
                    }
                }
                case MOVE -> add += entry.checksum().bits();
                case CLEAR -> {
                    flush(store, bucket, pending);
                    store.clearBucket(bucket.id(), entry.checksum());
                    held.clear();
                    stored.clear();
                    add = 0;
                    op = 0;
                    empty = true;
                }
            }
        }
        flush(store, bucket, pending);
        if (last != null) {
            store.finishDataLine(bucket.id(), last, new Checksum(add), new Checksum(op), count, lineSize);
        }
    }

    private static void flush(OplogStore store, BucketStore.BucketHandle bucket, List<OplogEntry> pending) {
        if (!pending.isEmpty()) {
            store.insertOps(bucket.id(), List.copyOf(pending));
            pending.clear();
        }
    }
}
