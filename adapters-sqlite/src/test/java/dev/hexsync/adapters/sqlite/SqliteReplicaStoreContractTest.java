package dev.hexsync.adapters.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hexsync.ports.schema.RawTable;
import dev.hexsync.ports.storage.DatabaseLocation;
import dev.hexsync.ports.storage.StorageEngine;
import dev.hexsync.testkit.storage.ReplicaStoreContractTest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import dev.hexsync.testkit.time.VirtualScheduler;

/** The {@code ReplicaStore} contract on SQLite, plus raw tables, whose clear statement is SQLite SQL. */
class SqliteReplicaStoreContractTest extends ReplicaStoreContractTest {

    @Test
    void rawTablesRunTheirClearStatementWithoutCapturingIt() {
        execute("CREATE TABLE items (id TEXT PRIMARY KEY, name)");
        execute("CREATE TABLE notes (id TEXT PRIMARY KEY, body)");
        // The form of the engine's generated raw-table triggers: writes made by the sync are not captured.
        execute("CREATE TRIGGER items_capture AFTER DELETE ON items WHEN NOT powersync_in_sync_operation() BEGIN"
                + " INSERT INTO ps_crud(tx_id, data) VALUES (1, json_object('op', 'DELETE', 'id', OLD.id)); END");
        execute("INSERT INTO items(id, name) VALUES ('i1', 'a'), ('i2', 'b')");
        execute("INSERT INTO notes(id, body) VALUES ('n1', 'kept')");

        store(s -> {
            s.replica().clear(false, false, List.of(RawTable.of("item").withTableName("items").withClear("DELETE FROM items"),
                    RawTable.of("note").withTableName("notes")));
            return null;
        });

        assertThat(rows("SELECT count(*) AS n FROM items")).containsExactly(row("n", 0L));
        assertThat(rows("SELECT id FROM notes")).as("a raw table without a clear statement keeps its rows")
                .containsExactly(row("id", "n1"));
        assertThat(rows("SELECT count(*) AS n FROM ps_crud")).containsExactly(row("n", 0L));
        assertThat(rows("SELECT powersync_in_sync_operation() AS f")).containsExactly(row("f", 0L));
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
