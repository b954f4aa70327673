package dev.hexsync.adapters.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hexsync.json.Json;
import dev.hexsync.ports.model.Checksum;
import dev.hexsync.ports.model.OpId;
import dev.hexsync.ports.schema.RawTable;
import dev.hexsync.ports.schema.SchemaException;
import dev.hexsync.ports.storage.DatabaseLocation;
import dev.hexsync.ports.storage.StorageEngine;
import dev.hexsync.ports.storage.StorageException;
import dev.hexsync.schema.json.SchemaJson;
import dev.hexsync.testkit.storage.PublishStoreContractTest;
import dev.hexsync.testkit.time.VirtualScheduler;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The {@code PublishStore} contract on SQLite, plus what only SQLite has: raw tables, whose put and delete
 * statements are SQLite SQL. The expected values of the raw-table tests were produced by the PowerSync engine
 * 0.5.3 (the oracle in {@code ../shared/oracle}) from the same definitions and data.
 */
class SqlitePublishStoreContractTest extends PublishStoreContractTest {
    /** Every kind of parameter source, with one column bound three times to show the engine's number binding. */
    private static final RawTable ITEMS = raw("""
            {"name": "item",
             "put": {"sql": "INSERT OR REPLACE INTO items (id, name, v, t, i, flag, obj, rest) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                     "params": ["Id", {"Column": "name"}, {"Column": "v"}, {"Column": "v"}, {"Column": "v"},
                                {"Column": "flag"}, {"Column": "obj"}, "Rest"]},
             "delete": {"sql": "DELETE FROM items WHERE id = ?", "params": ["Id"]}}""");
    /** No statements: the engine infers them from the local table, limited to the synced columns. */
    private static final RawTable NOTES = raw("""
            {"name": "note", "table_name": "notes", "synced_columns": ["title", "body"]}""");

    @Test
    void rawTablePutBindsValuesAsTheEngineDoes() {
        execute("CREATE TABLE items (id TEXT PRIMARY KEY, name, v, t TEXT, i INTEGER, flag, obj, rest TEXT)");

        publish(List.of(ITEMS),
                op("item", "i1", "{\"name\":\"n\",\"v\":5,\"flag\":true,\"obj\":{\"z\":1},\"zz\":[1,{\"y\":null,"
                        + "\"b\":1e2}],\"c\":null,\"b\":-0,\"é\":1.50,\"a\":12345678901234567890}"),
                op("item", "i2", "{\"name\":\"m\",\"v\":1.5}"),
                op("item", "i3", "{\"name\":\"k\",\"v\":\"text\",\"flag\":false,\"id\":\"ignored\",\"z\":\"\\u00e9\\n\"}"),
                op("item", "i4", "{\"name\":\"big\",\"v\":9007199254740993}"));

        assertThat(rows("SELECT id, name, v, typeof(v) AS tv, t, i, typeof(i) AS ti, flag, obj, rest FROM items"
                + " ORDER BY id")).containsExactly(
                        row("id", "i1", "name", "n", "v", 5.0, "tv", "real", "t", "5.0", "i", 5L, "ti", "integer",
                                "flag", 1L, "obj", null, "rest", "{\"a\":12345678901234567890,\"b\":-0.0,\"c\":null,"
                                        + "\"zz\":[1,{\"b\":100.0,\"y\":null}],\"é\":1.5}"),
                        row("id", "i2", "name", "m", "v", 1.5, "tv", "real", "t", "1.5", "i", 1.5, "ti", "real",
                                "flag", null, "obj", null, "rest", null),
                        row("id", "i3", "name", "k", "v", "text", "tv", "text", "t", "text", "i", "text", "ti", "text",
                                "flag", 0L, "obj", null, "rest", "{\"z\":\"é\\n\"}"),
                        row("id", "i4", "name", "big", "v", 9007199254740992.0, "tv", "real",
                                "t", "9007199254740992.0", "i", 9007199254740992L, "ti", "integer", "flag", null,
                                "obj", null, "rest", null));
        assertThat(rows("SELECT count(*) AS n FROM ps_untyped")).as("a raw table is a known type")
                .containsExactly(row("n", 0L));
    }

    @Test
    void rawTableDeleteRunsWhenNoPutIsLeft() {
        execute("CREATE TABLE items (id TEXT PRIMARY KEY, name, v, t TEXT, i INTEGER, flag, obj, rest TEXT)");
        publish(List.of(ITEMS), op("item", "i1", "{\"name\":\"a\"}"), op("item", "i2", "{\"name\":\"b\"}"));

        store(s -> {
            long bucket = s.buckets().lookupBucket("a").id();
            s.oplog().supersede(bucket, "item/i1/null");
            s.oplog().markUpdated("item", "i1");
            s.publishing().publish(Optional.empty(), List.of(ITEMS));
            return null;
        });

        assertThat(rows("SELECT id FROM items")).containsExactly(row("id", "i2"));
    }

    @Test
    void inferredRawTableStatementsWriteOnlyTheSyncedColumns() {
        execute("CREATE TABLE notes (id TEXT PRIMARY KEY, title TEXT, body, local TEXT)");
        publish(List.of(NOTES), op("note", "n1", "{\"title\":\"T\",\"body\":7,\"local\":\"no\"}"),
                op("note", "n2", "{\"title\":\"other\"}"));
        assertThat(rows("SELECT id, title, body, typeof(body) AS tb, local FROM notes ORDER BY id")).containsExactly(
                row("id", "n1", "title", "T", "body", 7.0, "tb", "real", "local", null),
                row("id", "n2", "title", "other", "body", null, "tb", "null", "local", null));

        execute("UPDATE notes SET local = 'mine'");
        store(s -> {
            long bucket = s.buckets().lookupBucket("a").id();
            s.oplog().supersede(bucket, "note/n1/null");
            s.oplog().insertOp(bucket, put(10, "note", "n1", "{\"title\":\"T2\"}", 1));
            s.oplog().supersede(bucket, "note/n2/null");
            s.oplog().markUpdated("note", "n2");
            s.oplog().finishDataLine(bucket, new OpId(10), Checksum.ZERO, Checksum.ZERO, 2, 0);
            s.publishing().publish(Optional.empty(), List.of(NOTES));
            return null;
        });

        assertThat(rows("SELECT id, title, body, local FROM notes"))
                .as("an upsert of the synced columns keeps the local one")
                .containsExactly(row("id", "n1", "title", "T2", "body", null, "local", "mine"));
    }

    @Test
    void aJsonTableWinsOverARawTableOfTheSameName() {
        execute("CREATE TABLE raw_todos (id TEXT PRIMARY KEY, x)");
        RawTable shadowed = raw("""
                {"name": "todos", "put": {"sql": "INSERT OR REPLACE INTO raw_todos (id, x) VALUES (?, 'raw')", "params": ["Id"]}}""");

        publish(List.of(shadowed), op("todos", "t1", "{\"description\":\"json\"}"));

        assertThat(dataRows("todos")).containsExactly(Map.entry("t1", "{\"description\":\"json\"}"));
        assertThat(rows("SELECT count(*) AS n FROM raw_todos")).containsExactly(row("n", 0L));
    }

    @Test
    void triggersOfRawTablesSeeTheSyncOperation() {
        execute("CREATE TABLE items (id TEXT PRIMARY KEY, name, v, t TEXT, i INTEGER, flag, obj, rest TEXT)");
        execute("CREATE TABLE seen (in_sync)");
        execute("CREATE TRIGGER items_seen AFTER INSERT ON items BEGIN"
                + " INSERT INTO seen(in_sync) VALUES (powersync_in_sync_operation()); END");
        // The form of the engine's generated raw-table triggers: writes made by the sync are not captured.
        execute("CREATE TRIGGER items_capture AFTER INSERT ON items WHEN NOT powersync_in_sync_operation() BEGIN"
                + " INSERT INTO ps_crud(tx_id, data) VALUES (1, json_object('op', 'PUT', 'id', NEW.id)); END");

        publish(List.of(ITEMS), op("item", "i1", "{\"name\":\"synced\"}"));
        execute("INSERT INTO items(id, name) VALUES ('l1', 'local')");

        assertThat(rows("SELECT in_sync FROM seen ORDER BY rowid")).containsExactly(row("in_sync", 1L),
                row("in_sync", 0L));
        assertThat(rows("SELECT data FROM ps_crud")).containsExactly(row("data", "{\"op\":\"PUT\",\"id\":\"l1\"}"));
        assertThat(rows("SELECT powersync_in_sync_operation() AS f")).containsExactly(row("f", 0L));
    }

    @Test
    void aFailingPublishStillEndsTheSyncOperation() {
        execute("CREATE TABLE items (id TEXT PRIMARY KEY, name NOT NULL, v, t TEXT, i INTEGER, flag, obj, rest TEXT)");

        assertThatThrownBy(() -> publish(List.of(ITEMS), op("item", "i1", "{\"v\":1}")))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("NOT NULL")
                .hasMessageContaining("replacing into item, id = i1");

        assertThat(rows("SELECT powersync_in_sync_operation() AS f")).containsExactly(row("f", 0L));
        session().write(tx -> {
            assertThat(tx.get("SELECT powersync_in_sync_operation() AS f").getLong("f")).isZero();
            return null;
        });
    }

    @Test
    void rawTableDefinitionErrorsSurfaceWhenARowNeedsTheStatement() {
        execute("CREATE TABLE items (id TEXT PRIMARY KEY, name)");
        RawTable noLocalName = raw("{\"name\": \"note\"}");
        RawTable wrongCount = raw("""
                {"name": "item", "put": {"sql": "INSERT INTO items (id, name) VALUES (?, ?)", "params": ["Id"]}}""");
        RawTable deleteByColumn = raw("""
                {"name": "item", "delete": {"sql": "DELETE FROM items WHERE name = ?", "params": [{"Column": "name"}]}}""");

        assertThatThrownBy(() -> publish(List.of(noLocalName), op("note", "n1", "{}")))
                .isInstanceOf(SchemaException.class).hasMessage("Raw table note has no local name");
        assertThatThrownBy(() -> publish(List.of(wrongCount), op("item", "i1", "{}")))
                .isInstanceOf(SchemaException.class)
                .hasMessage("Statement INSERT INTO items (id, name) VALUES (?, ?) has 2 parameters, but 1 values were"
                        + " provided as sources.");
        assertThatThrownBy(() -> store(s -> {
            s.oplog().markUpdated("item", "i1");
            s.publishing().publish(Optional.empty(), List.of(deleteByColumn));
            return null;
        })).isInstanceOf(SchemaException.class).hasMessage("Raw delete statement parameters must only reference id");
        assertThatThrownBy(() -> publish(List.of(raw("{\"name\": \"x\", \"table_name\": \"nowhere\"}")),
                op("x", "1", "{}"))).isInstanceOf(SchemaException.class)
                .hasMessage("Could not find nowhere in local schema.");
    }

    // ---- helpers ----

    private record Op(String type, String id, String data) {
    }

    private static Op op(String type, String id, String data) {
        return new Op(type, id, data);
    }

    /** Stores the ops as PUTs of bucket {@code a} (op ids after what it has) and publishes them in full. */
    private void publish(List<RawTable> rawTables, Op... ops) {
        store(s -> {
            long bucket = s.buckets().lookupBucket("a").id();
            long opId = (Long) rows("SELECT last_op FROM ps_buckets WHERE id = ?", bucket).get(0).get("last_op");
            for (Op op : ops) {
                opId++;
                s.oplog().supersede(bucket, op.type() + "/" + op.id() + "/null");
                s.oplog().insertOp(bucket, put(opId, op.type(), op.id(), op.data(), opId));
            }
            s.oplog().finishDataLine(bucket, new OpId(opId), Checksum.ZERO, Checksum.ZERO, ops.length, 0);
            s.publishing().publish(Optional.empty(), rawTables);
            return null;
        });
    }

    private static RawTable raw(String json) {
        return SchemaJson.parseRawTable(Json.parseObject(json));
    }

    @Override
    protected StorageEngine engine() {
        return new SqliteStorageEngine(new VirtualScheduler());
    }

    @Override
    protected DatabaseLocation newFileLocation(Path tempDir) {
        return DatabaseLocation.file(tempDir.resolve("sync-store.db"));
    }
}
