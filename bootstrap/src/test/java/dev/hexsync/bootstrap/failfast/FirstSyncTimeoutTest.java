package dev.hexsync.bootstrap.failfast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.hexsync.bootstrap.HexSync;
import dev.hexsync.emulator.SyncServiceEmulator;
import dev.hexsync.ports.api.BackendConnector;
import dev.hexsync.ports.api.FirstSyncTimeoutException;
import dev.hexsync.ports.api.SyncDatabase;
import dev.hexsync.ports.schema.Schema;
import dev.hexsync.ports.schema.Table;
import dev.hexsync.ports.transport.Credentials;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first example on a wrong endpoint or a rejected token: {@code waitForFirstSync(Duration)} fails
 * with the reason instead of waiting forever (before, only the unbounded {@code waitForFirstSync()} existed and
 * {@code connect()} completed normally).
 */
class FirstSyncTimeoutTest {
    private static final Schema SCHEMA = Schema.of(Table.builder("todos").text("description").build());

    @TempDir
    Path dir;

    @Test
    void aRejectedTokenEndsTheWaitWithTheServicesAnswer() throws Exception {
        try (SyncServiceEmulator service = SyncServiceEmulator.builder().globalBucket("global", "todos").build().start();
                SyncServiceEmulator other = SyncServiceEmulator.builder().build();
                SyncDatabase db = HexSync.builder().sqlite(dir.resolve("app.db")).schema(SCHEMA).build()) {
            String foreignToken = other.issueToken("u1");
            db.connect(connector(service.endpoint(), foreignToken)).get(30, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(30)).until(() -> db.syncStatus().downloadError().isPresent());

            assertThatThrownBy(() -> db.waitForFirstSync(Duration.ofMillis(200)).get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(FirstSyncTimeoutException.class)
                    .hasMessageContaining("No complete sync within 200 ms").hasMessageContaining("401")
                    .satisfies(e -> assertThat(((FirstSyncTimeoutException) e).status().hasSynced()).contains(false));
        }
    }

    @Test
    void anEndpointWhereNothingListensEndsTheWaitWithTheConnectionError() throws Exception {
        URI nobody;
        try (SyncServiceEmulator closed = SyncServiceEmulator.builder().build().start()) {
            nobody = closed.endpoint();
        }
        try (SyncDatabase db = HexSync.builder().sqlite(dir.resolve("app.db")).schema(SCHEMA).build()) {
            db.connect(connector(nobody, "token")).get(30, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(30)).until(() -> db.syncStatus().downloadError().isPresent());

            Throwable failure = catchCause(db);

            assertThat(failure).isInstanceOf(FirstSyncTimeoutException.class).hasMessageContaining("the last download error");
            assertThat(failure.getCause()).as("the download error is the cause").isNotNull();
        }
    }

    @Test
    void aWaitWithoutConnectSaysSo() {
        try (SyncDatabase db = HexSync.builder().sqlite(dir.resolve("app.db")).schema(SCHEMA).build()) {
            assertThatThrownBy(() -> db.waitForFirstSync(Duration.ofMillis(50)).get(30, TimeUnit.SECONDS))
                    .cause().isInstanceOf(FirstSyncTimeoutException.class).hasMessageContaining("not connected");
        }
    }

    @Test
    void aSyncWithinTheTimeCompletesTheWait() throws Exception {
        try (SyncServiceEmulator service = SyncServiceEmulator.builder().globalBucket("global", "todos").build().start();
                SyncDatabase db = HexSync.builder().sqlite(dir.resolve("app.db")).schema(SCHEMA).build()) {
            service.put("todos", "t1", Map.of("description", "milk"));
            db.connect(connector(service.endpoint(), service.issueToken("u1"))).get(30, TimeUnit.SECONDS);

            db.waitForFirstSync(Duration.ofSeconds(60)).get(90, TimeUnit.SECONDS);

            assertThat(db.get("SELECT description FROM todos WHERE id = 't1'").getString("description")).isEqualTo("milk");
        }
    }

    private static Throwable catchCause(SyncDatabase db) throws InterruptedException {
        try {
            db.waitForFirstSync(Duration.ofMillis(200)).get(30, TimeUnit.SECONDS);
            throw new AssertionError("the wait completed");
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the wait did not end", e);
        }
    }

    private static BackendConnector connector(URI endpoint, String token) {
        return new BackendConnector() {
            @Override
            public Optional<Credentials> fetchCredentials() {
                return Optional.of(new Credentials(endpoint, token, Optional.empty()));
            }

            @Override
            public void uploadData(SyncDatabase database) {
            }
        };
    }
}
