package dev.hexsync.adapters.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hexsync.ports.model.Checksum;
import dev.hexsync.ports.model.OpId;
import dev.hexsync.ports.model.OpType;
import dev.hexsync.ports.model.OplogEntry;
import dev.hexsync.ports.schema.RawTable;
import dev.hexsync.ports.schema.RawTableStatement;
import dev.hexsync.ports.schema.RawTableStatement.Param;
import dev.hexsync.ports.schema.Schema;
import dev.hexsync.ports.schema.Table;
import dev.hexsync.ports.storage.DatabaseLocation;
import dev.hexsync.ports.storage.SqlSession;
import dev.hexsync.ports.storage.StorageException;
import dev.hexsync.ports.storage.StorageOptions;
import dev.hexsync.ports.storage.sync.OplogStore;
import dev.hexsync.ports.storage.sync.SyncStorage;
import dev.hexsync.testkit.time.VirtualScheduler;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the SQLite store does faster than one statement per op or row, checked against the one-by-one way:
 * {@link OplogStore#keysInOplog} (which lets the ledger skip supersedes that cannot match), {@link
 * OplogStore#insertOps}, and the batched writes of a publish, which must leave every table exactly as writing
 * row by row in candidate order leaves it, rowids included (a view without ORDER BY reads rows in rowid order).
 */
class SqliteSyncStorageBatchingTest {
    private static final String CANDIDATES = "WITH updated_rows AS (SELECT b.row_type, b.row_id FROM ps_buckets AS"
            + " buckets CROSS JOIN ps_oplog AS b ON b.bucket = buckets.id AND (b.op_id > buckets.last_applied_op)"
            + " UNION ALL SELECT row_type, row_id FROM ps_updated_rows) SELECT b.row_type, b.row_id, (SELECT"
            + " iif(max(r.op_id), r.data, null) FROM ps_oplog r WHERE r.row_type = b.row_type AND r.row_id = b.row_id)"
            + " AS data FROM updated_rows b GROUP BY b.row_type, b.row_id";

    @TempDir
    Path dir;

    private SqlSession session;

    @BeforeEach
    void open() {
        session = new SqliteStorageEngine(new VirtualScheduler()).open(DatabaseLocation.file(dir.resolve("store.db")), StorageOptions.DEFAULT);
        session.applySchema(Schema.of(Table.builder("todos").text("description").build(),
                Table.builder("lists").text("name").build()));
    }

    @AfterEach
    void close() {
        session.close();
    }

    @Test
    void keysInOplogAnswersTheBucketsHeldKeysAndEveryKeyItCannotLookUpExactly() {
        String quote = "todos/q\"1/null";
        String backslash = "todos/b\\1/null";
        String accent = "todos/é/sub";
        String emoji = "todos/\uD83D\uDE00/null";
        String control = "todos/c\n1/null";
        String lone = "todos/\uD800/null";
        store(s -> {
            long a = s.buckets().lookupBucket("a").id();
            long b = s.buckets().lookupBucket("b").id();
            s.oplog().insertOps(a, List.of(put(1, "todos", "1", null), put(2, "todos", "q\"1", null),
                    put(3, "todos", "b\\1", null), put(4, "todos", "é", "sub"), put(5, "todos", "\uD83D\uDE00", null)));
            s.oplog().insertOps(b, List.of(put(6, "todos", "2", null)));

            Set<String> held = s.oplog().keysInOplog(a, List.of("todos/1/null", quote, backslash, accent, emoji, control, lone,
                    "todos/2/null", "todos/x/null", "todos/1/other", "todos/1/null"));

            // Surrogates and control characters are answered whether held or not: their supersede runs anyway.
            assertThat(held).containsExactlyInAnyOrder("todos/1/null", quote, backslash, accent, emoji, control, lone);
            assertThat(s.oplog().keysInOplog(b, List.of("todos/1/null", "todos/2/null"))).containsExactly("todos/2/null");
            assertThat(s.oplog().keysInOplog(a, List.of())).isEmpty();
            return null;
        });
    }

    @Test
    void insertOpsStoresWhatInsertOpStoresOneByOne() {
        List<OplogEntry> puts = List.of(put(7, "todos", "1", null), put(8, "lists", "L", "s"),
                new OplogEntry(new OpId(9), OpType.PUT, null, null, null, "{\"x\":1}", Checksum.of(4_000_000_000L)),
                new OplogEntry(new OpId(10), OpType.PUT, "todos", null, null, null, Checksum.of(-5)),
                put(11, "todos", "1", null));
        store(s -> {
            long a = s.buckets().lookupBucket("a").id();
            long b = s.buckets().lookupBucket("b").id();
            s.oplog().insertOps(a, puts);
            for (OplogEntry put : puts) {
                s.oplog().insertOp(b, put);
            }
            assertThatThrownBy(() -> s.oplog().insertOps(a, List.of(new OplogEntry(new OpId(12), OpType.REMOVE, "todos", "1",
                    null, null, Checksum.ZERO)))).isInstanceOf(IllegalArgumentException.class);
            return null;
        });

        String columns = "op_id, key, row_type, row_id, data, hash";
        assertThat(rows("SELECT " + columns + " FROM ps_oplog WHERE bucket = 1 ORDER BY rowid"))
                .isEqualTo(rows("SELECT " + columns + " FROM ps_oplog WHERE bucket = 2 ORDER BY rowid"))
                .hasSize(5);
    }

    /**
     * A raw table in the schema, even one no row goes to: its writes run at once, so batches of the other tables
     * must be flushed around them; with or without one, the row-by-row result.
     */
    private static List<RawTable> rawTables(boolean withRawTable) {
        return withRawTable ? List.of(RawTable.of("rawthing")
                .withPut(RawTableStatement.of("INSERT OR REPLACE INTO rawthing(id) VALUES (?)", Param.ID))
                .withDelete(RawTableStatement.of("DELETE FROM rawthing WHERE id = ?", Param.ID))) : List.of();
    }

    @ParameterizedTest(name = "with a raw table: {0}")
    @ValueSource(booleans = {false, true})
    void batchedPublishLeavesTablesAsRowByRowWritesInCandidateOrderDo(boolean withRawTable) throws SQLException {
        Random random = new Random(42);
        long opId = 0;
        // Rounds of puts, updates and removals over a small id space, untyped rows among them, each published in
        // full; more rows than one batch holds, so that batches are cut in the middle of a table too.
        for (int round = 0; round < 4; round++) {
            List<OplogEntry> puts = new ArrayList<>();
            List<String[]> removed = new ArrayList<>();
            for (int i = 0; i < 1_500; i++) {
                String type = switch (random.nextInt(6)) {
                    case 0 -> "lists";
                    case 1 -> "untyped_" + random.nextInt(2);
                    default -> "todos";
                };
                String id = Integer.toString(random.nextInt(2_500));
                if (round > 0 && random.nextInt(4) == 0) {
                    removed.add(new String[] {type, id});
                } else {
                    puts.add(put(++opId, type, id, null));
                }
            }
            long lastOp = opId;
            Map<String, List<Object>> expected = expectedAfterPublish(puts, removed);
            store(s -> {
                long bucket = s.buckets().lookupBucket("a").id();
                for (String[] row : removed) {
                    if (!s.oplog().supersede(bucket, row[0] + "/" + row[1] + "/null").isEmpty()) {
                        s.oplog().markUpdated(row[0], row[1]);
                    }
                }
                // As the ledger does it: PUTs held back until one of them is about to be superseded.
                List<OplogEntry> batch = new ArrayList<>();
                Set<String> batchKeys = new java.util.HashSet<>();
                for (OplogEntry put : puts) {
                    if (batchKeys.contains(put.key())) {
                        s.oplog().insertOps(bucket, List.copyOf(batch));
                        batch.clear();
                        batchKeys.clear();
                    }
                    s.oplog().supersede(bucket, put.key());
                    batch.add(put);
                    batchKeys.add(put.key());
                }
                s.oplog().insertOps(bucket, batch);
                s.oplog().finishDataLine(bucket, new OpId(lastOp), Checksum.ZERO, Checksum.ZERO, puts.size(), 0);
                s.publishing().publish(Optional.empty(), rawTables(withRawTable));
                return null;
            });
            assertThat(state()).as("round %d", round).isEqualTo(expected);
        }
    }

    @ParameterizedTest(name = "with a raw table: {0}")
    @ValueSource(booleans = {false, true})
    void aFailedPublishLeavesNothingBehindForTheNextOne(boolean withRawTable) {
        store(s -> {
            long bucket = s.buckets().lookupBucket("a").id();
            s.oplog().insertOps(bucket, List.of(put(1, "aa", "x", null), put(2, "aa", "y", null), put(3, "todos", "t", null)));
            s.oplog().finishDataLine(bucket, new OpId(3), Checksum.ZERO, Checksum.ZERO, 3, 0);
            return null;
        });
        // A row the engine cannot publish, sorted right after the untyped ones: the publish fails while their
        // writes are held back in a batch of a statement the store keeps.
        execute("INSERT INTO ps_oplog(bucket, op_id, key, row_type, row_id, data, hash) VALUES (1, 4, 'k', 'ab', NULL, '{}', 0)");
        assertThatThrownBy(() -> store(s -> {
            s.publishing().publish(Optional.empty(), rawTables(withRawTable));
            return null;
        })).isInstanceOf(StorageException.class)
                .hasMessage("Cannot publish an oplog row without type or id (type ab, id null)");

        execute("DELETE FROM ps_oplog WHERE row_type = 'ab' OR row_id = 'x'");
        store(s -> {
            s.publishing().publish(Optional.empty(), rawTables(withRawTable));
            return null;
        });

        assertThat(rows("SELECT type, id FROM ps_untyped ORDER BY type, id"))
                .containsExactly(Map.of("type", "aa", "id", "y"));
        assertThat(rows("SELECT id FROM ps_data__todos")).containsExactly(Map.of("id", "t"));
    }

    // ---- the reference: row by row, in candidate order, on a copy ----

    /**
     * What the publish that follows {@code puts} and {@code removed} must leave: computed on an in-memory copy of
     * the current tables (rowids kept), with the candidates of the engine's query written one row at a time.
     */
    private Map<String, List<Object>> expectedAfterPublish(List<OplogEntry> puts, List<String[]> removed)
            throws SQLException {
        try (Connection copy = DriverManager.getConnection("jdbc:sqlite::memory:");
                Statement statement = copy.createStatement()) {
            copy.setAutoCommit(false);
            statement.execute("CREATE TABLE ps_oplog(bucket INTEGER NOT NULL, op_id INTEGER NOT NULL, row_type TEXT,"
                    + " row_id TEXT, key TEXT, data TEXT, hash INTEGER NOT NULL) STRICT");
            statement.execute("CREATE TABLE ps_buckets(id INTEGER PRIMARY KEY, last_applied_op INTEGER)");
            statement.execute("CREATE TABLE ps_updated_rows(row_type TEXT, row_id TEXT, PRIMARY KEY(row_type, row_id))");
            statement.execute("CREATE TABLE ps_untyped(type TEXT NOT NULL, id TEXT NOT NULL, data TEXT, PRIMARY KEY (type, id))");
            for (String table : List.of("todos", "lists")) {
                statement.execute("CREATE TABLE \"ps_data__" + table + "\"(id TEXT PRIMARY KEY NOT NULL, data TEXT)");
            }
            statement.execute("INSERT INTO ps_buckets VALUES (1, 0)");
            for (Map<String, Object> row : rows("SELECT rowid, bucket, op_id, row_type, row_id, key, data, hash FROM ps_oplog")) {
                insert(copy, "ps_oplog(rowid, bucket, op_id, row_type, row_id, key, data, hash)", row.get("rowid"),
                        row.get("bucket"), row.get("op_id"), row.get("row_type"), row.get("row_id"), row.get("key"),
                        row.get("data"), row.get("hash"));
            }
            for (Map<String, Object> row : rows("SELECT last_applied_op FROM ps_buckets")) {
                statement.execute("UPDATE ps_buckets SET last_applied_op = " + row.get("last_applied_op"));
            }
            for (Map<String, Object> row : rows("SELECT rowid, type, id, data FROM ps_untyped")) {
                insert(copy, "ps_untyped(rowid, type, id, data)", row.get("rowid"), row.get("type"), row.get("id"),
                        row.get("data"));
            }
            for (String table : List.of("todos", "lists")) {
                for (Map<String, Object> row : rows("SELECT rowid, id, data FROM ps_data__" + table)) {
                    insert(copy, "ps_data__" + table + "(rowid, id, data)", row.get("rowid"), row.get("id"), row.get("data"));
                }
            }
            // The ledger's work, one statement per op.
            for (String[] row : removed) {
                try (PreparedStatement delete = copy.prepareStatement("DELETE FROM ps_oplog WHERE key = ? RETURNING 1")) {
                    delete.setString(1, row[0] + "/" + row[1] + "/null");
                    try (ResultSet deleted = delete.executeQuery()) {
                        if (deleted.next()) {
                            insert(copy, "OR IGNORE INTO ps_updated_rows(row_type, row_id)", row[0], row[1]);
                        }
                    }
                }
            }
            for (OplogEntry put : puts) {
                try (PreparedStatement delete = copy.prepareStatement("DELETE FROM ps_oplog WHERE key = ?")) {
                    delete.setString(1, put.key());
                    delete.executeUpdate();
                }
                insert(copy, "ps_oplog(bucket, op_id, row_type, row_id, key, data, hash)", 1L, put.opId().value(),
                        put.objectType(), put.objectId(), put.key(), put.data(), (long) put.checksum().bits());
            }
            // The publish, row by row.
            List<Object[]> candidates = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery(CANDIDATES)) {
                while (rows.next()) {
                    candidates.add(new Object[] {rows.getString(1), rows.getString(2), rows.getString(3)});
                }
            }
            for (Object[] candidate : candidates) {
                String type = (String) candidate[0];
                boolean typed = type.equals("todos") || type.equals("lists");
                if (candidate[2] == null) {
                    if (typed) {
                        insert(copy, null, "DELETE FROM \"ps_data__" + type + "\" WHERE id = ?", candidate[1]);
                    } else {
                        insert(copy, null, "DELETE FROM ps_untyped WHERE type = ? AND id = ?", type, candidate[1]);
                    }
                } else if (typed) {
                    insert(copy, null, "REPLACE INTO \"ps_data__" + type + "\"(id, data) VALUES (?, ?)", candidate[1],
                            candidate[2]);
                } else {
                    insert(copy, null, "REPLACE INTO ps_untyped(type, id, data) VALUES(?, ?, ?)", type, candidate[1],
                            candidate[2]);
                }
            }
            return state(sql -> {
                List<Object> all = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery(sql)) {
                    while (rows.next()) {
                        all.add(Arrays.asList(rows.getObject(1), rows.getObject(2), rows.getObject(3)));
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
                return all;
            });
        }
    }

    private static void insert(Connection connection, String into, Object... values) throws SQLException {
        String sql;
        Object[] params = values;
        if (into == null) {
            sql = (String) values[0];
            params = Arrays.copyOfRange(values, 1, values.length);
        } else {
            sql = "INSERT " + (into.startsWith("OR ") ? "" : "INTO ") + into + " VALUES ("
                    + String.join(", ", java.util.Collections.nCopies(values.length, "?")) + ")";
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            statement.executeUpdate();
        }
    }

    /** The published tables with their rowids, in rowid order. */
    private Map<String, List<Object>> state() {
        return state(sql -> {
            List<Object> all = new ArrayList<>();
            for (Map<String, Object> row : rows(sql)) {
                all.add(new ArrayList<>(row.values()));
            }
            return all;
        });
    }

    private static Map<String, List<Object>> state(Function<String, List<Object>> query) {
        Function<String, List<Object>> normalized = sql -> query.apply(sql).stream()
                .map(row -> (Object) ((List<?>) row).stream()
                        .map(value -> value instanceof Integer number ? (Object) number.longValue() : value).toList())
                .toList();
        return state0(normalized);
    }

    private static Map<String, List<Object>> state0(Function<String, List<Object>> query) {
        return Map.of(
                "todos", query.apply("SELECT rowid, id, data FROM ps_data__todos ORDER BY rowid"),
                "lists", query.apply("SELECT rowid, id, data FROM ps_data__lists ORDER BY rowid"),
                "untyped", query.apply("SELECT rowid, type || '/' || id, data FROM ps_untyped ORDER BY rowid"));
    }

    // ---- helpers ----

    private static OplogEntry put(long opId, String type, String id, String subkey) {
        return new OplogEntry(new OpId(opId), OpType.PUT, type, id, subkey, "{\"op\":" + opId + "}", Checksum.of(opId));
    }

    private <T> T store(Function<SyncStorage, T> work) {
        return session.write(tx -> work.apply(session.syncStorage()));
    }

    private List<Map<String, Object>> rows(String sql) {
        return session.read(tx -> tx.getAll(sql, List.of(), r -> r.toMap()));
    }

    private void execute(String sql) {
        session.write(tx -> tx.execute(sql));
    }
}
