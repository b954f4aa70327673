package dev.hexsync.bootstrap.e2e;

import static dev.hexsync.bootstrap.e2e.TodoService.GLOBAL;
import static dev.hexsync.bootstrap.e2e.TodoService.OPTIONS;
import static dev.hexsync.bootstrap.e2e.TodoService.SCHEMA;
import static dev.hexsync.bootstrap.e2e.TodoService.USER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hexsync.bootstrap.HexSync;
import dev.hexsync.ports.api.ConnectOptions.CheckpointMode;
import dev.hexsync.ports.api.SyncDatabase;
import dev.hexsync.emulator.RecordedRequest;
import dev.hexsync.emulator.SyncServiceEmulator;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoint-requests mode: the client chooses request ids and posts them to {@code /sync/checkpoint-request};
 * uploads are confirmed through them instead of {@code /write-checkpoint2.json}, and
 * {@code requestCheckpoint()} completes once a checkpoint carrying its id was applied.
 */
class CheckpointRequestsTest {
    private static final String CHECKPOINT_REQUEST = "/sync/checkpoint-request";

    @TempDir
    Path dir;

    @Test
    void uploadsAreConfirmedAndRequestedCheckpointsComplete() {
        try (SyncServiceEmulator service = TodoService.emulator().build().start();
                SyncDatabase db = HexSync.builder().sqlite(dir.resolve("app.db")).schema(SCHEMA).build()) {
            TodoService.seed(service, 2, 50);
            Eventually.join("connect", db.connect(new EmulatorBackend(service, USER),
                    OPTIONS.withCheckpointMode(CheckpointMode.REQUESTS)));
            Eventually.join("the first sync", db.waitForFirstSync());

            db.execute("UPDATE todos SET completed = 1 WHERE id = ?", "todo-00001");
            db.execute("INSERT INTO todos(id, list_id, description, completed) VALUES (?, ?, ?, 0)",
                    "todo-local", "list-2", "created locally");
            Eventually.await("the uploads to be confirmed", () -> Replica.uploadsConfirmed(db)
                    && service.row("todos", "todo-local").isPresent());
            assertThat(service.row("todos", "todo-00001").orElseThrow().get("completed")).isIn(1, 1L);
            assertThat(service.requests()).extracting(RecordedRequest::path)
                    .contains(CHECKPOINT_REQUEST)
                    .doesNotContain("/write-checkpoint2.json");

            // A checkpoint request cannot be answered while the service has not replicated up to it, so the
            // future stays open exactly as long as replication is paused; a source change made before it must
            // be applied locally by the time it completes.
            service.pauseReplication();
            service.clearRequests();
            service.patch("todos", "todo-00002", Map.of("description", "changed before the request"));
            CompletableFuture<Void> applied = db.requestCheckpoint();
            Eventually.await("the checkpoint request to be posted", () -> service.requests().stream()
                    .anyMatch(request -> request.path().equals(CHECKPOINT_REQUEST)));
            assertThat(applied).as("not applied while replication is paused").isNotDone();
            assertThat(db.get("SELECT description FROM todos WHERE id = 'todo-00002'").getString("description"))
                    .isEqualTo("Todo number 2");

            service.resumeReplication();
            Eventually.join("the requested checkpoint", applied);
            assertThat(db.get("SELECT description FROM todos WHERE id = 'todo-00002'").getString("description"))
                    .isEqualTo("changed before the request");

            // Once applied, a request for what was already seen completes as soon as its checkpoint arrives.
            Eventually.join("a second requested checkpoint", db.requestCheckpoint());
            assertThat(Replica.differencesFromService(db, service, GLOBAL, "todos")).isEmpty();
            assertThat(db.syncStatus().downloadError()).isEmpty();
            assertThat(db.syncStatus().uploadError()).isEmpty();
            assertThat(Replica.integrity(db)).isEqualTo("ok");
        }
    }

    @Test
    void requestCheckpointNeedsRequestsMode() {
        try (SyncServiceEmulator service = TodoService.emulator().build().start();
                SyncDatabase db = HexSync.builder().sqlite(dir.resolve("legacy.db")).schema(SCHEMA).build()) {
            Eventually.join("connect", db.connect(new EmulatorBackend(service, USER), OPTIONS));
            assertThat(db.requestCheckpoint()).failsWithin(Eventually.TIMEOUT)
                    .withThrowableOfType(ExecutionException.class)
                    .withCauseInstanceOf(IllegalStateException.class)
                    .withMessageContaining("REQUESTS");
        }
    }
}
