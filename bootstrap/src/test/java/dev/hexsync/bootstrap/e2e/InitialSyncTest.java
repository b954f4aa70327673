package dev.hexsync.bootstrap.e2e;

import static dev.hexsync.bootstrap.e2e.TodoService.GLOBAL;
import static dev.hexsync.bootstrap.e2e.TodoService.OPTIONS;
import static dev.hexsync.bootstrap.e2e.TodoService.SCHEMA;
import static dev.hexsync.bootstrap.e2e.TodoService.USER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hexsync.bootstrap.HexSync;
import dev.hexsync.ports.api.SqlRow;
import dev.hexsync.ports.api.SyncDatabase;
import dev.hexsync.ports.model.SyncStatus;
import dev.hexsync.emulator.SyncServiceEmulator;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A new database downloads a data set of a few thousand rows and ends up with exactly the service's rows. */
class InitialSyncTest {
    private static final int LISTS = 20;
    private static final int TODOS = 3000;

    @TempDir
    Path dir;

    @Test
    void downloadsEveryRowOfTheServiceIntoTheLocalFile() {
        // Batches of 500 ops: several data lines per bucket, as the service sends large buckets.
        try (SyncServiceEmulator service = TodoService.emulator().batchSize(500).build().start();
                SyncDatabase db = HexSync.builder().sqlite(dir.resolve("app.db")).schema(SCHEMA).build()) {
            TodoService.seed(service, LISTS, TODOS);
            Instant beforeConnect = Instant.now();

            Eventually.join("connect", db.connect(new EmulatorBackend(service, USER), OPTIONS));
            Eventually.join("the first sync", db.waitForFirstSync());

            assertThat(db.get("SELECT count(*) AS n FROM lists").getLong("n")).isEqualTo(LISTS);
            assertThat(db.get("SELECT count(*) AS n FROM todos").getLong("n")).isEqualTo(TODOS);
            assertThat(Replica.differencesFromService(db, service, GLOBAL, "lists")).isEmpty();
            assertThat(Replica.differencesFromService(db, service, GLOBAL, "todos")).isEmpty();
            // The oplog comparison above is checked against the source rows themselves, by sample.
            for (int i : new int[] {1, 2, 1234, TODOS}) {
                Map<String, Object> source = service.row("todos", TodoService.todoId(i)).orElseThrow();
                SqlRow local = db.get("SELECT * FROM todos WHERE id = ?", TodoService.todoId(i));
                assertThat(local.getString("description")).isEqualTo(source.get("description"));
                assertThat(local.getLong("completed")).isEqualTo(Replica.normalize(source.get("completed")));
                assertThat(local.getDouble("estimate")).isEqualTo(Replica.normalize(source.get("estimate")));
                assertThat(local.getString("list_id")).isEqualTo(source.get("list_id"));
            }

            SyncStatus status = db.syncStatus();
            assertThat(status.hasSynced()).contains(true);
            assertThat(status.connected()).isTrue();
            assertThat(status.downloadError()).isEmpty();
            // Not a timing assertion: the sync finished after connecting, so its timestamp cannot be older.
            assertThat(status.lastSyncedAt()).hasValueSatisfying(at ->
                    assertThat(at).isAfterOrEqualTo(beforeConnect.minusMillis(1)));
            assertThat(Replica.lastOp(db, GLOBAL)).isEqualTo(service.checkpoint());
            assertThat(Replica.queued(db)).isZero();
            assertThat(Replica.integrity(db)).isEqualTo("ok");
        }
    }

    @Test
    void diffTriggersRecordWhatTheSyncPublishes() {
        try (SyncServiceEmulator service = TodoService.emulator().batchSize(100).build().start();
                SyncDatabase db = HexSync.builder().sqlite(dir.resolve("triggers.db")).schema(SCHEMA).build()) {
            TodoService.seed(service, 2, 300);
            dev.hexsync.ports.api.DiffTrigger persisted = db.createDiffTrigger(
                    dev.hexsync.ports.api.DiffTriggerOptions.of("todos").withColumns("description"));
            dev.hexsync.ports.api.DiffTrigger temporary = db.createDiffTrigger(
                    dev.hexsync.ports.api.DiffTriggerOptions.of("todos")
                            .withStorage(dev.hexsync.ports.api.TriggerStorage.TEMPORARY));

            Eventually.join("connect", db.connect(new EmulatorBackend(service, USER), OPTIONS));
            Eventually.join("the first sync", db.waitForFirstSync());

            // Publishing writes through the writer connection, so both kinds of trigger record every row.
            for (dev.hexsync.ports.api.DiffTrigger trigger : new dev.hexsync.ports.api.DiffTrigger[] {persisted, temporary}) {
                java.util.List<SqlRow> recorded = db.writeTransaction(tx -> tx.getAll(
                        "SELECT id, operation, value FROM " + trigger.destination() + " ORDER BY operation_id"));
                assertThat(recorded).as(trigger.toString()).hasSize(300)
                        .allSatisfy(row -> assertThat(row.getString("operation")).isEqualTo("INSERT"));
            }
            SqlRow first = db.get("SELECT id, value FROM " + persisted.destination() + " WHERE id = ?",
                    TodoService.todoId(1));
            assertThat(first.getString("value")).isEqualTo("{\"description\":\""
                    + service.row("todos", TodoService.todoId(1)).orElseThrow().get("description") + "\"}");
            persisted.close();
            temporary.close();
        }
    }

    @Test
    void aNewDatabaseKnowsItHasNotSyncedYet() {
        // Known, not unknown: the stored sync state was read when the database opened.
        try (SyncDatabase db = HexSync.builder().sqlite(dir.resolve("new.db")).schema(SCHEMA).build()) {
            assertThat(db.syncStatus().hasSynced()).contains(false);
        }
    }
}
