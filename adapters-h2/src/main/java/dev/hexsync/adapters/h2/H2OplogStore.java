package dev.hexsync.adapters.h2;

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
 * {@code ps_oplog} and {@code ps_updated_rows} on H2, and what a data line does to its bucket row: the engine's
 * statements with H2's forms (OLD TABLE for DELETE ... RETURNING, MERGE for INSERT OR IGNORE, {@code = ANY(?)}
 * with an array for the engine's {@code json_each}). Runs on the writer inside {@link H2Session#write}.
 */
final class H2OplogStore implements OplogStore {
    /** Also the first statement of a CLEAR; rows without type or id are skipped (SQLite's OR IGNORE on NOT NULL). */
    static final String QUEUE_BUCKET_ROWS = "MERGE INTO ps_updated_rows(row_type, row_id) KEY(row_type, row_id)"
            + " SELECT DISTINCT row_type, row_id FROM ps_oplog WHERE bucket = ? AND row_type IS NOT NULL"
            + " AND row_id IS NOT NULL";
    static final String DELETE_BUCKET_OPLOG = "DELETE FROM ps_oplog WHERE bucket = ?";
    private static final String SUPERSEDE = "SELECT hash FROM OLD TABLE (DELETE FROM ps_oplog WHERE bucket = ? AND key = ?)";
    private static final String INSERT_OP =
            "INSERT INTO ps_oplog(bucket, op_id, key, row_type, row_id, data, hash) VALUES (?, ?, ?, ?, ?, ?, ?)";
    private static final String MARK_UPDATED = "MERGE INTO ps_updated_rows(row_type, row_id) KEY(row_type, row_id) VALUES (?, ?)";
    private static final String KEYS_IN_OPLOG = "SELECT key FROM ps_oplog WHERE bucket = ? AND key = ANY(?)";
    private static final String CLEAR_BUCKET =
            "UPDATE ps_buckets SET last_applied_op = 0, add_checksum = ?, op_checksum = 0 WHERE id = ?";
    private static final String FINISH_DATA_LINE = "UPDATE ps_buckets SET last_op = ?,"
            + " add_checksum = BITAND(add_checksum + ?, 4294967295),"
            + " op_checksum = BITAND(op_checksum + ?, 4294967295),"
            + " count_since_last = count_since_last + ?, downloaded_size = downloaded_size + ? WHERE id = ?";

    private final H2Statements writer;

    H2OplogStore(H2Statements writer) {
        this.writer = writer;
    }

    @Override
    public List<Checksum> supersede(long bucketId, String key) {
        return writer.run(() -> {
            PreparedStatement supersede = writer.statement(SUPERSEDE);
            supersede.setLong(1, bucketId);
            supersede.setString(2, key == null ? "" : key);
            List<Checksum> superseded = new ArrayList<>(1);
            try (ResultSet rows = supersede.executeQuery()) {
                while (rows.next()) {
                    superseded.add(Checksum.of(rows.getLong(1)));
                }
            }
            return superseded;
        });
    }

    @Override
    public void insertOp(long bucketId, OplogEntry put) {
        insertOps(bucketId, List.of(put));
    }

    @Override
    public void insertOps(long bucketId, List<OplogEntry> puts) {
        if (puts.isEmpty()) {
            return;
        }
        writer.run(() -> {
            PreparedStatement insert = writer.statement(INSERT_OP);
            try {
                for (OplogEntry put : puts) {
                    if (put.op() != OpType.PUT) {
                        throw new IllegalArgumentException("Only PUT ops are stored in the oplog, got " + put.op());
                    }
                    boolean typed = put.objectType() != null && put.objectId() != null;
                    insert.setLong(1, bucketId);
                    insert.setLong(2, put.opId().value());
                    H2Statements.bind(insert, 3, put.key());
                    H2Statements.bind(insert, 4, typed ? put.objectType() : null);
                    H2Statements.bind(insert, 5, typed ? put.objectId() : null);
                    H2Statements.bind(insert, 6, put.data());
                    insert.setLong(7, put.checksum().bits());
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
            if (keys.isEmpty()) {
                return held;
            }
            PreparedStatement query = writer.statement(KEYS_IN_OPLOG);
            query.setLong(1, bucketId);
            query.setObject(2, keys.toArray(new String[0]));
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
        writer.run(() -> writer.update(MARK_UPDATED, rowType, rowId));
    }

    @Override
    public void clearBucket(long bucketId, Checksum clearChecksum) {
        writer.run(() -> {
            writer.update(QUEUE_BUCKET_ROWS, bucketId);
            writer.update(DELETE_BUCKET_OPLOG, bucketId);
            // Signed, as the engine binds it: add_checksum holds the bitcast until the next data line.
            writer.update(CLEAR_BUCKET, (long) clearChecksum.bits(), bucketId);
            return null;
        });
    }

    @Override
    public void finishDataLine(long bucketId, OpId lastOp, Checksum addChecksum, Checksum opChecksum, int opCount,
            long lineSize) {
        writer.run(() -> writer.update(FINISH_DATA_LINE, lastOp.value(), (long) addChecksum.bits(),
                (long) opChecksum.bits(), (long) opCount, lineSize, bucketId));
    }
}
