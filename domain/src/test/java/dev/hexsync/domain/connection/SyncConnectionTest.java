package dev.hexsync.domain.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hexsync.domain.status.StatusMapper;
import dev.hexsync.domain.stream.StreamKey;
import dev.hexsync.domain.sync.SyncEngine;
import dev.hexsync.ports.ProtocolException;
import dev.hexsync.ports.api.BackendConnector;
import dev.hexsync.ports.api.ConnectOptions;
import dev.hexsync.ports.api.SyncDatabase;
import dev.hexsync.ports.model.BucketChecksum;
import dev.hexsync.ports.model.Checksum;
import dev.hexsync.ports.model.OpId;
import dev.hexsync.ports.model.OpType;
import dev.hexsync.ports.model.OplogEntry;
import dev.hexsync.ports.model.SyncLine;
import dev.hexsync.ports.model.SyncStatus;
import dev.hexsync.ports.sync.SyncLineDecoder;
import dev.hexsync.ports.time.Clock;
import dev.hexsync.ports.transport.Credentials;
import dev.hexsync.ports.transport.StreamLine;
import dev.hexsync.ports.transport.SyncStream;
import dev.hexsync.ports.transport.SyncTransport;
import dev.hexsync.testkit.storage.InMemorySyncStorage;
import dev.hexsync.testkit.time.ThreadScheduler;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The connection loops on fakes only: the in-memory store, a scripted transport, real threads (stream reads
 * block). It checks what the loop does with the engine's instructions, and that a subscription change made
 * while an iteration is being set up reaches that iteration.
 */
class SyncConnectionTest {
    private final InMemorySyncStorage store = new InMemorySyncStorage("client-1");
    private final TextDecoder decoder = new TextDecoder();
    private final ThreadScheduler threads = new ThreadScheduler();
    private final FakeTransport transport = new FakeTransport();
    private final AtomicReference<SyncStatus> status = new AtomicReference<>(SyncStatus.UNKNOWN);
    private final SyncEngine engine = new SyncEngine(new StorageOnlySession(store.storage()), decoder, Clock.system(),
            engineStatus -> status.updateAndGet(previous -> StatusMapper.toPublic(engineStatus, previous)));
    private final List<StreamKey> active = new CopyOnWriteArrayList<>();
    private SyncConnection connection;

    @AfterEach
    void stop() {
        if (connection != null) {
            connection.stop();
        }
        threads.close();
    }

    private SyncConnection connect() {
        connection = new SyncConnection(engine, transport, new Connector(), ConnectOptions.DEFAULT
                .withRetryDelay(Duration.ofMillis(50)).withUploadThrottle(Duration.ofMillis(10)),
                threads, null, new EmptyCrudQueue(), () -> List.copyOf(active), status::updateAndGet);
        return connection;
    }

    @Test
    void appliesWhatTheStreamDeliversAndReportsIt() throws Exception {
        store.declareTable("todos");
        connect().start().get(10, TimeUnit.SECONDS);
        FakeStream stream = transport.opened.poll(10, TimeUnit.SECONDS);
        assertThat(stream).isNotNull();
        assertThat(stream.body).contains("\"client_id\":\"client-1\"").contains("\"buckets\":[]");

        stream.send(new SyncLine.Checkpoint(new OpId(1), Optional.empty(), List.of(new BucketChecksum("b",
                Checksum.of(5), BucketChecksum.DEFAULT_PRIORITY, OptionalLong.empty(), List.of())), List.of()));
        stream.send(new SyncLine.Data("b", List.of(new OplogEntry(new OpId(1), OpType.PUT, "todos", "t1", null,
                "{\"description\":\"x\"}", Checksum.of(5)))));
        stream.send(new SyncLine.CheckpointComplete(new OpId(1)));

        awaitStatus(s -> s.hasSynced().orElse(false) && s.connected());
        assertThat(store.rows("todos")).containsEntry("t1", "{\"description\":\"x\"}");
    }

    @Test
    void aConnectionWithoutParametersSendsAnEmptyObjectNotNull() throws Exception {
        connect().start().get(10, TimeUnit.SECONDS);
        FakeStream stream = transport.opened.poll(10, TimeUnit.SECONDS);
        assertThat(stream).isNotNull();
        // The service rejects "parameters":null with 400 PSYNC_S2001; the key must be an object or absent.
        assertThat(stream.body).contains("\"parameters\":{}").doesNotContain("\"parameters\":null");
    }

    @Test
    void connectionParametersAreSentAsAnObject() throws Exception {
        connection = new SyncConnection(engine, transport, new Connector(),
                ConnectOptions.DEFAULT.withParams(java.util.Map.of("team", "t1")), threads, null,
                new EmptyCrudQueue(), List::of, status::updateAndGet);
        connection.start().get(10, TimeUnit.SECONDS);
        FakeStream stream = transport.opened.poll(10, TimeUnit.SECONDS);
        assertThat(stream.body).contains("\"parameters\":{\"team\":\"t1\"}");
    }

    @Test
    void aSubscriptionChangeWhileConnectingIsNotLost() throws Exception {
        CountDownLatch hold = new CountDownLatch(1);
        transport.holdNextOpen = hold;
        connect().start().get(10, TimeUnit.SECONDS);
        // The first iteration is opening its stream. The application subscribes now.
        assertThat(transport.openCalls.await(10, TimeUnit.SECONDS)).isTrue();
        StreamKey key = new StreamKey("lists", null);
        engine.subscribe(key, null, 3600);
        active.add(key);
        connection.subscriptionsChanged(List.copyOf(active));
        hold.countDown();

        // The running iteration learns of it once established and restarts with the new request at once.
        FakeStream first = transport.opened.poll(10, TimeUnit.SECONDS);
        assertThat(first.body).doesNotContain("\"stream\":\"lists\"");
        FakeStream second = transport.opened.poll(10, TimeUnit.SECONDS);
        assertThat(second).as("a second iteration with the new request").isNotNull();
        assertThat(second.body).contains("\"stream\":\"lists\"");
        assertThat(status.get().downloadError()).as("a quiet restart, not a failure").isEmpty();
    }

    @Test
    void aFailedIterationIsRetriedAndRecordedAsADownloadError() throws Exception {
        transport.failNextOpen = new IllegalStateException("service unreachable");
        connect().start().get(10, TimeUnit.SECONDS);
        awaitStatus(s -> s.downloadError().map(e -> e.getMessage().contains("unreachable")).orElse(false));
        FakeStream retried = transport.opened.poll(10, TimeUnit.SECONDS);
        assertThat(retried).as("the loop retries after the delay").isNotNull();
    }

    @Test
    void anExpiredTokenIsFetchedAgain() throws Exception {
        Connector connector = new Connector();
        connection = new SyncConnection(engine, transport, connector, ConnectOptions.DEFAULT.withRetryDelay(Duration.ofMillis(20)),
                threads, null, new EmptyCrudQueue(), List::of, status::updateAndGet);
        connection.start().get(10, TimeUnit.SECONDS);
        FakeStream stream = transport.opened.poll(10, TimeUnit.SECONDS);
        stream.send(new SyncLine.TokenExpiresIn(0));
        assertThat(transport.opened.poll(10, TimeUnit.SECONDS)).as("reconnected").isNotNull();
        assertThat(connector.fetches).hasValueGreaterThanOrEqualTo(2);
    }

    private void awaitStatus(java.util.function.Predicate<SyncStatus> condition) {
        await().atMost(Duration.ofSeconds(10)).until(status::get, condition::test);
    }

    // ---- fakes --------------------------------------------------------------------------------------------

    private final class Connector implements BackendConnector {
        final java.util.concurrent.atomic.AtomicInteger fetches = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public Optional<Credentials> fetchCredentials() {
            fetches.incrementAndGet();
            return Optional.of(Credentials.of("http://127.0.0.1:1", "token-" + fetches.get()));
        }

        @Override
        public void uploadData(SyncDatabase database) {
        }
    }

    private final class FakeStream implements SyncStream {
        final String body;
        private final BlockingQueue<Optional<StreamLine>> lines = new LinkedBlockingQueue<>();

        FakeStream(String body) {
            this.body = body;
        }

        void send(SyncLine line) {
            lines.add(Optional.of(new StreamLine.Text(decoder.register(line))));
        }

        @Override
        public StreamLine next() {
            try {
                return lines.take().orElse(null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }

        @Override
        public void close() {
            lines.add(Optional.empty());
        }
    }

    private final class FakeTransport implements SyncTransport {
        final BlockingQueue<FakeStream> opened = new LinkedBlockingQueue<>();
        final CountDownLatch openCalls = new CountDownLatch(1);
        volatile CountDownLatch holdNextOpen;
        volatile RuntimeException failNextOpen;

        @Override
        public SyncStream openStream(Credentials credentials, String requestBody) {
            openCalls.countDown();
            CountDownLatch hold = holdNextOpen;
            holdNextOpen = null;
            if (hold != null) {
                try {
                    hold.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            RuntimeException failure = failNextOpen;
            failNextOpen = null;
            if (failure != null) {
                throw failure;
            }
            FakeStream stream = new FakeStream(requestBody);
            opened.add(stream);
            return stream;
        }

        @Override
        public String fetchWriteCheckpoint(Credentials credentials, String clientId) {
            return "1";
        }

        @Override
        public String postCheckpointRequest(Credentials credentials, String clientId, String checkpointRequestId) {
            return checkpointRequestId;
        }
    }

    /** Stands each line in by a registered text, so the loop runs without the JSON codec (an adapter's). */
    private static final class TextDecoder implements SyncLineDecoder {
        private final java.util.Map<String, SyncLine> lines = new ConcurrentHashMap<>();
        private final java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();

        String register(SyncLine line) {
            String text = "line-" + next.getAndIncrement();
            lines.put(text, line);
            return text;
        }

        @Override
        public SyncLine decodeText(String line) {
            SyncLine decoded = lines.get(line);
            if (decoded == null) {
                throw new ProtocolException("unregistered test line: " + line);
            }
            return decoded;
        }

        @Override
        public SyncLine decodeBinary(byte[] document) {
            return decodeText(new String(document, java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}
