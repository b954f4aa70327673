package dev.hexsync.bootstrap.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hexsync.bootstrap.HexSync;
import dev.hexsync.emulator.SyncServiceEmulator;
import dev.hexsync.ports.api.BackendConnector;
import dev.hexsync.ports.api.ConnectOptions;
import dev.hexsync.ports.api.SyncDatabase;
import dev.hexsync.ports.schema.Schema;
import dev.hexsync.ports.schema.Table;
import dev.hexsync.ports.transport.Credentials;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's metrics in a Micrometer registry given to the builder, against the emulator over real HTTP: what
 * was downloaded and applied, the upload queue while uploads fail, and the reconnects after failed iterations.
 */
class MicrometerMetricsTest {
    private static final Schema SCHEMA = Schema.of(Table.builder("todos").text("description").build());
    private static final ConnectOptions FAST = ConnectOptions.DEFAULT.withRetryDelay(Duration.ofMillis(50))
            .withUploadThrottle(Duration.ofMillis(10));

    @TempDir
    Path dir;

    @Test
    void downloadsAndCheckpointsAreCounted() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (SyncServiceEmulator service = SyncServiceEmulator.builder().globalBucket("global", "todos").build().start();
                SyncDatabase db = HexSync.builder().sqlite(dir.resolve("app.db")).schema(SCHEMA).meterRegistry(registry).build()) {
            for (int i = 0; i < 40; i++) {
                service.put("todos", "t" + i, Map.of("description", "todo " + i));
            }
            db.connect(connector(service.endpoint(), service.issueToken("u1"), new AtomicBoolean()), FAST)
                    .get(30, TimeUnit.SECONDS);
            db.waitForFirstSync(Duration.ofSeconds(60)).get(90, TimeUnit.SECONDS);

            assertThat(registry.get("hexsync.ops.applied").counter().count()).isEqualTo(40.0);
            assertThat(registry.get("hexsync.bytes.downloaded").counter().count()).isGreaterThan(40 * 10.0);
            assertThat(registry.get("hexsync.checkpoint.apply").timer().count()).isGreaterThanOrEqualTo(1);
            assertThat(registry.get("hexsync.upload.queue.size").gauge().value()).isZero();
            assertThat(registry.get("hexsync.reconnects").counter().count()).isZero();
        }
    }

    @Test
    void failingUploadsShowInTheQueueGaugesAndTheFailureCounter() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        AtomicBoolean uploadsFail = new AtomicBoolean(true);
        try (SyncServiceEmulator service = SyncServiceEmulator.builder().globalBucket("global", "todos").build().start();
                SyncDatabase db = HexSync.builder().sqlite(dir.resolve("app.db")).schema(SCHEMA).meterRegistry(registry).build()) {
            db.connect(connector(service.endpoint(), service.issueToken("u1"), uploadsFail), FAST).get(30, TimeUnit.SECONDS);
            db.execute("INSERT INTO todos(id, description) VALUES ('local-1', 'written here')");
            db.execute("INSERT INTO todos(id, description) VALUES ('local-2', 'written here')");

            await().atMost(Duration.ofSeconds(30)).until(() -> registry.get("hexsync.upload.failures").counter().count() >= 2);
            assertThat(registry.get("hexsync.upload.queue.size").gauge().value()).isEqualTo(2.0);
            await().atMost(Duration.ofSeconds(30)).until(() -> registry.get("hexsync.upload.queue.age").gauge().value() > 0);

            uploadsFail.set(false);
            await().atMost(Duration.ofSeconds(30)).until(() -> registry.get("hexsync.upload.queue.size").gauge().value() == 0);
            await().atMost(Duration.ofSeconds(30)).until(() -> registry.get("hexsync.upload.queue.age").gauge().value() == 0);
        }
    }

    @Test
    void failedIterationsCountAsReconnects() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        URI nobody;
        try (SyncServiceEmulator closed = SyncServiceEmulator.builder().build().start()) {
            nobody = closed.endpoint();
        }
        try (SyncDatabase db = HexSync.builder().sqlite(dir.resolve("app.db")).schema(SCHEMA).meterRegistry(registry).build()) {
            db.connect(connector(nobody, "token", new AtomicBoolean()), FAST).get(30, TimeUnit.SECONDS);

            await().atMost(Duration.ofSeconds(30)).until(() -> registry.get("hexsync.reconnects").counter().count() >= 2);
            assertThat(registry.get("hexsync.ops.applied").counter().count()).isZero();
        }
    }

    /** Uploads go to no backend: they fail while {@code failing} is set, else they are completed. */
    private static BackendConnector connector(URI endpoint, String token, AtomicBoolean failing) {
        return new BackendConnector() {
            @Override
            public Optional<Credentials> fetchCredentials() {
                return Optional.of(new Credentials(endpoint, token, Optional.empty()));
            }

            @Override
            public void uploadData(SyncDatabase database) {
                if (failing.get()) {
                    throw new IllegalStateException("the backend is down (test)");
                }
                database.getNextCrudTransaction().ifPresent(tx -> tx.complete());
            }
        };
    }
}
