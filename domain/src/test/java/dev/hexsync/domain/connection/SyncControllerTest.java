package dev.hexsync.domain.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hexsync.domain.status.StatusHolder;
import dev.hexsync.domain.sync.SyncEngine;
import dev.hexsync.domain.watch.ChangeHub;
import dev.hexsync.ports.api.BackendConnector;
import dev.hexsync.ports.api.ConnectOptions;
import dev.hexsync.ports.api.SyncDatabase;
import dev.hexsync.ports.model.SyncLine;
import dev.hexsync.ports.storage.TableChange;
import dev.hexsync.ports.sync.SyncLineDecoder;
import dev.hexsync.ports.transport.Credentials;
import dev.hexsync.ports.transport.SyncStream;
import dev.hexsync.ports.transport.SyncTransport;
import dev.hexsync.testkit.storage.InMemorySyncStorage;
import dev.hexsync.testkit.time.VirtualScheduler;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What makes a connected database upload, on virtual time: a change that touched the upload queue, or another
 * process's commit; never a change of application tables alone. The service is unreachable throughout, which
 * leaves the upload loop as the only thing that runs.
 */
class SyncControllerTest {
    private static final Duration THROTTLE = Duration.ofMillis(10);

    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final EmptyCrudQueue queue = new EmptyCrudQueue();
    private final ChangeHub hub = new ChangeHub();
    private final StatusHolder status = new StatusHolder(scheduler);
    private final SyncEngine engine = new SyncEngine(new StorageOnlySession(new InMemorySyncStorage("client-1").storage()),
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
}
