package dev.hexsync.adapters.sqlite;

import dev.hexsync.ports.api.RowMapper;
import dev.hexsync.ports.api.SqlRow;
import dev.hexsync.ports.model.UploadQueueStats;
import dev.hexsync.ports.storage.CrudQueue;
import dev.hexsync.ports.storage.CrudRecord;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** The upload queue in {@code ps_crud}, and the write gate in {@code ps_kv} that completing an upload moves. */
final class SqliteCrudQueue implements CrudQueue {
    /** The engine's sentinel target: local writes were uploaded, but their write checkpoint is not known yet. */
    static final long MAX_OP_ID = Long.MAX_VALUE;

    private static final RowMapper<CrudRecord> RECORD = row -> new CrudRecord(row.getLong("id"),
            row.isNull("tx_id") ? OptionalLong.empty() : OptionalLong.of(row.getLong("tx_id")), row.getString("data"));

    private final SqliteSession session;

    SqliteCrudQueue(SqliteSession session) {
        this.session = session;
    }

    @Override
    public List<CrudRecord> peek(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        return session.read(tx -> tx.getAll("SELECT id, tx_id, data FROM ps_crud ORDER BY id ASC LIMIT ?",
                List.of(limit), RECORD));
    }

    @Override
    public List<CrudRecord> peekTransaction() {
        return session.read(tx -> {
            Optional<CrudRecord> first = tx.getOptional("SELECT id, tx_id, data FROM ps_crud ORDER BY id ASC LIMIT 1",
                    List.of(), RECORD);
            if (first.isEmpty()) {
                return List.of();
            }
            OptionalLong txId = first.get().transactionId();
            if (txId.isEmpty()) {
                return List.of(first.get());
            }
            return tx.getAll("SELECT id, tx_id, data FROM ps_crud WHERE tx_id = ? ORDER BY id ASC",
                    List.of(txId.getAsLong()), RECORD);
        });
    }

    @Override
    public void complete(long throughId, Optional<String> writeCheckpoint) {
        Optional<Long> checkpoint = writeCheckpoint.map(SqliteCrudQueue::parseCheckpoint);
        session.write(tx -> {
            if (tx.getOptional("SELECT 1 FROM ps_crud LIMIT 1").isEmpty()) {
                return null;
            }
            tx.execute("DELETE FROM ps_crud WHERE id <= ?", throughId);
            boolean drained = tx.getOptional("SELECT 1 FROM ps_crud LIMIT 1").isEmpty();
            long target = checkpoint.isPresent() && drained ? checkpoint.get() : MAX_OP_ID;
            tx.execute("INSERT OR REPLACE INTO ps_kv(key, value) VALUES ('target_checkpoint_request_id', ?)", target);
            return null;
        });
    }

    private static long parseCheckpoint(String checkpoint) {
        try {
            long value = Long.parseLong(checkpoint);
            if (value < 0) {
                throw new NumberFormatException("negative");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("A write checkpoint is a non-negative decimal integer, got '"
                    + checkpoint + "'", e);
        }
    }

    @Override
    public UploadQueueStats stats(boolean includeSize) {
        return session.read(tx -> {
            SqlRow row = tx.get(includeSize
                    ? "SELECT count(*) AS n, ifnull(sum(length(CAST(data AS BLOB))), 0) AS size FROM ps_crud"
                    : "SELECT count(*) AS n FROM ps_crud");
            return new UploadQueueStats(row.getLong("n"),
                    includeSize ? OptionalLong.of(row.getLong("size")) : OptionalLong.empty());
        });
    }

    @Override
    public boolean awaitingWriteCheckpoint() {
        return session.read(tx -> tx.getOptional("SELECT value FROM ps_kv WHERE key = 'target_checkpoint_request_id'")
                .map(row -> row.get("value")).orElse(null)) instanceof Long target && target == MAX_OP_ID;
    }

    @Override
    public long sequence() {
        return session.read(tx -> tx.getOptional("SELECT seq FROM sqlite_sequence WHERE name = 'ps_crud'")
                .map(row -> row.getLong("seq")).orElse(0L));
    }

    @Override
    public boolean installWriteCheckpoint(long checkpoint, long expectedSequence) {
        return session.write(tx -> {
            boolean drained = tx.getOptional("SELECT 1 FROM ps_crud LIMIT 1").isEmpty();
            long sequence = tx.getOptional("SELECT seq FROM sqlite_sequence WHERE name = 'ps_crud'")
                    .map(row -> row.getLong("seq")).orElse(0L);
            Object target = tx.getOptional("SELECT value FROM ps_kv WHERE key = 'target_checkpoint_request_id'")
                    .map(row -> row.get("value")).orElse(null);
            if (!drained || sequence != expectedSequence || !(target instanceof Long t) || t != MAX_OP_ID) {
                return false;
            }
            tx.execute("INSERT OR REPLACE INTO ps_kv(key, value) VALUES ('target_checkpoint_request_id', ?)", checkpoint);
            return true;
        });
    }
}
