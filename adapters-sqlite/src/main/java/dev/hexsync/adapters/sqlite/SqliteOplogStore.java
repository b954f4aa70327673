package dev.hexsync.adapters.sqlite;

import dev.hexsync.ports.model.Checksum;
import dev.hexsync.ports.model.OpId;
import dev.hexsync.ports.model.OpType;
import dev.hexsync.ports.model.OplogEntry;
import dev.hexsync.ports.storage.sync.OplogStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code ps_oplog} and {@code ps_updated_rows}, and what a data line does to its {@code ps_buckets} row, with the
 * PowerSync engine's own statements (0.5.3, {@code crates/core/src/sync/operations.rs}). Runs on the session's
 * writer inside {@link SqliteSession#write}; these statements run per op or per data line, so they are
 * prepared once ({@link WriterStatements}).
 */
final class SqliteOplogStore implements OplogStore {
    // ---- storage_adapter.rs (deleting a bucket, see SqliteBucketStore) ----
    /** Also the first statement of a CLEAR (operations.rs), which uses the same text. */
    static final String QUEUE_BUCKET_ROWS = "INSERT OR IGNORE INTO ps_updated_rows(row_type, row_id)\n"
            + "SELECT row_type, row_id\nFROM ps_oplog\nWHERE bucket = ?1";
    static final String DELETE_BUCKET_OPLOG = "DELETE FROM ps_oplog WHERE bucket = ?1";
    // ---- operations.rs ----
    // unlikely(): the planner should prefer the (bucket, key) index over scanning a bucket's ops.
    private static final String SUPERSEDE = "DELETE FROM ps_oplog\n    WHERE unlikely(ps_oplog.bucket = ?1)\n"
            + "    AND ps_oplog.key = ?2\nRETURNING op_id, hash";
    private static final String INSERT_OP =
            "INSERT INTO ps_oplog(bucket, op_id, key, row_type, row_id, data, hash) VALUES (?, ?, ?, ?, ?, ?, ?)";
    private static final String MARK_UPDATED = "INSERT OR IGNORE INTO ps_updated_rows(row_type, row_id) VALUES(?1, ?2)";
    // ---- hexsync: which of a line's keys the bucket holds, so that supersedes that cannot match are skipped
    // (BucketLedger); CROSS JOIN keeps the keys outside, each probing the (bucket, key) index once.
    private static final String KEYS_IN_OPLOG = "SELECT o.key FROM json_each(?2) AS j"
            + " CROSS JOIN ps_oplog AS o ON o.bucket = ?1 AND o.key = j.value";
    private static final String CLEAR_BUCKET =
            "UPDATE ps_buckets SET last_applied_op = 0, add_checksum = ?1, op_checksum = 0 WHERE id = ?2";
    private static final String FINISH_DATA_LINE = "UPDATE ps_buckets\n"
            + "    SET last_op = ?2,\n"
            + "        add_checksum = (add_checksum + ?3) & 0xffffffff,\n"
            + "        op_checksum = (op_checksum + ?4) & 0xffffffff,\n"
            + "        count_since_last = count_since_last + ?5,\n"
            + "        downloaded_size = downloaded_size + ?6\n"
            + "WHERE id = ?1";

    private final WriterStatements writer;

    SqliteOplogStore(WriterStatements writer) {
        this.writer = writer;
    }

    @Override
    public List<Checksum> supersede(long bucketId, String key) {
        return writer.run(() -> {
            PreparedStatement supersede = writer.statement(SUPERSEDE);
            supersede.setLong(1, bucketId);
            // The engine looks up the empty key for ops without type and id; stored ops never have it.
            supersede.setString(2, key == null ? "" : key);
            List<Checksum> superseded = new ArrayList<>(1);
            try (ResultSet rows = supersede.executeQuery()) {
                while (rows.next()) {
                    superseded.add(Checksum.of(rows.getLong(2)));
                }
            }
            return superseded;
        });
    }

    @Override
    public void insertOp(long bucketId, OplogEntry put) {
        if (put.op() != OpType.PUT) {
            throw new IllegalArgumentException("Only PUT ops are stored in the oplog, got " + put.op());
        }
        boolean typed = put.objectType() != null && put.objectId() != null;
        writer.run(() -> writer.update(INSERT_OP, bucketId, put.opId().value(), put.key(), typed ? put.objectType() : null,
                typed ? put.objectId() : null, put.data(), put.checksum().bits()));
    }

    @Override
    public void insertOps(long bucketId, List<OplogEntry> puts) {
        if (puts.isEmpty()) {
            return;
        }
        writer.run(() -> {
            // One batch: no per-row statement round trip (nor sqlite-jdbc's generated-keys query after each INSERT).
            PreparedStatement insert = writer.statement(INSERT_OP);
            try {
                for (OplogEntry put : puts) {
                    if (put.op() != OpType.PUT) {
                        throw new IllegalArgumentException("Only PUT ops are stored in the oplog, got " + put.op());
                    }
                    boolean typed = put.objectType() != null && put.objectId() != null;
                    insert.setLong(1, bucketId);
                    insert.setLong(2, put.opId().value());
                    WriterStatements.bind(insert, 3, typed ? put.key() : null);
                    WriterStatements.bind(insert, 4, typed ? put.objectType() : null);
                    WriterStatements.bind(insert, 5, typed ? put.objectId() : null);
                    WriterStatements.bind(insert, 6, put.data());
                    insert.setInt(7, put.checksum().bits());
                    insert.addBatch();
                }
                insert.executeBatch();
            } finally {
                insert.clearBatch();
            }
            return null;
        });
    }

    @Override
    public Set<String> keysInOplog(long bucketId, Collection<String> keys) {
        return writer.run(() -> {
            Set<String> held = new HashSet<>();
            int length = 2;
            for (String key : keys) {
                length += key.length() + 3;
            }
            StringBuilder json = new StringBuilder(length).append('[');
            boolean first = true;
            for (String key : keys) {
                int escapes = 0;
                boolean plain = true;
                for (int i = 0; i < key.length(); i++) {
                    char c = key.charAt(i);
                    if (c < 0x20 || Character.isSurrogate(c)) {
                        plain = false;
                        break;
                    }
                    if (c == '"' || c == '\\') {
                        escapes++;
                    }
                }
                if (!plain) {
                    // Control characters and surrogates might not survive the JSON round trip byte for byte:
                    // answer the key, so that its supersede runs as in the engine.
                    held.add(key);
                    continue;
                }
                json.append(first ? "\"" : ",\"");
                first = false;
                if (escapes == 0) {
                    json.append(key);
                } else {
                    for (int i = 0; i < key.length(); i++) {
                        char c = key.charAt(i);
                        if (c == '"' || c == '\\') {
                            json.append('\\');
                        }
                        json.append(c);
                    }
                }
                json.append('"');
            }
            if (first) {
                return held;
            }
            PreparedStatement query = writer.statement(KEYS_IN_OPLOG);
            query.setLong(1, bucketId);
            query.setString(2, json.append(']').toString());
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    held.add(rows.getString(1));
                }
            }
            return held;
        });
    }

    @Override
    public void markUpdated(String rowType, String rowId) {
        writer.run(() -> {
            // A one-row batch: execute() would have sqlite-jdbc prepare and run SELECT last_insert_rowid() after
            // this INSERT (its generated-keys support), which costs more than the insert, once per REMOVE.
            PreparedStatement mark = writer.statement(MARK_UPDATED);
            try {
                mark.setString(1, rowType);
                mark.setString(2, rowId);
                mark.addBatch();
                mark.executeBatch();
            } finally {
                mark.clearBatch();
            }
            return null;
        });
    }

    @Override
    public void clearBucket(long bucketId, Checksum clearChecksum) {
        writer.run(() -> {
            writer.update(QUEUE_BUCKET_ROWS, bucketId);
            writer.update(DELETE_BUCKET_OPLOG, bucketId);
            // Bound signed, as the engine binds it: add_checksum holds the bitcast until the next data line.
            writer.update(CLEAR_BUCKET, clearChecksum.bits(), bucketId);
            return null;
        });
    }

    @Override
    public void finishDataLine(long bucketId, OpId lastOp, Checksum addChecksum, Checksum opChecksum, int opCount,
            long lineSize) {
        writer.run(() -> writer.update(FINISH_DATA_LINE, bucketId, lastOp.value(), addChecksum.bits(), opChecksum.bits(), opCount,
                lineSize));
    }
}
