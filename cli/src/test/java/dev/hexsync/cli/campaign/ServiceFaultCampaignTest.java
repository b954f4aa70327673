package dev.hexsync.cli.campaign;

import static dev.hexsync.cli.campaign.CampaignBackend.converged;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.hexsync.adapters.http.HttpSyncTransport;
import dev.hexsync.bootstrap.HexSync;
import dev.hexsync.cli.SharedDatabaseWorker;
import dev.hexsync.ports.api.ConnectOptions;
import dev.hexsync.ports.api.SyncDatabase;
import dev.hexsync.ports.model.SyncStatus;
import dev.hexsync.ports.transport.Credentials;
import dev.hexsync.ports.transport.SyncStream;
import dev.hexsync.ports.transport.SyncTransport;
import dev.hexsync.emulator.SyncServiceEmulator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service faults the emulator did not inject before (the nine older ones are {@code FaultRecoveryTest} in
 * bootstrap): a token that expires mid-stream, a stream whose bytes come slower than the read timeout, a
 * service that restarts with other data and a lower checkpoint, and a checksum mismatch that keeps recurring.
 * In each, a client that synced and has local writes must converge with the service afterwards, lose no write,
 * upload none twice and keep its file intact; the recurring mismatch must not make it reconnect faster than
 * its retry delay allows.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ServiceFaultCampaignTest {
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration RETRY = Duration.ofMillis(250);
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ConnectOptions OPTIONS = ConnectOptions.DEFAULT.withRetryDelay(RETRY)
            .withUploadThrottle(Duration.ofMillis(20));
    private static final CampaignFigures FIGURES = new CampaignFigures("service-faults", "Service faults (new four)");

    @TempDir
    Path dir;

    private volatile SyncServiceEmulator service;
    private final AtomicInteger streamsOpened = new AtomicInteger();
    private final List<Throwable> downloadErrors = new CopyOnWriteArrayList<>();
    private SyncDatabase db;
    private CampaignBackend backend;

    @AfterEach
    void stop() {
        if (db != null) {
            db.close();
        }
        if (service != null) {
            service.close();
        }
    }

    @AfterAll
    static void save() {
        FIGURES.put("lost", FIGURES.get("lost writes")).save();
    }

    @Test
    void aTokenThatExpiresMidStreamIsRenewedAndNothingIsLost() {
        service = emulator(0).build().start();
        seed(200);
        open(Duration.ofSeconds(2));
        writeLocally("before-expiry");
        // Each token lives 2 s: the service ends the stream with token_expires_in 0 and the client fetches another.
        await("three tokens fetched", () -> backend.credentialFetches() >= 3);
        writeLocally("after-expiry");
        service.put("todos", "server-after-expiry", todo("added while tokens expire"));
        finish("token expiry mid-stream", 1);
    }

    @Test
    void aStreamSlowerThanTheReadTimeoutIsAbandonedAndTheClientComesBack() {
        service = emulator(0).build().start();
        seed(200);
        open(null);
        // The next stream sends its checkpoint, then the next line a byte every 1.5 s, past the 1 s read timeout.
        service.faults().trickleNextStream(1, READ_TIMEOUT.plusMillis(500));
        int before = streamsOpened.get();
        service.connections().forEach(connection -> connection.end());
        service.put("todos", "server-during-trickle", todo("sent through the slow stream"));
        writeLocally("during-trickle");
        await("the slow stream abandoned with a read timeout", () -> downloadErrors.stream()
                .anyMatch(e -> String.valueOf(e.getMessage()).contains("silent for longer than")));
        finish("stream slower than the read timeout", 1);
        assertThat(streamsOpened.get()).as("a stream after the slow one").isGreaterThan(before + 1);
    }

    @Test
    void aServiceThatRestartsWithOtherDataAndALowerCheckpointIsFollowed() {
        service = emulator(0).build().start();
        seed(300);
        open(null);
        writeLocally("before-restart");
        await("the first upload", () -> db.getUploadQueueStats(false).count() == 0);
        int port = service.endpoint().getPort();
        service.close();
        writeLocally("while-down");
        // The same port, a fresh source: far fewer ops, so its checkpoint is below what the client has seen.
        SyncServiceEmulator restarted = emulator(port).build().start();
        restarted.transaction(tx -> {
            for (int i = 0; i < 20; i++) {
                tx.put("todos", "after-restart-" + i, todo("in the restarted service"));
            }
        });
        service = restarted;
        writeLocally("after-restart");
        finish("service restart with a different checkpoint", 1);
        assertThat(CampaignBackend.localTodos(db)).as("rows of the service before its restart are gone")
                .doesNotContainKey("todo-00001");
    }

    @Test
    void aChecksumMismatchThatKeepsRecurringIsRetriedNoFasterThanTheRetryDelay() {
        service = emulator(0).build().start();
        seed(100);
        open(null);
        service.faults().corruptNextChecksum();
        for (int i = 0; i < 1_000; i++) {
            service.faults().corruptNextChecksum();
        }
        int before = streamsOpened.get();
        long start = System.nanoTime();
        service.put("todos", "server-during-mismatch", todo("announced with a wrong checksum"));
        writeLocally("during-mismatch");
        await("several refused checkpoints", () -> streamsOpened.get() - before >= 6);
        int reconnects = streamsOpened.get() - before;
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        // At most one attempt per retry delay (plus the first): a client that loops hot makes hundreds.
        long allowed = elapsedMillis / RETRY.toMillis() + 2;
        FIGURES.put("recurring mismatch: reconnects", reconnects).put("recurring mismatch: millis", elapsedMillis)
                .put("recurring mismatch: allowed by the retry delay", allowed);
        assertThat((long) reconnects).as("reconnects in " + elapsedMillis + " ms").isLessThanOrEqualTo(allowed);
        service.faults().reset();
        finish("recurring checksum mismatch", reconnects);
    }

    // ---- the client ---------------------------------------------------------------------------------------

    private SyncServiceEmulator.Builder emulator(int port) {
        SyncServiceEmulator.Builder builder = SyncServiceEmulator.builder().globalBucket("global", "lists", "todos")
                .batchSize(25).keepaliveInterval(Duration.ofMillis(300));
        return port == 0 ? builder : builder.port(port);
    }

    private void seed(int todos) {
        service.transaction(tx -> {
            for (int i = 1; i <= todos; i++) {
                tx.put("todos", String.format("todo-%05d", i), todo("seeded " + i));
            }
        });
    }

    private static Map<String, Object> todo(String description) {
        return Map.of("list_id", "list-1", "description", description, "completed", 0);
    }

    private void open(Duration tokenLifetime) {
        SyncTransport transport = counting(HttpSyncTransport.builder().readTimeout(READ_TIMEOUT).build());
        db = HexSync.builder().sqlite(dir.resolve("app.db")).schema(SharedDatabaseWorker.SCHEMA)
                .override(new AbstractModule() {
                    @Provides
                    @Singleton
                    SyncTransport transport() {
                        return transport;
                    }
                }).build();
        db.statusUpdates().subscribe(new Flow.Subscriber<SyncStatus>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(SyncStatus status) {
                status.downloadError().ifPresent(downloadErrors::add);
            }

            @Override
            public void onError(Throwable error) {
            }

            @Override
            public void onComplete() {
            }
        });
        Supplier<SyncServiceEmulator> current = () -> service;
        backend = new CampaignBackend(current, tokenLifetime);
        db.connect(backend, OPTIONS).toCompletableFuture().join();
        db.waitForFirstSync().toCompletableFuture().orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    }

    private SyncTransport counting(SyncTransport delegate) {
        return new SyncTransport() {
            @Override
            public SyncStream openStream(Credentials credentials, String requestBody) {
                streamsOpened.incrementAndGet();
                return delegate.openStream(credentials, requestBody);
            }

            @Override
            public String fetchWriteCheckpoint(Credentials credentials, String clientId) {
                return delegate.fetchWriteCheckpoint(credentials, clientId);
            }

            @Override
            public String postCheckpointRequest(Credentials credentials, String clientId, String checkpointRequestId) {
                return delegate.postCheckpointRequest(credentials, clientId, checkpointRequestId);
            }
        };
    }

    private void writeLocally(String id) {
        db.execute("INSERT INTO todos(id, list_id, description, completed) VALUES (?, 'list-1', ?, 0)",
                id, "written locally: " + id);
        FIGURES.add("local writes", 1);
    }

    /** Waits for convergence, then checks that every local write reached the service once and the file is intact. */
    private void finish(String fault, int faultsInjected) {
        await(fault + ": convergence with the service", () -> converged(db, service));
        List<String> local = db.getAll("SELECT id FROM todos WHERE description LIKE 'written locally: %'").stream()
                .map(row -> row.getString("id")).toList();
        long lost = local.stream().filter(id -> service.row("todos", id).isEmpty()).count();
        FIGURES.add("cases", 1).add("faults injected", faultsInjected).add("lost writes", lost)
                .add("uploaded twice", backend.uploadedTwice().size());
        FIGURES.put(fault, "converged; " + streamsOpened.get() + " streams opened, " + backend.credentialFetches()
                + " credential fetches, " + downloadErrors.size() + " download errors seen");
        assertThat(lost).as("local writes the service lacks").isZero();
        assertThat(backend.uploadedTwice()).as("rows uploaded twice").isEmpty();
        assertThat(CampaignBackend.integrity(db)).isEqualTo("ok");
    }

    private static void await(String what, BooleanSupplier condition) {
        Awaitility.await(what).atMost(WAIT).pollInterval(Duration.ofMillis(20)).until(condition::getAsBoolean);
    }
}
