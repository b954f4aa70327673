package dev.hexsync.bootstrap.e2e;

import static dev.hexsync.bootstrap.e2e.TodoService.GLOBAL;
import static dev.hexsync.bootstrap.e2e.TodoService.OPTIONS;
import static dev.hexsync.bootstrap.e2e.TodoService.SCHEMA;
import static dev.hexsync.bootstrap.e2e.TodoService.USER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hexsync.bootstrap.HexSync;
import dev.hexsync.ports.api.SyncDatabase;
import dev.hexsync.emulator.RecordedRequest;
import dev.hexsync.emulator.SyncServiceEmulator;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Local writes go up through the application's backend and come back as confirmed server state. Until the
 * service confirms them (the write checkpoint of the upload appears in a checkpoint), downloaded data must not
 * overwrite them: that is the write-checkpoint barrier.
 */
class LocalWritesTest {
    @TempDir
    Path dir;

    private SyncServiceEmulator service;
    private SyncDatabase db;
    private EmulatorBackend backend;

    @BeforeEach
    void start() {
        service = TodoService.emulator().build().start();
        TodoService.seed(service, 2, 20);
        db = HexSync.builder().sqlite(dir.resolve("app.db")).schema(SCHEMA).build();
        backend = new EmulatorBackend(service, USER);
    }

    @AfterEach
    void stop() {
        // Released first, so that no upload thread is left waiting at the gate after the test.
        backend.releaseUploads();
        db.close();
        service.close();
    }

    private String description(String id) {
        return db.get("SELECT description FROM todos WHERE id = ?", id).getString("description");
    }

    private Object sourceDescription(String id) {
        return service.row("todos", id).orElseThrow().get("description");
    }

    @Test
    void aServerChangeWaitsBehindAnUnconfirmedLocalEditThenTheConfirmedStateWins() {
        Eventually.join("connect", db.connect(backend, OPTIONS));
        Eventually.join("the first sync", db.waitForFirstSync());

        // 1. Local writes while connected; the backend holds them, so they stay queued.
        backend.holdUploads();
        db.writeTransaction(tx -> {
            tx.execute("UPDATE todos SET description = ? WHERE id = ?", "edited locally", "todo-00001");
            tx.execute("INSERT INTO todos(id, list_id, description, completed) VALUES (?, ?, ?, 0)",
                    "todo-local", "list-1", "created locally");
            return null;
        });
        Eventually.await("the upload to reach the backend", () -> backend.uploadsWaiting() == 1);

        // 2. A concurrent server change to the same row (and to another one) arrives in a checkpoint that the
        //    client validates but must not publish while its own writes are queued.
        service.transaction(tx -> {
            tx.patch("todos", "todo-00001", Map.of("description", "changed on the server"));
            tx.patch("todos", "todo-00002", Map.of("description", "also changed on the server"));
        });
        long heldCheckpoint = service.checkpoint();
        Eventually.await("the client to validate the server's checkpoint",
                () -> Replica.lastOp(db, GLOBAL) >= heldCheckpoint);
        assertThat(description("todo-00001")).isEqualTo("edited locally");
        assertThat(description("todo-00002")).as("a held checkpoint is held as a whole").isEqualTo("Todo number 2");
        assertThat(Replica.queued(db)).isEqualTo(2);

        // 3. The upload happens, but the service has not replicated it yet: its write checkpoint is not visible,
        //    so the local edit must still stand although the queue is empty.
        service.pauseReplication();
        backend.releaseUploads();
        Eventually.await("the upload and its write checkpoint",
                () -> Replica.queued(db) == 0 && Replica.knownTarget(db) != null);
        assertThat(sourceDescription("todo-00001")).isEqualTo("edited locally");
        assertThat(description("todo-00001")).isEqualTo("edited locally");
        assertThat(description("todo-00002")).isEqualTo("Todo number 2");
        assertThat(Replica.uploadsConfirmed(db)).isFalse();
        assertThat(service.requests()).extracting(RecordedRequest::path).contains("/write-checkpoint2.json");

        // 4. Another server change to the row, after the upload in source order; then replication catches up.
        service.patch("todos", "todo-00001", Map.of("description", "changed on the server after the upload"));
        service.resumeReplication();

        Eventually.await("the confirmed server state", () -> Replica.uploadsConfirmed(db)
                && "changed on the server after the upload".equals(description("todo-00001")));
        assertThat(description("todo-00002")).isEqualTo("also changed on the server");
        assertThat(db.get("SELECT description FROM todos WHERE id = 'todo-local'").getString("description"))
                .isEqualTo("created locally");
        assertThat(service.row("todos", "todo-local")).hasValueSatisfying(row ->
                assertThat(row).containsEntry("description", "created locally").containsEntry("list_id", "list-1"));
        Eventually.await("the tables to match the source",
                () -> Replica.differencesFromService(db, service, GLOBAL, "todos").isEmpty(),
                () -> Replica.differencesFromService(db, service, GLOBAL, "todos"));
        assertThat(backend.uploaded()).extracting(entry -> entry.get("id"))
                .containsExactly("todo-00001", "todo-local");
        assertThat(db.syncStatus().uploadError()).isEmpty();
        assertThat(Replica.integrity(db)).isEqualTo("ok");
    }

    @Test
    void writesMadeBeforeConnectingAreUploadedOnceConnected() {
        // Offline first: a database that never connected takes writes, all queued.
        db.execute("INSERT INTO lists(id, name, owner_id) VALUES (?, ?, ?)", "list-offline", "Made offline", USER);
        db.writeTransaction(tx -> {
            for (int i = 1; i <= 5; i++) {
                tx.execute("INSERT INTO todos(id, list_id, description, completed) VALUES (?, ?, ?, 0)",
                        "offline-" + i, "list-offline", "offline todo " + i);
            }
            return null;
        });
        db.execute("UPDATE todos SET completed = 1 WHERE id = ?", "offline-2");
        db.execute("DELETE FROM todos WHERE id = ?", "offline-5");
        assertThat(Replica.queued(db)).isEqualTo(8);
        assertThat(service.row("lists", "list-offline")).isEmpty();

        Eventually.join("connect", db.connect(backend, OPTIONS));
        Eventually.join("the first sync", db.waitForFirstSync());
        Eventually.await("every upload to be confirmed", () -> Replica.uploadsConfirmed(db));

        assertThat(service.row("lists", "list-offline")).isPresent();
        for (int i = 1; i <= 4; i++) {
            assertThat(service.row("todos", "offline-" + i)).as("offline-" + i).isPresent();
        }
        assertThat(service.row("todos", "offline-2").orElseThrow().get("completed")).isIn(1, 1L);
        assertThat(service.row("todos", "offline-5")).isEmpty();
        // Each local transaction went up as one, in the order it was made.
        assertThat(backend.uploaded()).extracting(entry -> entry.get("op") + " " + entry.get("id")).containsExactly(
                "PUT list-offline", "PUT offline-1", "PUT offline-2", "PUT offline-3", "PUT offline-4",
                "PUT offline-5", "PATCH offline-2", "DELETE offline-5");
        Eventually.await("the tables to match the source",
                () -> Replica.differencesFromService(db, service, GLOBAL, "todos").isEmpty()
                        && Replica.differencesFromService(db, service, GLOBAL, "lists").isEmpty(),
                () -> Replica.differencesFromService(db, service, GLOBAL, "todos"));
        assertThat(db.get("SELECT count(*) AS n FROM todos").getLong("n")).isEqualTo(20 + 4);
        assertThat(Replica.integrity(db)).isEqualTo("ok");
    }
}
