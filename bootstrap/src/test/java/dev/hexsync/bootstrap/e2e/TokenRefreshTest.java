package dev.hexsync.bootstrap.e2e;

import static dev.hexsync.bootstrap.e2e.TodoService.GLOBAL;
import static dev.hexsync.bootstrap.e2e.TodoService.OPTIONS;
import static dev.hexsync.bootstrap.e2e.TodoService.SCHEMA;
import static dev.hexsync.bootstrap.e2e.TodoService.USER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hexsync.bootstrap.HexSync;
import dev.hexsync.ports.api.SyncDatabase;
import dev.hexsync.emulator.SyncServiceEmulator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tokens that expire while connected: the service ends the stream with {@code token_expires_in: 0}, the client
 * fetches new credentials and carries on, with nothing downloaded or written locally lost.
 */
class TokenRefreshTest {
    @TempDir
    Path dir;

    @Test
    void fetchesNewCredentialsWhenTheTokenExpiresAndKeepsSyncing() {
        // Tokens live about a second (exp is in whole seconds), well under the service's 20 s expiry warning:
        // every stream ends at expiry and the client must come back with a new token.
        try (SyncServiceEmulator service = TodoService.emulator().tokenTtl(Duration.ofSeconds(2)).build().start();
                SyncDatabase db = HexSync.builder().sqlite(dir.resolve("app.db")).schema(SCHEMA).build()) {
            TodoService.seed(service, 2, 100);
            EmulatorBackend backend = new EmulatorBackend(service, USER);
            Eventually.join("connect", db.connect(backend, OPTIONS));
            Eventually.join("the first sync", db.waitForFirstSync());

            for (int round = 1; round <= 2; round++) {
                int fetched = backend.credentialFetches();
                Eventually.await("new credentials after expiry (round " + round + ")",
                        () -> backend.credentialFetches() > fetched);
                String id = "after-refresh-" + round;
                service.put("todos", id, Map.of("list_id", "list-1", "description", "server " + round, "completed", 0));
                db.execute("INSERT INTO todos(id, list_id, description, completed) VALUES (?, ?, ?, 0)",
                        "local-" + round, "list-2", "local " + round);
                Eventually.await("the server row of round " + round,
                        () -> db.getOptional("SELECT 1 FROM todos WHERE id = ?", id).isPresent());
            }

            Eventually.await("every upload to be confirmed", () -> Replica.uploadsConfirmed(db));
            Eventually.await("the tables to match the source",
                    () -> Replica.differencesFromService(db, service, GLOBAL, "todos").isEmpty(),
                    () -> Replica.differencesFromService(db, service, GLOBAL, "todos"));
            assertThat(backend.credentialFetches()).isGreaterThanOrEqualTo(3);
            assertThat(service.row("todos", "local-1")).isPresent();
            assertThat(service.row("todos", "local-2")).isPresent();
            assertThat(db.get("SELECT count(*) AS n FROM todos").getLong("n")).isEqualTo(100 + 4);
            // One stream per token: the client came back after each expiry.
            assertThat(service.requests().stream().filter(r -> r.path().equals("/sync/stream")).count())
                    .isGreaterThanOrEqualTo(3);
            assertThat(db.syncStatus().downloadError()).isEmpty();
            assertThat(db.syncStatus().hasSynced()).contains(true);
            assertThat(Replica.integrity(db)).isEqualTo("ok");
        }
    }
}
