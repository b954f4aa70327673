package dev.hexsync.adapters.h2;

import dev.hexsync.adapters.h2.schema.H2SchemaApplier;
import dev.hexsync.adapters.h2.schema.H2TableSql;
import dev.hexsync.ports.schema.RawTable;
import dev.hexsync.ports.storage.StorageException;
import dev.hexsync.ports.storage.sync.PublishStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Publishing on H2, as the engine's {@code sync_local} does it: the candidate rows (every row of an unapplied op
 * and every row queued in {@code ps_updated_rows}; for a partial publish, only the involved buckets' unapplied
 * ops), each with the data of its newest op (among the involved buckets for a partial one), or none when no op
 * is left; then written into {@code ps_data__<type>}, a raw table, or {@code ps_untyped}, in (type, id) order.
 * Types match table names exactly, case included, as in the engine. The JSON text goes into the row as it came
 * (no parsing), in JDBC batches of one statement each.
 */
final class H2PublishStore implements PublishStore {
    private static final String HAS_CRUD = "SELECT 1 FROM ps_crud LIMIT 1";
    private static final String FULL_CANDIDATES = "SELECT b.row_type, b.row_id,"
            + " (SELECT r.data FROM ps_oplog r WHERE r.row_type = b.row_type AND r.row_id = b.row_id"
            + " ORDER BY r.op_id DESC LIMIT 1) AS data"
            + " FROM (SELECT o.row_type, o.row_id FROM ps_buckets bu JOIN ps_oplog o ON o.bucket = bu.id"
            + " AND o.op_id > bu.last_applied_op UNION SELECT row_type, row_id FROM ps_updated_rows) b"
            + " ORDER BY b.row_type, b.row_id";
    private static final String PARTIAL_CANDIDATES = "SELECT b.row_type, b.row_id,"
            + " (SELECT r.data FROM ps_oplog r WHERE r.row_type = b.row_type AND r.row_id = b.row_id"
            + " AND r.bucket IN (SELECT id FROM ps_buckets WHERE name = ANY(?)) ORDER BY r.op_id DESC LIMIT 1) AS data"
            + " FROM (SELECT DISTINCT o.row_type, o.row_id FROM ps_buckets bu JOIN ps_oplog o ON o.bucket = bu.id"
            + " AND o.op_id > bu.last_applied_op WHERE bu.name = ANY(?)) b ORDER BY b.row_type, b.row_id";
    private static final String APPLIED_FULL = "UPDATE ps_buckets SET last_applied_op = last_op"
            + " WHERE last_applied_op <> last_op";
    private static final String APPLIED_PARTIAL = "UPDATE ps_buckets SET last_applied_op = last_op"
            + " WHERE last_applied_op <> last_op AND name = ANY(?)";
    private static final String CLEAR_UPDATED_ROWS = "DELETE FROM ps_updated_rows";
    private static final String UNTYPED_PUT = "MERGE INTO ps_untyped(type, id, data) KEY(type, id) VALUES (?, ?, ?)";
    private static final String UNTYPED_DELETE = "DELETE FROM ps_untyped WHERE type = ? AND id = ?";
    private static final int BATCH_ROWS = 1000;

    private final H2Session session;
    private final H2Statements writer;

    H2PublishStore(H2Session session, H2Statements writer) {
        this.session = session;
        this.writer = writer;
    }

    @Override
    public boolean hasPendingUploads() {
        return writer.run(() -> {
            try (ResultSet rows = writer.statement(HAS_CRUD).executeQuery()) {
                return rows.next();
            }
        });
    }

    @Override
    public void publish(Optional<Collection<String>> partialBuckets, List<RawTable> rawTables) {
        writer.run(() -> {
            Connection connection = writer.writer();
            Map<String, String> dataTables = new HashMap<>();
            for (String table : H2SchemaApplier.dataTables(connection)) {
                if (table.startsWith("ps_data__")) {
                    dataTables.put(table.substring("ps_data__".length()), table);
                }
            }
            Map<String, RawTableWriter> raw = new HashMap<>();
            for (RawTable table : rawTables) {
                raw.put(table.name(), new RawTableWriter(connection, table));
            }
            String[] names = partialBuckets.map(b -> b.toArray(new String[0])).orElse(null);
            PreparedStatement candidates = writer.statement(names == null ? FULL_CANDIDATES : PARTIAL_CANDIDATES);
            if (names != null) {
                candidates.setObject(1, names);
                candidates.setObject(2, names);
            }
            try (Batches batches = new Batches(connection)) {
                try (ResultSet rows = candidates.executeQuery()) {
                    while (rows.next()) {
                        String type = rows.getString(1);
                        String id = rows.getString(2);
                        if (type == null || id == null) {
                            throw new StorageException("Cannot publish an oplog row without type or id (type "
                                    + type + ", id " + id + ")");
                        }
                        apply(batches, dataTables, raw, type, id, rows.getString(3));
                    }
                }
            }
            if (names == null) {
                writer.update(APPLIED_FULL);
                writer.update(CLEAR_UPDATED_ROWS);
            } else {
                PreparedStatement applied = writer.statement(APPLIED_PARTIAL);
                applied.setObject(1, names);
                applied.executeUpdate();
            }
            return null;
        });
    }

    private void apply(Batches batches, Map<String, String> dataTables, Map<String, RawTableWriter> raw, String type,
            String id, String data) throws SQLException {
        String table = dataTables.get(type);
        if (table != null) {
            session.touch(table);
            if (data == null) {
                batches.add("DELETE FROM " + H2TableSql.quote(table) + " WHERE id = ?", id);
            } else {
                batches.add("MERGE INTO " + H2TableSql.quote(table) + "(id, data) KEY(id) VALUES (?, ?)", id, data);
            }
            return;
        }
        RawTableWriter rawTable = raw.get(type);
        if (rawTable != null) {
            batches.flush();
            session.touch(rawTable.localTable());
            if (data == null) {
                rawTable.delete(id);
            } else {
                rawTable.put(id, data);
            }
            return;
        }
        session.touch("ps_untyped");
        if (data == null) {
            batches.add(UNTYPED_DELETE, type, id);
        } else {
            batches.add(UNTYPED_PUT, type, id, data);
        }
    }

    /**
     * Writes held back in a JDBC batch of one statement: a different statement flushes the batch first, so the
     * writes still run in candidate order.
     */
    private static final class Batches implements AutoCloseable {
        private final Connection connection;
        private final Map<String, PreparedStatement> statements = new HashMap<>();
        private PreparedStatement pending;
        private int count;

        Batches(Connection connection) {
            this.connection = connection;
        }

        void add(String sql, String... values) throws SQLException {
            PreparedStatement statement = statements.get(sql);
            if (statement == null) {
                statement = connection.prepareStatement(sql);
                statements.put(sql, statement);
            }
            if (statement != pending) {
                flush();
            }
            for (int i = 0; i < values.length; i++) {
                statement.setString(i + 1, values[i]);
            }
            statement.addBatch();
            pending = statement;
            if (++count == BATCH_ROWS) {
                flush();
            }
        }

        void flush() throws SQLException {
            if (pending != null) {
                PreparedStatement statement = pending;
                pending = null;
                count = 0;
                statement.executeBatch();
            }
        }

        @Override
        public void close() throws SQLException {
            try {
                flush();
            } finally {
                for (PreparedStatement statement : statements.values()) {
                    statement.close();
                }
            }
        }
    }
}
