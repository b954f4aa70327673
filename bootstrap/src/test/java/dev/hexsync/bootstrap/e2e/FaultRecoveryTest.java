package dev.hexsync.bootstrap.e2e;

import static dev.hexsync.bootstrap.e2e.TodoService.GLOBAL;
import static dev.hexsync.bootstrap.e2e.TodoService.OPTIONS;
import static dev.hexsync.bootstrap.e2e.TodoService.SCHEMA;
import static dev.hexsync.bootstrap.e2e.TodoService.USER;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.hexsync.adapters.http.HttpSyncTransport;
import dev.hexsync.bootstrap.HexSync;
import dev.hexsync.ports.api.SyncDatabase;
import dev.hexsync.ports.transport.CredentialsException;
import dev.hexsync.ports.transport.ServiceException;
import dev.hexsync.ports.transport.SyncTransport;
import dev.hexsync.ports.transport.TransportException;
import dev.hexsync.emulator.SyncServiceEmulator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every fault the emulator can inject, each hitting a client that has synced and has local writes in flight.
 * The client must record the failure, come back, and converge to the source's state without losing a local
 * write or corrupting its file.
 *
 * <p>How each case stays deterministic: the database's transport is wrapped in a {@link GatedTransport} that
 * holds reconnects. A fault either hits the stream the test lets through the gate, or breaks the live stream;
 * either way the client's next attempt waits at the gate, so the recorded error can be inspected before a
 * successful sync could clear it, and local writes and source changes made meanwhile are the "offline" ones.
 */
class FaultRecoveryTest {
    /** Short, so that a stalled stream is detected quickly; the emulator's keepalives keep healthy ones alive. */
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration KEEPALIVE = Duration.ofMillis(300);
    private static final int TODOS = 200;

    /** The faults, and whether each hits the next stream the client opens (else the stream already open). */
    enum Fault {
        DROP_MID_LINE(true),
        TRUNCATED_BODY(true),
        UNAUTHORIZED(true),
        TOO_MANY_REQUESTS(true),
        INTERNAL_ERROR(true),
        UNAVAILABLE(true),
        STALL_BEFORE_ANSWERING(true),
        STALL_PAST_READ_TIMEOUT(false),
        WRONG_CHECKSUM(false);

        final boolean hitsNextStream;

        Fault(boolean hitsNextStream) {
            this.hitsNextStream = hitsNextStream;
        }
    }

    @TempDir
    Path dir;

    private SyncServiceEmulator service;
    private GatedTransport transport;
    private EmulatorBackend backend;
    private SyncDatabase db;

    @BeforeEach
    void start() {
        // Small batches, so a reconnect after the offline changes carries several data lines to break.
        service = TodoService.emulator().batchSize(25).keepaliveInterval(KEEPALIVE).build().start();
        TodoService.seed(service, 2, TODOS);
        transport = new GatedTransport(HttpSyncTransport.builder().readTimeout(READ_TIMEOUT).build());
        GatedTransport bound = transport;
        // HexSync.override has Modules.override semantics: this binding replaces HttpTransportModule's.
        db = HexSync.builder().sqlite(dir.resolve("app.db")).schema(SCHEMA).override(new AbstractModule() {
            @Provides
            @Singleton
            SyncTransport transport() {
                return bound;
            }
        }).build();
        backend = new EmulatorBackend(service, USER);
    }

    @AfterEach
    void stop() {
        // Opened first: a reconnect still waiting at the gate must not outlive the test.
        transport.release();
        db.close();
        service.close();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Fault.class)
    void convergesToTheSourceAfter(Fault fault) {
        Eventually.join("connect", db.connect(backend, OPTIONS));
        Eventually.join("the first sync", db.waitForFirstSync());
        // A local write in flight when the fault hits: it must survive whatever happens to the stream.
        db.execute("UPDATE todos SET description = ? WHERE id = ?", "edited before the fault", "todo-00001");

        transport.hold();
        int opened = transport.streamsOpened();
        int credentialFetches = backend.credentialFetches();
        if (fault.hitsNextStream) {
            // End the live stream cleanly (not a failure); the client's reconnect waits at the gate.
            service.awaitConnections(1, Eventually.TIMEOUT).get(0).end();
            transport.awaitWaiting(opened + 1);
            changeWhileOffline(1);
            arm(fault);
            transport.letOneThrough();
            transport.awaitWaiting(opened + 2);
        } else {
            breakLiveStream(fault);
            transport.awaitWaiting(opened + 1);
            changeWhileOffline(1);
        }

        // The failure is on record while the client waits to come back.
        assertThat(db.syncStatus().connected()).isFalse();
        if (fault == Fault.WRONG_CHECKSUM) {
            // Not an error, as in the PowerSync engine: the checkpoint is refused and the stream closed. The
            // bucket that failed validation is dropped and downloaded again from scratch.
            assertThat(requestedPosition(transport.lastRequestBody(), GLOBAL)).isIn("absent", "0");
        } else {
            assertThat(db.syncStatus().downloadError()).as("the recorded download error")
                    .hasValueSatisfying(error -> assertRecorded(fault, error));
        }
        if (fault == Fault.UNAUTHORIZED) {
            assertThat(backend.credentialFetches()).as("credentials fetched again after a 401")
                    .isGreaterThan(credentialFetches);
        }
        changeWhileOffline(2);

        transport.release();
        Eventually.await("the client to converge to the source", () -> converged(),
                () -> Replica.differencesFromService(db, service, GLOBAL, "todos") + " / status " + db.syncStatus());

        assertThat(db.syncStatus().downloadError()).isEmpty();
        assertThat(db.syncStatus().connected()).isTrue();
        // The seed, two rounds of 30 source rows and one local row each, and the row of the corrupted checkpoint.
        long expectedTodos = TODOS + 2 * (30 + 1) + (fault == Fault.WRONG_CHECKSUM ? 1 : 0);
        assertThat(db.get("SELECT count(*) AS n FROM todos").getLong("n")).isEqualTo(expectedTodos);
        // No local write lost: every one reached the source and is what the client shows now.
        assertThat(service.row("todos", "todo-00001").orElseThrow()).containsEntry("description",
                "edited before the fault");
        for (int round = 1; round <= 2; round++) {
            assertThat(service.row("todos", "offline-" + round)).as("offline-" + round).isPresent();
            assertThat(service.row("todos", "todo-0000" + (1 + round)).orElseThrow())
                    .containsEntry("description", "edited offline " + round);
        }
        assertThat(Replica.integrity(db)).isEqualTo("ok");
    }

    @Test
    void aFailedWriteCheckpointIsFetchedAgainAndTheUploadConfirmed() {
        Eventually.join("connect", db.connect(backend, OPTIONS));
        Eventually.join("the first sync", db.waitForFirstSync());

        // The upload itself succeeds; asking the service to acknowledge it fails once.
        service.faults().failNext("/write-checkpoint2.json", 1, 503);
        db.execute("INSERT INTO todos(id, list_id, description, completed) VALUES (?, ?, ?, 0)",
                "uploaded-before-the-failure", "list-1", "the backend has it, the service has not acknowledged it");
        Eventually.await("the upload error", () -> db.syncStatus().uploadError().isPresent());
        assertThat(db.syncStatus().uploadError()).hasValueSatisfying(error ->
                assertThat(error).isInstanceOfSatisfying(ServiceException.class,
                        e -> assertThat(e.status()).isEqualTo(503)));
        assertThat(service.row("todos", "uploaded-before-the-failure")).isPresent();

        // Downloads wait behind the unacknowledged upload until the retry fetches its write checkpoint.
        service.put("todos", "after-the-failure", Map.of("list_id", "list-2", "description", "from the server"));
        Eventually.await("the retried acknowledgement and the server change", () -> converged()
                        && db.getOptional("SELECT 1 FROM todos WHERE id = 'after-the-failure'").isPresent(),
                () -> "target " + Replica.kv(db, "target_checkpoint_request_id") + ", seen "
                        + Replica.kv(db, "last_seen_checkpoint_request_id") + ", status " + db.syncStatus());
        // The upload run ends (and clears its error) just after the acknowledgement lets the data through.
        Eventually.await("the upload error cleared by the successful retry", () -> db.syncStatus().uploadError().isEmpty());
        assertThat(Replica.integrity(db)).isEqualTo("ok");
    }

    private boolean converged() {
        return db.syncStatus().downloadError().isEmpty()
                && Replica.uploadsConfirmed(db)
                && Replica.differencesFromService(db, service, GLOBAL, "todos").isEmpty()
                && Replica.differencesFromService(db, service, GLOBAL, "lists").isEmpty();
    }

    /** Source changes (enough rows for several data lines) and local writes while the client is away. */
    private void changeWhileOffline(int round) {
        service.transaction(tx -> {
            for (int i = 1; i <= 30; i++) {
                tx.put("todos", "server-" + round + "-" + i, Map.of("list_id", "list-1",
                        "description", "added at the source while the client was away", "completed", 0));
            }
            tx.patch("todos", "todo-00" + (100 + round), Map.of("completed", 1));
        });
        db.writeTransaction(tx -> {
            tx.execute("INSERT INTO todos(id, list_id, description, completed) VALUES (?, ?, ?, 0)",
                    "offline-" + round, "list-2", "written locally while the client was away");
            tx.execute("UPDATE todos SET description = ? WHERE id = ?", "edited offline " + round,
                    "todo-0000" + (1 + round));
            return null;
        });
    }

    private void arm(Fault fault) {
        switch (fault) {
            // Two whole lines (the checkpoint and a data line), then half of the next one.
            case DROP_MID_LINE -> service.faults().dropNextStream(2);
            case TRUNCATED_BODY -> service.faults().truncateNextStream(2);
            case UNAUTHORIZED -> service.faults().failNext("/sync/stream", 1, 401);
            case TOO_MANY_REQUESTS -> service.faults().failNext("/sync/stream", 1, 429);
            case INTERNAL_ERROR -> service.faults().failNext("/sync/stream", 1, 500);
            case UNAVAILABLE -> service.faults().failNext("/sync/stream", 1, 503);
            // No response headers for much longer than the client's read timeout.
            case STALL_BEFORE_ANSWERING -> service.faults().stallNext("/sync/stream", READ_TIMEOUT.multipliedBy(5));
            default -> throw new IllegalArgumentException(fault + " breaks the live stream");
        }
    }

    private void breakLiveStream(Fault fault) {
        switch (fault) {
            // Silent (no keepalives either) for much longer than the client's read timeout.
            case STALL_PAST_READ_TIMEOUT -> service.awaitConnections(1, Eventually.TIMEOUT).get(0)
                    .stall(READ_TIMEOUT.multipliedBy(5));
            // The next checkpoint announcing the bucket gets its checksum off by one.
            case WRONG_CHECKSUM -> {
                service.faults().corruptNextChecksum();
                service.put("todos", "corrupted-checkpoint", Map.of("list_id", "list-1",
                        "description", "arrives in a checkpoint with a wrong checksum", "completed", 0));
            }
            default -> throw new IllegalArgumentException(fault + " hits the next stream");
        }
    }

    /** The error the client must record: the transport's typed error for what went wrong. */
    private static void assertRecorded(Fault fault, Throwable error) {
        switch (fault) {
            // Both broke after the checkpoint and one data line, half way through the third.
            case DROP_MID_LINE, TRUNCATED_BODY -> assertThat(error).isInstanceOf(TransportException.class)
                    .hasMessageContaining("broke after 2 lines");
            case UNAUTHORIZED -> assertThat(error).isInstanceOf(CredentialsException.class);
            case TOO_MANY_REQUESTS -> assertThat(error).isInstanceOfSatisfying(ServiceException.class,
                    e -> assertThat(e.status()).isEqualTo(429));
            case INTERNAL_ERROR -> assertThat(error).isInstanceOfSatisfying(ServiceException.class,
                    e -> assertThat(e.status()).isEqualTo(500));
            case UNAVAILABLE -> assertThat(error).isInstanceOfSatisfying(ServiceException.class,
                    e -> assertThat(e.status()).isEqualTo(503));
            case STALL_BEFORE_ANSWERING -> assertThat(error).isInstanceOf(TransportException.class)
                    .hasMessageContaining("did not answer POST /sync/stream within 2 s");
            case STALL_PAST_READ_TIMEOUT -> assertThat(error).isInstanceOf(TransportException.class)
                    .hasMessageContaining("silent for longer than 2 s");
            case WRONG_CHECKSUM -> throw new IllegalArgumentException("a checksum failure is no download error");
        }
    }

    /** The {@code after} the client asks for {@code bucket} from, or "absent" when it does not name it. */
    private static String requestedPosition(String requestBody, String bucket) {
        JsonNode request = JsonMapper.builder().build().readTree(requestBody);
        for (JsonNode entry : request.get("buckets")) {
            if (entry.get("name").asString().equals(bucket)) {
                return entry.get("after").asString();
            }
        }
        return "absent";
    }
}
