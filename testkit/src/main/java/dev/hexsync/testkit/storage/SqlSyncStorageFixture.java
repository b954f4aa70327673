package dev.hexsync.testkit.storage;

import dev.hexsync.ports.schema.Schema;
import dev.hexsync.ports.storage.SqlSession;
import dev.hexsync.ports.storage.sync.SyncStorage;
import dev.hexsync.testkit.storage.InMemorySyncStorage.BucketRow;
import dev.hexsync.testkit.storage.InMemorySyncStorage.OplogRow;
import dev.hexsync.testkit.storage.InMemorySyncStorage.RowKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A sync storage contract's engine as a SQL session in the PowerSync layout, which every SQL engine keeps. All its
 * SQL is plain (SELECT, INSERT, UPDATE, DELETE of single rows; {@code count(*)}) and goes through {@link #rows}
 * and {@link #execute}: an engine whose dialect differs overrides those, or the method whose statement it cannot
 * run as written. Closing it closes the session.
 */
public class SqlSyncStorageFixture implements SyncStorageFixture, LayoutObservation {
    private final SqlSession session;

    /** Takes over {@code session}. */
    public SqlSyncStorageFixture(SqlSession session) {
        this.session = Objects.requireNonNull(session, "session is null");
    }

    /** The session under test. */
    public final SqlSession session() {
        return session;
    }

    /** Every row of a query, as column name to value (Long, Double, String or null). */
    public List<Map<String, Object>> rows(String sql, Object... params) {
        return session.read(tx -> tx.getAll(sql, Arrays.asList(params), r -> r.toMap()));
    }

    /** Runs a statement in its own write transaction. */
    public void execute(String sql, Object... params) {
        session.write(tx -> tx.execute(sql, params));
    }

    @Override
    public <T> T write(Function<SyncStorage, T> work) {
        return session.write(tx -> work.apply(session.syncStorage()));
    }

    @Override
    public void applySchema(Schema schema) {
        session.applySchema(schema);
    }

    @Override
    public void insertLocally(String table, String id, String column, String value) {
        execute("INSERT INTO " + table + "(id, " + column + ") VALUES (?, ?)", id, value);
    }

    @Override
    public void putSyncedRow(String type, String id, String data) {
        execute("DELETE FROM ps_data__" + type + " WHERE id = ?", id);
        execute("INSERT INTO ps_data__" + type + "(id, data) VALUES (?, ?)", id, data);
    }

    @Override
    public void putUntyped(String type, String id, String data) {
        execute("INSERT INTO ps_untyped(type, id, data) VALUES (?, ?, ?)", type, id, data);
    }

    @Override
    public void markPendingDelete(String bucket) {
        execute("UPDATE ps_buckets SET pending_delete = 1 WHERE name = ?", bucket);
    }

    @Override
    public LayoutObservation observe() {
        return this;
    }

    @Override
    public List<BucketRow> buckets() {
        return rows("SELECT id, name, last_applied_op, last_op, add_checksum, op_checksum, pending_delete,"
                + " count_at_last, count_since_last, downloaded_size FROM ps_buckets ORDER BY id").stream()
                .map(r -> new BucketRow(number(r, "id"), (String) r.get("name"), number(r, "last_applied_op"),
                        number(r, "last_op"), number(r, "add_checksum"), number(r, "op_checksum"),
                        number(r, "pending_delete") != 0, number(r, "count_at_last"), number(r, "count_since_last"),
                        number(r, "downloaded_size")))
                .toList();
    }

    @Override
    public List<OplogRow> oplog() {
        return rows("SELECT bucket, op_id, key, row_type, row_id, data, hash FROM ps_oplog ORDER BY bucket, op_id")
                .stream().map(r -> new OplogRow(number(r, "bucket"), number(r, "op_id"), (String) r.get("key"),
                        (String) r.get("row_type"), (String) r.get("row_id"), (String) r.get("data"),
                        Math.toIntExact(number(r, "hash"))))
                .toList();
    }

    @Override
    public List<RowKey> updatedRows() {
        return rows("SELECT row_type, row_id FROM ps_updated_rows ORDER BY row_type, row_id").stream()
                .map(r -> new RowKey((String) r.get("row_type"), (String) r.get("row_id"))).sorted().toList();
    }

    @Override
    public Map<RowKey, String> untyped() {
        Map<RowKey, String> untyped = new TreeMap<>();
        for (Map<String, Object> r : rows("SELECT type, id, data FROM ps_untyped")) {
            untyped.put(new RowKey((String) r.get("type"), (String) r.get("id")), (String) r.get("data"));
        }
        return untyped;
    }

    @Override
    public Map<String, String> syncedRows(String type) {
        Map<String, String> synced = new TreeMap<>();
        for (Map<String, Object> r : rows("SELECT id, data FROM ps_data__" + type)) {
            synced.put((String) r.get("id"), (String) r.get("data"));
        }
        return synced;
    }

    @Override
    public List<Map<String, Object>> viewRows(String view, List<String> columns) {
        List<String> selected = new ArrayList<>(List.of("id"));
        selected.addAll(columns);
        List<Map<String, Object>> found = new ArrayList<>();
        for (Map<String, Object> r : rows("SELECT " + String.join(", ", selected) + " FROM " + view + " ORDER BY id")) {
            // Engines may spell result labels in their own case: key the values as asked.
            Map<String, Object> row = new LinkedHashMap<>();
            int column = 0;
            for (Object value : r.values()) {
                row.put(selected.get(column++), value);
            }
            found.add(row);
        }
        return found;
    }

    @Override
    public Map<String, Object> keyValues() {
        Map<String, Object> values = new TreeMap<>();
        for (Map<String, Object> r : rows("SELECT key, value FROM ps_kv")) {
            values.put((String) r.get("key"), r.get("value"));
        }
        return values;
    }

    @Override
    public Map<Integer, Long> syncStates() {
        Map<Integer, Long> states = new TreeMap<>();
        for (Map<String, Object> r : rows("SELECT priority, last_synced_at FROM ps_sync_state")) {
            states.put(Math.toIntExact(number(r, "priority")), number(r, "last_synced_at"));
        }
        return states;
    }

    @Override
    public List<String> subscriptionParams() {
        return rows("SELECT local_params FROM ps_stream_subscriptions ORDER BY id").stream()
                .map(r -> (String) r.get("local_params")).toList();
    }

    @Override
    public long uploadQueueSize() {
        return number(rows("SELECT count(*) AS n FROM ps_crud").get(0), "n");
    }

    @Override
    public void close() {
        session.close();
    }

    private static long number(Map<String, Object> row, String column) {
        Object value = row.get(column);
        if (!(value instanceof Number number)) {
            throw new IllegalStateException("Column " + column + " holds " + value + ", not a number: " + row);
        }
        return number.longValue();
    }
}
