package dev.hexsync.examples.guide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hexsync.bootstrap.HexSync;
import dev.hexsync.examples.todo.ServerDatabase;
import dev.hexsync.examples.todo.TodoApp;
import dev.hexsync.examples.todo.TodoBackend;
import dev.hexsync.ports.api.ConnectOptions;
import dev.hexsync.ports.api.SyncDatabase;
import dev.hexsync.ports.model.CrudBatch;
import dev.hexsync.ports.model.CrudEntry;
import dev.hexsync.ports.model.UploadQueueStats;
import dev.hexsync.ports.transport.Credentials;
import dev.hexsync.emulator.SyncServiceEmulator;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The guide's page on uploads and write checkpoints. */
class UploadsGuideTest {
    @TempDir
    Path dir;

    @Test
    void localWritesGoThroughTheBackendAndComeBackAsServerState() throws Exception {
        try (SyncServiceEmulator service = SyncServiceEmulator.builder().globalBucket("global", "lists", "todos")
                .build().start();
                SyncDatabase db = HexSync.builder().sqlite(dir.resolve("app.db")).schema(TodoApp.SCHEMA).build()) {
            // tag::server[]
            ServerDatabase server = new ServerDatabase();
            // The service learns of the server's changes by replicating its database; the emulator is told directly.
            server.onChange((table, id, row) -> row.ifPresentOrElse(
                    values -> service.put(table, id, values), () -> service.delete(table, id)));
            TodoBackend backend = new TodoBackend(
                    () -> Credentials.of(service.endpoint(), service.issueToken("user-1")), server);
            // end::server[]
            // tag::modes[]
            db.connect(backend, ConnectOptions.DEFAULT
                    .withCheckpointMode(ConnectOptions.CheckpointMode.REQUESTS)   // or LEGACY (the default)
                    .withUploadThrottle(Duration.ofMillis(100)));
            // end::modes[]
            db.waitForFirstSync().get(10, TimeUnit.SECONDS);

            TodoApp app = new TodoApp(db, Clock.systemUTC());
            String list = app.createList("Groceries", "user-1");
            String milk = app.addTodo(list, "Buy milk");
            // tag::queue[]
            UploadQueueStats queued = db.getUploadQueueStats(true);   // count, and size in bytes when asked
            // end::queue[]
            assertThat(queued.count()).isBetween(0L, 2L);

            await().atMost(Duration.ofSeconds(10)).until(() -> server.row("todos", milk).isPresent()
                    && db.getUploadQueueStats(false).count() == 0);
            assertThat(server.row("todos", milk).orElseThrow()).containsEntry("description", "Buy milk");
            assertThat(backend.rejected()).isEmpty();
        }
    }

    @Test
    void batchesForBackendsThatTakeManyChangesAtOnce() {
        try (SyncDatabase db = HexSync.builder().inMemory().schema(TodoApp.SCHEMA).build()) {
            for (int i = 0; i < 5; i++) {
                db.execute("INSERT INTO lists(id, name) VALUES (uuid(), ?)", "List " + i);
            }
            List<CrudEntry> sent = new java.util.ArrayList<>();
            // tag::batch[]
            Optional<CrudBatch> batch = db.getCrudBatch(100);   // up to 100 entries, across transactions
            if (batch.isPresent()) {
                sent.addAll(batch.get().crud());                 // send them to your backend in one request
                batch.get().complete();                          // then drop them from the queue
            }
            // end::batch[]
            assertThat(sent).hasSize(5);
            assertThat(db.getUploadQueueStats(false).count()).isZero();
        }
    }
}
