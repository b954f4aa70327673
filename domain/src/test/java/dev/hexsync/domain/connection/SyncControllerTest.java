package dev.hexsync.domain.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hexsync.domain.status.StatusHolder;
import dev.hexsync.domain.sync.SyncEngine;
import dev.hexsync.domain.watch.ChangeHub;
import dev.hexsync.ports.api.BackendConnector;
import dev.hexsync.ports.api.ConnectOptions;
import dev.hexsync.ports.api.ReadWork;
import dev.hexsync.ports.api.SyncDatabase;
import dev.hexsync.ports.api.WriteWork;
import dev.hexsync.ports.model.SyncLine;
import dev.hexsync.ports.model.UploadQueueStats;
import dev.hexsync.ports.schema.Schema;
import dev.hexsync.ports.storage.CrudQueue;
import dev.hexsync.ports.storage.CrudRecord;
import dev.hexsync.ports.storage.DatabaseLocation;
import dev.hexsync.ports.storage.SqlSession;
import dev.hexsync.ports.storage.TableChange;
import dev.hexsync.ports.storage.TableChangeListener;
import dev.hexsync.ports.storage.TriggerStore;
import dev.hexsync.ports.storage.sync.SyncStorage;
import dev.hexsync.ports.sync.SyncLineDecoder;
import dev.hexsync.ports.transport.Credentials;
import dev.hexsync.ports.transport.SyncStream;
import dev.hexsync.ports.transport.SyncTransport;
import dev.hexsync.testkit.storage.InMemorySyncStorage;
import dev.hexsync.testkit.storage.InMemoryTriggerStore;
import dev.hexsync.testkit.time.VirtualScheduler;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What makes a connected database upload, on virtual time: a change that touched the upload queue, or another
 * process's commit; never a change of application tables alone. The service is unreachable throughout, which
 * leaves the upload loop as the only thing that runs.
 */
class SyncControllerTest {
    private static final Duration THROTTLE = Duration.ofMillis(10);

    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final CountingQueue queue = new CountingQueue();
    private final ChangeHub hub = new ChangeHub();
    private final StatusHolder status = new StatusHolder(scheduler);
    private final SyncEngine engine = new SyncEngine(new StoreSession(new InMemorySyncStorage("client-1").storage()),
            new NoLines(), scheduler.clock(), status::engineReported);
    private final SyncController controller = new SyncController(engine, new Unreachable(), scheduler, queue, status,
            hub, Optional.empty());

    @Test
    void theUploadLoopRunsWhenTheQueueChangedOrAnotherProcessCommitted() {
        controller.connect(null, List::of, new Connector(), ConnectOptions.DEFAULT.withUploadThrottle(THROTTLE)
                .withRetryDelay(Duration.ofHours(1)));
        scheduler.advance(THROTTLE);
        assertThat(queue.peeks).as("one upload at connect").hasValue(1);

        hub.onTablesChanged(TableChange.of(Set.of("todos")));
        scheduler.advance(THROTTLE);
        assertThat(queue.peeks).as("a table changed, the queue did not").hasValue(1);

        hub.onTablesChanged(TableChange.of(Set.of("todos"), true));
        scheduler.advance(THROTTLE);
        assertThat(queue.peeks).as("a local write was queued").hasValue(2);

        hub.onTablesChanged(TableChange.EXTERNAL);
        scheduler.advance(THROTTLE);
        assertThat(queue.peeks).as("another process may have queued").hasValue(3);

        controller.disconnect();
        hub.onTablesChanged(TableChange.of(Set.of(), true));
        scheduler.advance(THROTTLE);
        assertThat(queue.peeks).as("nothing after disconnect").hasValue(3);
    }

    private static final class CountingQueue implements CrudQueue {
        final AtomicInteger peeks = new AtomicInteger();

        @Override
        public List<CrudRecord> peek(int limit) {
            peeks.incrementAndGet();
            return List.of();
        }

        @Override
        public List<CrudRecord> peekTransaction() {
            return List.of();
        }

        @Override
        public void complete(long throughId, Optional<String> writeCheckpoint) {
        }

        @Override
        public UploadQueueStats stats(boolean includeSize) {
            return new UploadQueueStats(0, OptionalLong.empty());
        }

        @Override
        public boolean awaitingWriteCheckpoint() {
            return false;
        }

        @Override
        public long sequence() {
            return 0;
        }

        @Override
        public boolean installWriteCheckpoint(long checkpoint, long expectedSequence) {
            return false;
        }
    }

    private static final class Connector implements BackendConnector {
        @Override
        public Optional<Credentials> fetchCredentials() {
            return Optional.of(Credentials.of("http://127.0.0.1:1", "token"));
        }

        @Override
        public void uploadData(SyncDatabase database) {
        }
    }

    private static final class Unreachable implements SyncTransport {
        @Override
        public SyncStream openStream(Credentials credentials, String requestBody) {
            throw new IllegalStateException("service unreachable");
        }

        @Override
        public String fetchWriteCheckpoint(Credentials credentials, String clientId) {
            throw new IllegalStateException("service unreachable");
        }

        @Override
        public String postCheckpointRequest(Credentials credentials, String clientId, String checkpointRequestId) {
            throw new IllegalStateException("service unreachable");
        }
    }

    private static final class NoLines implements SyncLineDecoder {
        @Override
        public SyncLine decodeText(String line) {
            throw new IllegalStateException("no lines in this test");
        }

        @Override
        public SyncLine decodeBinary(byte[] document) {
            throw new IllegalStateException("no lines in this test");
        }
    }

    /** A session over the in-memory store: writes just run (the store has no transactions). */
    private record StoreSession(SyncStorage store) implements SqlSession {
        @Override
        public DatabaseLocation location() {
            return DatabaseLocation.inMemory("controller");
        }

        @Override
        public <T> T read(ReadWork<T> work) {
            return work.run(null);
        }

        @Override
        public <T> T write(WriteWork<T> work) {
            return work.run(null);
        }

        @Override
        public void applySchema(Schema schema) {
        }

        @Override
        public CrudQueue crudQueue() {
            throw new UnsupportedOperationException("the controller is given its queue");
        }

        @Override
        public SyncStorage syncStorage() {
            return store;
        }

        @Override
        public TriggerStore triggerStore() {
            return new InMemoryTriggerStore();
        }

        @Override
        public Registration addTableChangeListener(TableChangeListener listener) {
            return () -> { };
        }

        @Override
        public Set<String> tablesReadBy(String sql, List<?> params) {
            return Set.of();
        }

        @Override
        public void close() {
        }
    }
}
