package dev.hexsync.testkit.storage;

import dev.hexsync.ports.schema.RawTable;
import dev.hexsync.ports.storage.sync.ReplicaStore;
import dev.hexsync.testkit.storage.InMemorySyncStorage.BucketRow;
import dev.hexsync.testkit.storage.InMemorySyncStorage.RawTableWrite;
import java.util.List;
import java.util.TreeMap;

/** Clearing an {@link InMemorySyncStorage}, as {@code powersync_clear} clears the layout. */
final class InMemoryReplicaStore implements ReplicaStore {
    private final InMemorySyncStorage state;

    InMemoryReplicaStore(InMemorySyncStorage state) {
        this.state = state;
    }

    @Override
    public void clear(boolean clearLocal, boolean soft, List<RawTable> rawTables) {
        if (soft) {
            state.buckets.replaceAll((id, row) -> new BucketRow(row.id(), row.name(), 0, row.lastOp(), row.addChecksum(),
                    row.opChecksum(), row.pendingDelete(), row.countAtLast(), row.countSinceLast(), row.downloadedSize()));
        } else {
            state.oplog.clear();
            state.buckets.clear();
        }
        state.pendingUploads = 0;
        state.untyped.clear();
        state.updatedRows.clear();
        state.kv.keySet().removeIf(key -> !key.equals("client_id"));
        state.subscriptionRows.clear();
        state.syncStates.clear();
        state.tables.values().forEach(TreeMap::clear);
        if (clearLocal) {
            state.localTables.values().forEach(TreeMap::clear);
        }
        for (RawTable raw : rawTables) {
            if (raw.clear().isPresent()) {
                state.rawTableWrites.add(new RawTableWrite(raw.name(), "*", null));
            }
        }
    }
}
