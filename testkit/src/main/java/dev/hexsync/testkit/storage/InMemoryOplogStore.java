package dev.hexsync.testkit.storage;

import dev.hexsync.ports.model.Checksum;
import dev.hexsync.ports.model.OpId;
import dev.hexsync.ports.model.OplogEntry;
import dev.hexsync.ports.storage.sync.OplogStore;
import dev.hexsync.testkit.storage.InMemorySyncStorage.BucketRow;
import dev.hexsync.testkit.storage.InMemorySyncStorage.OplogRow;
import java.util.ArrayList;
import java.util.List;

/** {@code ps_oplog} and {@code ps_updated_rows} of an {@link InMemorySyncStorage}. */
final class InMemoryOplogStore implements OplogStore {
    private final InMemorySyncStorage state;

    InMemoryOplogStore(InMemorySyncStorage state) {
        this.state = state;
    }

    @Override
    public List<Checksum> supersede(long bucketId, String key) {
        List<Checksum> superseded = new ArrayList<>();
        List<OplogRow> rows = state.oplog.get(bucketId);
        if (rows == null || key == null) {
            return superseded;
        }
        rows.removeIf(row -> {
            if (key.equals(row.key())) {
                superseded.add(new Checksum(row.hash()));
                return true;
            }
            return false;
        });
        return superseded;
    }

    @Override
    public void insertOp(long bucketId, OplogEntry put) {
        // The engine binds type and id only as a pair, and no key without them.
        boolean typed = put.objectType() != null && put.objectId() != null;
        OplogRow row = new OplogRow(bucketId, put.opId().value(), put.key(), typed ? put.objectType() : null,
                typed ? put.objectId() : null, put.data(), put.checksum().bits());
        state.oplog.computeIfAbsent(bucketId, id -> new ArrayList<>()).add(row);
    }

    @Override
    public void markUpdated(String rowType, String rowId) {
        state.queueUpdated(rowType, rowId);
    }

    @Override
    public void clearBucket(long bucketId, Checksum clearChecksum) {
        state.markOplogUpdated(bucketId);
        state.oplog.remove(bucketId);
        BucketRow row = state.buckets.get(bucketId);
        if (row != null) {
            // The CLEAR's checksum is bound as a signed 32-bit integer and stored unmasked.
            state.buckets.put(bucketId, new BucketRow(row.id(), row.name(), 0, row.lastOp(), clearChecksum.bits(), 0,
                    row.pendingDelete(), row.countAtLast(), row.countSinceLast(), row.downloadedSize()));
        }
    }

    @Override
    public void finishDataLine(long bucketId, OpId lastOp, Checksum addChecksum, Checksum opChecksum, int opCount,
            long lineSize) {
        BucketRow row = state.buckets.get(bucketId);
        if (row == null) {
            return;
        }
        // SET add_checksum = (add_checksum + ?) & 0xffffffff, with ? bound as a signed 32-bit integer.
        long add = (row.addChecksum() + addChecksum.bits()) & 0xffffffffL;
        long op = (row.opChecksum() + opChecksum.bits()) & 0xffffffffL;
        state.buckets.put(bucketId, new BucketRow(row.id(), row.name(), row.lastAppliedOp(), lastOp.value(), add, op,
                row.pendingDelete(), row.countAtLast(), row.countSinceLast() + opCount,
                row.downloadedSize() + lineSize));
    }
}
