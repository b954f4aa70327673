package dev.hexsync.bootstrap.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hexsync.ports.api.ConnectOptions;
import dev.hexsync.ports.api.SubscribeOptions;
import dev.hexsync.ports.api.SyncStreamSubscription;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * hexsync beside the official PowerSync Node.js SDK against the real PowerSync Service of the realservice
 * recipe: both clients sync the same user from the same service while Postgres changes under them, and after
 * every step their databases must be equal by compare.sh's checks and hold what Postgres says (see
 * {@link Clients#converge}).
 *
 * <p>Opt-in: it runs when the service answers on {@code HEXSYNC_REALSERVICE_URL} (default
 * {@code http://127.0.0.1:18080}) and is skipped otherwise, saying how to set one up. Every row it creates in
 * Postgres has an id starting with {@code interop-} and is deleted after each test. Environment:
 * {@link RealService}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealServiceInteropTest {
    private static final String STREAM = "list_todos";

    @TempDir
    Path dir;

    @BeforeAll
    static void requireTheService() {
        Optional<String> unavailable = RealService.unavailable();
        // Said in the test's output file too, beside the count of skipped tests: a skipped suite must not pass
        // for a run one.
        unavailable.ifPresent(reason -> System.err.println("RealServiceInteropTest skipped: " + reason));
        assumeTrue(unavailable.isEmpty(), () -> "Skipping the interop suite: " + unavailable.orElse(""));
    }

    @BeforeEach
    @AfterEach
    void removeOwnRows() {
        SourceDatabase.removeOwnRows();
    }

    @Order(1)
    @ParameterizedTest(name = "first sync, accepting BSON: {0}")
    @ValueSource(booleans = {true, false})
    void firstSyncMatchesTheSdkInBothEncodings(boolean acceptBson) throws Exception {
        try (Clients clients = Clients.start(dir, Clients.options(), acceptBson, new JdbcBackend(Clients.USER))) {
            clients.converge("the first sync", List.of());
            if (acceptBson) {
                assertThat(clients.transport.binaryLines).as("BSON documents").hasPositiveValue();
                assertThat(clients.transport.textLines).as("NDJSON lines").hasValue(0);
            } else {
                assertThat(clients.transport.textLines).as("NDJSON lines").hasPositiveValue();
                assertThat(clients.transport.binaryLines).as("BSON documents").hasValue(0);
            }
            assertThat(ClientState.read(clients.hexsyncFile).part("lists")).hasSizeGreaterThanOrEqualTo(20);
        }
    }

    @Order(2)
    @Test
    void liveChangesInPostgresReachBothClientsAlike() throws Exception {
        try (Clients clients = Clients.start(dir, Clients.options(), true, new JdbcBackend(Clients.USER))) {
            clients.converge("the first sync", List.of());

            SourceDatabase.createLists(Clients.USER, 3, "interop-live-a", "interop-live-b");
            clients.converge("two new lists (two new buckets)", List.of());
            assertThat(clients.hexsyncBuckets()).anyMatch(name -> name.contains("interop-live-b"));

            SourceDatabase.execute("INSERT INTO todos (id, list_id, description, completed, created_at)"
                    + " VALUES ('interop-live-new', 'interop-live-a', 'inserted', 0, '2026-02-02T00:00:00Z')");
            clients.converge("an insert", List.of());

            SourceDatabase.execute("UPDATE todos SET description = 'updated', completed = 1 WHERE id = 'interop-live-new'");
            clients.converge("an update", List.of());

            SourceDatabase.execute("DELETE FROM todos WHERE id = 'interop-live-a-todo-000002'");
            clients.converge("a delete", List.of());

            SourceDatabase.execute("UPDATE todos SET list_id = 'interop-live-b' WHERE id = 'interop-live-a-todo-000001'");
            clients.converge("a todo moved to another list (another bucket)", List.of());

            SourceDatabase.execute("DELETE FROM lists WHERE id = 'interop-live-b'");
            clients.converge("a list deleted with its todos (cascade; its bucket goes away)", List.of());
            assertThat(clients.hexsyncBuckets()).noneMatch(name -> name.contains("interop-live-b"));
        }
    }

    @Order(3)
    @ParameterizedTest(name = "local writes, checkpoint mode {0}")
    @EnumSource(ConnectOptions.CheckpointMode.class)
    void localWritesAreUploadedAndComeBack(ConnectOptions.CheckpointMode mode) throws Exception {
        try (Clients clients = Clients.start(dir, Clients.options().withCheckpointMode(mode), true,
                new JdbcBackend(Clients.USER))) {
            clients.converge("the first sync", List.of());
            SourceDatabase.createLists(Clients.USER, 3, "interop-write");
            clients.converge("a new list", List.of());

            clients.hexsync.writeTransaction(tx -> {
                tx.execute("INSERT INTO todos (id, list_id, description, completed, created_at)"
                        + " VALUES ('interop-write-local', 'interop-write', 'written in hexsync', 0, '2026-02-03T00:00:00Z')");
                tx.execute("UPDATE todos SET description = 'patched in hexsync', completed = 1"
                        + " WHERE id = 'interop-write-todo-000001'");
                tx.execute("DELETE FROM todos WHERE id = 'interop-write-todo-000002'");
                return null;
            });
            clients.converge("a local transaction (insert, update, delete) uploaded through JDBC (" + mode + ")",
                    List.of());
            // One local transaction per step: one upload, one Postgres transaction, one checkpoint for both clients.
            clients.hexsync.writeTransaction(tx -> {
                tx.execute("INSERT INTO lists (id, name, owner_id, created_at)"
                        + " VALUES ('interop-write-new', 'made in hexsync', ?, '2026-02-03T00:00:00Z')", Clients.USER);
                tx.execute("INSERT INTO todos (id, list_id, description, completed, created_at)"
                        + " VALUES ('interop-write-new-1', 'interop-write-new', 'in a list made locally', 0, NULL)");
                return null;
            });
            clients.converge("a local list with a todo (a new bucket) uploaded (" + mode + ")", List.of());
            assertThat(clients.hexsync.getUploadQueueStats(false).count()).as("queued uploads").isZero();
            assertThat(clients.backend.uploaded()).hasSize(5);
            if (mode == ConnectOptions.CheckpointMode.LEGACY) {
                assertThat(clients.transport.writeCheckpoints).hasPositiveValue();
                assertThat(clients.transport.checkpointRequests).hasValue(0);
            } else {
                assertThat(clients.transport.checkpointRequests).hasPositiveValue();
                assertThat(clients.transport.writeCheckpoints).hasValue(0);
            }
        }
    }

    @Order(4)
    @Test
    void streamSubscriptionsWithTheirTtl() throws Exception {
        // A list of another user: its todos reach user1 only through the stream.
        Map<String, Object> params = Map.of("list_id", "interop-stream");
        Duration ttl = Duration.ofSeconds(15);
        try (Clients clients = Clients.start(dir, Clients.options(), true, new JdbcBackend(Clients.USER))) {
            clients.converge("the first sync", List.of());
            SourceDatabase.createLists("interop-other", 4, "interop-stream");
            clients.converge("a list of another user, nothing subscribed", List.of());

            SyncStreamSubscription subscription = clients.hexsync.syncStream(STREAM, params)
                    .subscribe(SubscribeOptions.DEFAULT.withTtl(ttl));
            subscription.waitForFirstSync().get(60, TimeUnit.SECONDS);
            clients.sdk.subscribe(STREAM, params, ttl);
            clients.converge("subscribing the stream", List.of("interop-stream"));

            SourceDatabase.execute("INSERT INTO todos (id, list_id, description, completed, created_at)"
                    + " VALUES ('interop-stream-live', 'interop-stream', 'live in a stream', 0, NULL)");
            clients.converge("a live insert in the subscribed stream", List.of("interop-stream"));

            // Released handles: the subscription lives on for its TTL, and keeps syncing.
            subscription.unsubscribe();
            clients.sdk.unsubscribe(STREAM, params);
            SourceDatabase.execute("UPDATE todos SET completed = 1 WHERE id = 'interop-stream-live'");
            clients.converge("an update after unsubscribing, within the TTL", List.of("interop-stream"));

            // Past the TTL the next keepalive drops the subscription, and its rows go.
            clients.converge("the TTL running out", List.of(), Duration.ofSeconds(90));

            SyncStreamSubscription again = clients.hexsync.syncStream(STREAM, params).subscribe();
            again.waitForFirstSync().get(60, TimeUnit.SECONDS);
            clients.sdk.subscribe(STREAM, params, null);
            clients.converge("subscribing again", List.of("interop-stream"));

            clients.hexsync.syncStream(STREAM, params).unsubscribeAll();
            clients.sdk.unsubscribeAll(STREAM, params);
            clients.converge("unsubscribeAll", List.of());
        }
    }

    @Order(5)
    @Test
    void anExpiringTokenIsReplacedAndSyncingGoesOn() throws Exception {
        Duration lifetime = Duration.ofSeconds(65);
        JdbcBackend backend = new JdbcBackend(Clients.USER, lifetime);
        try (Clients clients = Clients.start(dir, Clients.options(), true, backend)) {
            Instant firstExpiry = Instant.now().plus(lifetime);
            clients.converge("the first sync", List.of());
            SourceDatabase.createLists(Clients.USER, 2, "interop-token");
            clients.converge("a new list", List.of());
            int streamsBefore = clients.transport.streams.get();

            // The first token has expired (its stream with it); changes made after that must still arrive.
            long untilExpiry = Duration.between(Instant.now(), firstExpiry).toMillis() + 2_000;
            Thread.sleep(Math.max(0, untilExpiry));
            SourceDatabase.execute("INSERT INTO todos (id, list_id, description, completed, created_at)"
                    + " VALUES ('interop-token-after', 'interop-token', 'after the first token expired', 0, NULL)");
            clients.converge("a change after the first token expired", List.of());

            System.out.printf("credentials fetched %d times, %d streams opened%n", backend.credentialFetches(),
                    clients.transport.streams.get());
            assertThat(backend.credentialFetches()).as("credentials fetched").isGreaterThanOrEqualTo(2);
            assertThat(clients.transport.streams.get()).as("streams opened").isGreaterThan(streamsBefore);
            assertThat(clients.hexsync.syncStatus().connected()).isTrue();
            assertThat(clients.hexsync.syncStatus().anyError()).isEmpty();
        }
    }

    @Order(6)
    @Test
    void theServiceRestartsInTheMiddleOfAStream() throws Exception {
        Optional<Path> scripts = RealService.scripts();
        assumeTrue(scripts.isPresent(), "The restart step needs the realservice recipe's start.sh: set "
                + "HEXSYNC_REALSERVICE_SCRIPTS to its folder");
        try (Clients clients = Clients.start(dir, Clients.options(), true, new JdbcBackend(Clients.USER))) {
            clients.converge("the first sync", List.of());
            SourceDatabase.createLists(Clients.USER, 2, "interop-restart");
            clients.converge("a new list", List.of());
            int streamsBefore = clients.transport.streams.get();

            // A burst of changes, and the service goes down while it streams them.
            SourceDatabase.execute("INSERT INTO todos (id, list_id, description, completed, created_at)"
                    + " SELECT 'interop-restart-burst-' || lpad(n::text, 4, '0'), 'interop-restart', 'burst ' || n, 0, NULL"
                    + " FROM generate_series(1, 2000) n");
            try {
                RealService.stopService();
                assertThat(RealService.live()).as("the service is down").isFalse();
                SourceDatabase.execute("UPDATE todos SET completed = 1 WHERE id = 'interop-restart-todo-000001'");
                SourceDatabase.execute("DELETE FROM todos WHERE id LIKE 'interop-restart-burst-1%'");
            } finally {
                RealService.startService(scripts.get(), dir.resolve("start.log"));
            }
            // Each client resumed where it was cut off: the same operations, not necessarily in the same lines.
            clients.converge("the service restarted", List.of(), Duration.ofSeconds(120), false);
            System.out.println("downloaded sizes after the restart: "
                    + (clients.differences(List.of(), true).isEmpty() ? "equal" : clients.differences(List.of(), true)));
            assertThat(clients.transport.streams.get()).as("streams opened").isGreaterThan(streamsBefore);
            assertThat(clients.hexsync.syncStatus().anyError()).isEmpty();
        }
    }
}
