package dev.hexsync.testkit.storage;

import dev.hexsync.ports.schema.RawTable;
import dev.hexsync.ports.storage.sync.PublishStore;
import dev.hexsync.testkit.storage.InMemorySyncStorage.BucketRow;
import dev.hexsync.testkit.storage.InMemorySyncStorage.OplogRow;
import dev.hexsync.testkit.storage.InMemorySyncStorage.RawTableWrite;
import dev.hexsync.testkit.storage.InMemorySyncStorage.RowKey;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Publishing of an {@link InMemorySyncStorage}: {@code ps_data__} tables, raw-table writes, {@code ps_untyped}. */
final class InMemoryPublishStore implements PublishStore {
    private final InMemorySyncStorage state;

    InMemoryPublishStore(InMemorySyncStorage state) {
        this.state = state;
    }

    @Override
    public boolean hasPendingUploads() {
        return state.pendingUploads > 0;
    }

    @Override
    public void publish(Optional<Collection<String>> partialBuckets, List<RawTable> rawTables) {
        Set<Long> involved = new HashSet<>();
        if (partialBuckets.isPresent()) {
            Set<String> names = new HashSet<>(partialBuckets.get());
            for (BucketRow row : state.buckets.values()) {
                if (names.contains(row.name())) {
                    involved.add(row.id());
                }
            }
        } else {
            involved.addAll(state.buckets.keySet());
        }

        // Candidates: rows of unapplied ops of the buckets in scope (GROUP BY row_type, row_id orders them).
        TreeSet<RowKey> candidates = new TreeSet<>();
        for (long bucketId : involved) {
            long lastApplied = state.buckets.get(bucketId).lastAppliedOp();
            for (OplogRow row : state.oplog.getOrDefault(bucketId, List.of())) {
                // SQLite groups NULL types into one candidate that then fails; the engine never stores one
                // it would publish, so such rows are skipped here.
                if (row.opId() > lastApplied && row.rowType() != null && row.rowId() != null) {
                    candidates.add(new RowKey(row.rowType(), row.rowId()));
                }
            }
        }
        if (partialBuckets.isEmpty()) {
            candidates.addAll(state.updatedRows);
        }

        Map<String, RawTable> raw = new LinkedHashMap<>();
        for (RawTable table : rawTables) {
            raw.put(table.name(), table);
        }
        // Winners come from every oplog row (full) or the involved buckets' rows (partial); a full publish
        // also reads rows of oplog entries whose bucket row is gone, as the SQL's subquery does.
        Map<RowKey, OplogRow> winners = new HashMap<>();
        for (Map.Entry<Long, List<OplogRow>> bucket : state.oplog.entrySet()) {
            if (partialBuckets.isPresent() && !involved.contains(bucket.getKey())) {
                continue;
            }
            for (OplogRow row : bucket.getValue()) {
                if (row.rowType() == null || row.rowId() == null) {
                    continue;
                }
                RowKey key = new RowKey(row.rowType(), row.rowId());
                if (!candidates.contains(key)) {
                    continue;
                }
                OplogRow best = winners.get(key);
                if (best == null || row.opId() > best.opId()) {
                    winners.put(key, row);
                }
            }
        }
        for (RowKey candidate : candidates) {
            OplogRow winner = winners.get(candidate);
            // iif(max(r.op_id), r.data, null): no op, or a greatest op id of 0, reads as a deletion.
            String data = winner == null || winner.opId() == 0 ? null : winner.data();
            write(candidate, data, raw);
        }

        for (long bucketId : involved) {
            BucketRow row = state.buckets.get(bucketId);
            if (row.lastAppliedOp() != row.lastOp()) {
                state.buckets.put(bucketId, new BucketRow(row.id(), row.name(), row.lastOp(), row.lastOp(),
                        row.addChecksum(), row.opChecksum(), row.pendingDelete(), row.countAtLast(),
                        row.countSinceLast(), row.downloadedSize()));
            }
        }
        if (partialBuckets.isEmpty()) {
            state.updatedRows.clear();
        }
    }

    private void write(RowKey row, String data, Map<String, RawTable> rawTables) {
        TreeMap<String, String> table = state.tables.get(row.type());
        if (table != null) {
            if (data == null) {
                table.remove(row.id());
            } else {
                table.put(row.id(), data);
            }
        } else if (rawTables.containsKey(row.type())) {
            state.rawTableWrites.add(new RawTableWrite(row.type(), row.id(), data));
        } else if (data == null) {
            state.untyped.remove(row);
        } else {
            state.untyped.put(row, data);
        }
    }
}
