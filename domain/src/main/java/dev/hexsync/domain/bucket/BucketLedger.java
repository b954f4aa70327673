package dev.hexsync.domain.bucket;

import dev.hexsync.ports.model.Checksum;
import dev.hexsync.ports.model.OpId;
import dev.hexsync.ports.model.OpType;
import dev.hexsync.ports.model.OplogEntry;
import dev.hexsync.ports.model.SyncLine;
import dev.hexsync.ports.storage.SyncStore;

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
     * @param lineSize the size of the line as received, in bytes
     */
    public static void apply(SyncStore store, SyncLine.Data line, long lineSize) {
        SyncStore.BucketHandle bucket = store.lookupBucket(line.bucket());
        // A bucket that was never published needs no removals recorded: nothing of it is visible yet.
        boolean empty = bucket.lastAppliedOp().value() == 0;
        Checksum add = Checksum.ZERO;
        Checksum op = Checksum.ZERO;
        OpId last = null;
        int count = 0;
        for (OplogEntry entry : line.data()) {
            last = entry.opId();
            count++;
            switch (entry.op()) {
                case PUT, REMOVE -> {
                    String key = entry.key();
                    boolean superseded = false;
                    for (Checksum previous : store.supersede(bucket.id(), key == null ? "" : key)) {
                        add = add.plus(previous);
                        op = op.minus(previous);
                        if (!empty) {
                            superseded = true;
                        }
                    }
                    if (entry.op() == OpType.REMOVE) {
                        add = add.plus(entry.checksum());
                        if (superseded && entry.objectType() != null && entry.objectId() != null) {
                            store.markUpdated(entry.objectType(), entry.objectId());
                        }
                    } else {
                        store.insertOp(bucket.id(), entry);
                        op = op.plus(entry.checksum());
                    }
                }
                case MOVE -> add = add.plus(entry.checksum());
                case CLEAR -> {
                    store.clearBucket(bucket.id(), entry.checksum());
                    add = Checksum.ZERO;
                    op = Checksum.ZERO;
                    empty = true;
                }
            }
        }
        if (last != null) {
            store.finishDataLine(bucket.id(), last, add, op, count, lineSize);
        }
    }
}
