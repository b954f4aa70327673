package dev.hexsync.adapters.h2;

import dev.hexsync.ports.api.RowMapper;
import dev.hexsync.ports.api.SqlRow;
import dev.hexsync.ports.model.UploadQueueStats;
import dev.hexsync.ports.storage.CrudQueue;
import dev.hexsync.ports.storage.CrudRecord;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The upload queue in {@code ps_crud}, and the write gate in {@code ps_kv} that completing an upload moves; the
 * queue's sequence is {@code ps_tx.last_crud_id} (see {@code H2Layout}).
 */
final class H2CrudQueue implements CrudQueue {
    private static final String MAX_TARGET = Long.toString(Long.MAX_VALUE);
    private static final String TARGET = "SELECT value FROM ps_kv WHERE key = 'target_checkpoint_request_id'";
    private static final String SET_TARGET = "MERGE INTO ps_kv(key, value) KEY(key) VALUES ('target_checkpoint_request_id', ?)";
    private static final String SEQUENCE = "SELECT last_crud_id FROM ps_tx WHERE id = 1";

    private static final RowMapper<CrudRecord> RECORD = row -> new CrudRecord(row.getLong("id"),
            row.isNull("tx_id") ? OptionalLong.empty() : OptionalLong.of(row.getLong("tx_id")), row.getString("data"));

    private final H2Session session;

    H2CrudQueue(H2Session session) {
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
        Optional<Long> checkpoint = writeCheckpoint.map(H2CrudQueue::parseCheckpoint);
        session.write(tx -> {
            if (tx.getOptional("SELECT 1 FROM ps_crud LIMIT 1").isEmpty()) {
                return null;
            }
            tx.execute("DELETE FROM ps_crud WHERE id <= ?", throughId);
            session.touch(TableNaming.QUEUE);
            boolean drained = tx.getOptional("SELECT 1 FROM ps_crud LIMIT 1").isEmpty();
            long target = checkpoint.isPresent() && drained ? checkpoint.get() : Long.MAX_VALUE;
            tx.execute(SET_TARGET, Long.toString(target));
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
                    ? "SELECT count(*) AS n, coalesce(sum(octet_length(data)), 0) AS size FROM ps_crud"
                    : "SELECT count(*) AS n FROM ps_crud");
            return new UploadQueueStats(row.getLong("n"),
                    includeSize ? OptionalLong.of(row.getLong("size")) : OptionalLong.empty());
        });
    }

    @Override
    public boolean awaitingWriteCheckpoint() {
        return MAX_TARGET.equals(session.read(tx -> tx.getOptional(TARGET).map(row -> row.getString("value"))
                .orElse(null)));
    }

    @Override
    public long sequence() {
        return session.read(tx -> tx.get(SEQUENCE).getLong("last_crud_id"));
    }

    @Override
    public boolean installWriteCheckpoint(long checkpoint, long expectedSequence) {
        return session.write(tx -> {
            boolean drained = tx.getOptional("SELECT 1 FROM ps_crud LIMIT 1").isEmpty();
            long sequence = tx.get(SEQUENCE).getLong("last_crud_id");
            String target = tx.getOptional(TARGET).map(row -> row.getString("value")).orElse(null);
            if (!drained || sequence != expectedSequence || !MAX_TARGET.equals(target)) {
                return false;
            }
            tx.execute(SET_TARGET, Long.toString(checkpoint));
            return true;
        });
    }
}
