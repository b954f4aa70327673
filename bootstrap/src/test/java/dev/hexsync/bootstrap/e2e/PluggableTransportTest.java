package dev.hexsync.bootstrap.e2e;

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
import dev.hexsync.ports.transport.Credentials;
import dev.hexsync.ports.transport.StreamLine;
import dev.hexsync.ports.transport.SyncStream;
import dev.hexsync.ports.transport.SyncTransport;
import dev.hexsync.emulator.SyncServiceEmulator;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example of a pluggable transport: an application binds its own {@link SyncTransport} with
 * {@code HexSync.builder().override(module)} (Guice's {@code Modules.override}), here one that wraps the HTTP
 * adapter and counts what the engine asks of it. Everything the service received came through it.
 */
class PluggableTransportTest {
    @TempDir
    Path dir;

    /** Decorates another transport, counting each call; a real one might add headers, metrics or tracing. */
    static final class CountingTransport implements SyncTransport, AutoCloseable {
        private final HttpSyncTransport delegate;
        final AtomicInteger streams = new AtomicInteger();
        final AtomicInteger writeCheckpoints = new AtomicInteger();
        final AtomicInteger checkpointRequests = new AtomicInteger();
        final AtomicInteger linesRead = new AtomicInteger();

        CountingTransport(HttpSyncTransport delegate) {
            this.delegate = delegate;
        }

        @Override
        public SyncStream openStream(Credentials credentials, String requestBody) {
            streams.incrementAndGet();
            SyncStream stream = delegate.openStream(credentials, requestBody);
            return new SyncStream() {
                @Override
                public StreamLine next() {
                    StreamLine line = stream.next();
                    if (line != null) {
                        linesRead.incrementAndGet();
                    }
                    return line;
                }

                @Override
                public void close() {
                    stream.close();
                }
            };
        }

        @Override
        public String fetchWriteCheckpoint(Credentials credentials, String clientId) {
            writeCheckpoints.incrementAndGet();
            return delegate.fetchWriteCheckpoint(credentials, clientId);
        }

        @Override
        public String postCheckpointRequest(Credentials credentials, String clientId, String checkpointRequestId) {
            checkpointRequests.incrementAndGet();
            return delegate.postCheckpointRequest(credentials, clientId, checkpointRequestId);
        }

        /** The database closes its transport when it closes (it is AutoCloseable). */
        @Override
        public void close() {
            delegate.close();
        }
    }

    @Test
    void aTransportBoundThroughAnOverrideModuleCarriesTheWholeSync() {
        AtomicReference<CountingTransport> created = new AtomicReference<>();
        try (SyncServiceEmulator service = TodoService.emulator().build().start();
                SyncDatabase db = HexSync.builder().sqlite(dir.resolve("app.db")).schema(SCHEMA)
                        .override(new AbstractModule() {
                            @Provides
                            @Singleton
                            SyncTransport transport() {
                                CountingTransport transport = new CountingTransport(HttpSyncTransport.builder()
                                        .userAgent("counting-example/1.0").build());
                                created.set(transport);
                                return transport;
                            }
                        })
                        .build()) {
            TodoService.seed(service, 2, 40);
            Eventually.join("connect", db.connect(new EmulatorBackend(service, USER), OPTIONS));
            Eventually.join("the first sync", db.waitForFirstSync());
            db.execute("INSERT INTO todos(id, list_id, description, completed) VALUES (?, ?, ?, 0)",
                    "todo-local", "list-1", "through the custom transport");
            Eventually.await("the upload to be confirmed", () -> Replica.uploadsConfirmed(db));
            db.disconnect();

            CountingTransport transport = created.get();
            assertThat(transport).as("the override's transport is the one the database uses").isNotNull();
            assertThat(transport.streams.get()).isGreaterThanOrEqualTo(1);
            assertThat(transport.linesRead.get()).as("checkpoint, data, complete at least").isGreaterThanOrEqualTo(3);
            assertThat(transport.writeCheckpoints.get()).isGreaterThanOrEqualTo(1);
            assertThat(transport.checkpointRequests.get()).as("legacy mode asks for write checkpoints only").isZero();
            // Every request the service saw was one the custom transport made.
            assertThat(service.requests()).filteredOn(r -> r.path().equals("/sync/stream"))
                    .hasSize(transport.streams.get());
            assertThat(service.requests()).filteredOn(r -> r.path().equals("/write-checkpoint2.json"))
                    .hasSize(transport.writeCheckpoints.get());
            assertThat(service.requests()).extracting(r -> r.header("user-agent"))
                    .allSatisfy(agent -> assertThat(agent).contains("counting-example/1.0"));
            assertThat(service.row("todos", "todo-local")).isPresent();
        }
    }
}
