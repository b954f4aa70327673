package dev.hexsync.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hexsync.ports.api.SyncDatabase;
import dev.hexsync.ports.schema.Schema;
import dev.hexsync.ports.schema.Table;
import dev.hexsync.ports.storage.WriteInReadException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's SQL functions that applications call themselves, through the public API of a file database
 * (reads on pooled readers, writes on the writer). Their effects are judged against the engine by the oracle
 * scenario sync/74; this is how an application reaches them.
 */
class EngineSqlFunctionsTest {
    private static final Schema SCHEMA = Schema.of(
            Table.builder("todos").text("description").build(),
            Table.builder("drafts").text("body").localOnly().build());

    @TempDir
    Path dir;

    private SyncDatabase db;

    @BeforeEach
    void open() {
        db = HexSync.builder().sqlite(dir.resolve("app.db")).schema(SCHEMA).build();
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void hardClearEmptiesSyncedTablesAndTheQueueAndKeepsLocalOnlyRowsAndTheClientId() {
        String clientId = db.get("SELECT value FROM ps_kv WHERE key = 'client_id'").getString("value");
        db.execute("INSERT INTO todos(id, description) VALUES ('t1', 'queued')");
        db.execute("INSERT INTO drafts(id, body) VALUES ('d1', 'local')");

        db.execute("SELECT powersync_clear(0)");

        assertThat(count("todos")).isZero();
        assertThat(count("ps_crud")).isZero();
        assertThat(count("drafts")).isEqualTo(1);
        assertThat(db.get("SELECT powersync_client_id() AS id").getString("id")).isEqualTo(clientId);

        db.execute("SELECT powersync_clear(1)");
        assertThat(count("drafts")).isZero();
    }

    @Test
    void aClearIsAWriteAndFailsAsARead() {
        db.execute("INSERT INTO todos(id, description) VALUES ('t1', 'kept')");

        assertThatThrownBy(() -> db.getAll("SELECT powersync_clear(0)")).isInstanceOf(WriteInReadException.class);

        assertThat(count("todos")).isEqualTo(1);
    }

    @Test
    void updateHooksReportWritesOfTheWriterToAQueryOnAReader() {
        assertThat(db.get("SELECT powersync_update_hooks('install') AS v").getString("v")).isNull();

        db.execute("INSERT INTO todos(id, description) VALUES ('t1', 'x')");

        assertThat(db.get("SELECT powersync_update_hooks('get') AS v").getString("v"))
                .isEqualTo("[\"ps_crud\",\"ps_data__todos\",\"ps_kv\",\"ps_tx\"]");
        assertThat(db.get("SELECT powersync_update_hooks('get') AS v").getString("v")).isEqualTo("[]");
    }

    @Test
    void versionInitAndStatusAnswerWithoutASync() {
        assertThat(db.get("SELECT powersync_rs_version() AS v").getString("v")).isEqualTo("0.5.3/hexsync");
        db.execute("SELECT powersync_init()");
        assertThat(db.get("SELECT powersync_offline_sync_status() AS v").getString("v")).isEqualTo(
                "{\"connected\":false,\"connecting\":false,\"priority_status\":[],\"downloading\":null,\"streams\":[]}");
    }

    private long count(String table) {
        return db.get("SELECT count(*) AS n FROM " + table).getLong("n");
    }
}
