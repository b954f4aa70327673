package dev.hexsync.examples.guide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

// tag::imports[]
import dev.hexsync.bootstrap.HexSync;
import dev.hexsync.ports.api.BackendConnector;
import dev.hexsync.ports.api.ConnectOptions;
import dev.hexsync.ports.api.SyncDatabase;
import dev.hexsync.ports.model.SyncStatus;
import dev.hexsync.ports.transport.Credentials;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
// end::imports[]
import dev.hexsync.examples.todo.ServerDatabase;
import dev.hexsync.examples.todo.TodoApp;
import dev.hexsync.examples.todo.TodoBackend;
import dev.hexsync.emulator.SyncServiceEmulator;
import java.net.URI;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guide's page on connecting to a PowerSync Service. The service here is the emulator; the code is the same
 * for a real service, with its URL and tokens from your own auth endpoint.
 */
class ConnectingGuideTest {
    @TempDir
    Path dir;

    /** What a real app calls to get a token: its own backend's auth endpoint. */
    interface AuthClient {
        String powerSyncToken();
    }

    // tag::connector[]
    static BackendConnector connector(URI powerSyncUrl, AuthClient auth, ServerDatabase server) {
        return new TodoBackend(() -> Credentials.of(powerSyncUrl, auth.powerSyncToken()), server);
    }
    // end::connector[]

    @Test
    void connectWaitWithATimeoutAndWatchTheStatus() throws Exception {
        try (SyncServiceEmulator service = SyncServiceEmulator.builder().globalBucket("global", "lists", "todos")
                .build().start();
                SyncDatabase db = HexSync.builder().sqlite(dir.resolve("app.db")).schema(TodoApp.SCHEMA).build()) {
            service.put("lists", "l1", Map.of("name", "Groceries", "owner_id", "user-1"));
            URI powerSyncUrl = service.endpoint();
            AuthClient auth = () -> service.issueToken("user-1");
            ServerDatabase server = new ServerDatabase();
            // tag::connect[]
            db.connect(connector(powerSyncUrl, auth, server), ConnectOptions.DEFAULT
                    .withParams(Map.of("team", "blue"))              // the sync rules' client parameters
                    .withRetryDelay(Duration.ofSeconds(2)));
            try {
                db.waitForFirstSync().get(30, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                SyncStatus status = db.syncStatus();
                throw new IllegalStateException("No first sync after 30 s: "
                        + status.anyError().map(Throwable::getMessage).orElse("no error reported yet"), e);
            }
            SyncStatus status = db.syncStatus();
            System.out.println("connected=" + status.connected() + ", last synced " + status.lastSyncedAt());
            // end::connect[]
            assertThat(status.hasSynced()).contains(true);
            assertThat(db.get("SELECT name FROM lists WHERE id = 'l1'").getString("name")).isEqualTo("Groceries");
            // tag::disconnect[]
            db.disconnect();                 // stop syncing; local data stays, writes keep queueing
            db.disconnectAndClear();         // on sign-out: stop and delete the synced data and the upload queue
            // end::disconnect[]
            assertThat(db.getAll("SELECT * FROM lists")).isEmpty();
        }
    }

    @Test
    void aRejectedTokenShowsInTheStatusInsteadOfHanging() {
        try (SyncServiceEmulator service = SyncServiceEmulator.builder().globalBucket("global", "todos").build()
                .start();
                SyncDatabase db = HexSync.builder().inMemory().schema(TodoApp.SCHEMA).build()) {
            Supplier<Credentials> wrongToken = () -> Credentials.of(service.endpoint(), "not-a-jwt");
            db.connect(new TodoBackend(wrongToken, new ServerDatabase()));

            // tag::errors[]
            Optional<Throwable> downloadError = db.syncStatus().downloadError();   // why syncing stalls
            Optional<Throwable> uploadError = db.syncStatus().uploadError();       // why uploads stall
            // end::errors[]
            assertThat(uploadError).isEmpty();
            await().atMost(Duration.ofSeconds(10)).until(() -> db.syncStatus().downloadError().isPresent());
            assertThat(downloadError).isNotNull();
            assertThatThrownBy(() -> db.waitForFirstSync().get(200, TimeUnit.MILLISECONDS))
                    .isInstanceOf(TimeoutException.class);
        }
    }
}
