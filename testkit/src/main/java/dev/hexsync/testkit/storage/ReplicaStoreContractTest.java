package dev.hexsync.testkit.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import dev.hexsync.ports.model.Checksum;
import dev.hexsync.ports.model.OpId;
import dev.hexsync.ports.schema.Schema;
import dev.hexsync.ports.schema.Table;
import dev.hexsync.ports.storage.sync.BucketStore;
import dev.hexsync.ports.storage.sync.KeyValueStore;
import dev.hexsync.ports.storage.sync.PublishStore;
import dev.hexsync.ports.storage.sync.ReplicaStore;
import dev.hexsync.ports.storage.sync.StreamSubscriptionStore;
import dev.hexsync.testkit.storage.InMemorySyncStorage.BucketRow;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link ReplicaStore}, as a test kit: clearing the local replica, hard and soft, with and
 * without local-only tables, keeping the client id. Every storage engine extends this class, names itself and
 * where its file databases live, and inherits every test.
 *
 * <pre>{@code
 * class MyReplicaStoreContractTest extends ReplicaStoreContractTest {
 *     protected StorageEngine engine() { return new MyStorageEngine(); }
 *     protected DatabaseLocation newFileLocation(Path tempDir) { return DatabaseLocation.file(tempDir.resolve("db")); }
 * }
 * }</pre>
 *
 * <p>See {@link SyncStorageContract} for how effects are observed.
 */
public abstract class ReplicaStoreContractTest extends SyncStorageContract {
    private static final String SETTINGS = "settings";

    private String clientId;

    /** A synced replica: a published bucket, state in every role, a local write queued, a local-only row. */
    @BeforeEach
    void syncSomething() {
        fixture().applySchema(new Schema(List.of(todoSchema().tables().get(0),
                Table.builder(SETTINGS).text("value").localOnly().build()), List.of()));
        clientId = keyValues(KeyValueStore::clientId);
        store(s -> {
            long a = s.buckets().lookupBucket("a").id();
            s.oplog().insertOp(a, put(1, TODOS, "t1", "{\"description\":\"synced\"}", 1));
            s.oplog().insertOp(a, put(2, "things", "x1", "{}", 2));
            s.oplog().finishDataLine(a, new OpId(2), Checksum.ZERO, Checksum.of(3), 2, 10);
            s.publishing().publish(Optional.empty(), List.of());
            s.keyValues().markSynced(Integer.MAX_VALUE, 100);
            s.keyValues().writeLong("k", 7);
            s.subscriptions().subscribe("s", null, null, 60, 0);
            return null;
        });
        fixture().insertLocally(TODOS, "l1", "description", "local");
        fixture().insertLocally(SETTINGS, "theme", "value", "dark");
    }

    @Test
    void hardClearEmptiesTheReplicaButKeepsTheClientId() {
        store(s -> {
            s.replica().clear(false, false, List.of());
            return null;
        });

        LayoutObservation stored = stored();
        assertThat(stored.buckets()).as("ps_buckets").isEmpty();
        assertThat(stored.oplog()).as("ps_oplog").isEmpty();
        assertThat(stored.uploadQueueSize()).as("ps_crud").isZero();
        assertThat(stored.untyped()).as("ps_untyped").isEmpty();
        assertThat(stored.updatedRows()).as("ps_updated_rows").isEmpty();
        assertThat(stored.subscriptionParams()).as("ps_stream_subscriptions").isEmpty();
        assertThat(stored.syncStates()).as("ps_sync_state").isEmpty();
        assertThat(stored.syncedRows(TODOS)).as("ps_data__todos").isEmpty();
        assertThat(stored.keyValues()).containsExactly(entry("client_id", clientId));
        assertThat(keyValues(KeyValueStore::clientId)).isEqualTo(clientId);
        assertThat(stored.viewRows(SETTINGS, List.of())).as("local-only rows stay").containsExactly(row("id", "theme"));
    }

    @Test
    void softClearKeepsBucketsAndOplogToPublishAgain() {
        store(s -> {
            s.replica().clear(false, true, List.of());
            return null;
        });

        assertThat(stored().buckets()).extracting(BucketRow::name, BucketRow::lastAppliedOp, BucketRow::lastOp)
                .containsExactly(tuple("a", 0L, 2L));
        assertThat(stored().oplog()).hasSize(2);
        assertThat(dataRows(TODOS)).isEmpty();
        assertThat(untyped()).isEmpty();
        assertThat(stored().uploadQueueSize()).isZero();

        store(s -> {
            s.publishing().publish(Optional.empty(), List.of());
            return null;
        });
        assertThat(dataRows(TODOS)).as("the kept oplog publishes again")
                .containsExactly(entry("t1", "{\"description\":\"synced\"}"));
        assertThat(untyped()).containsExactly(entry(key("things", "x1"), "{}"));
    }

    @Test
    void clearingLocalTablesToo() {
        store(s -> {
            s.replica().clear(true, false, List.of());
            return null;
        });

        assertThat(stored().viewRows(SETTINGS, List.of())).isEmpty();
        assertThat(dataRows(TODOS)).isEmpty();
    }

    @Test
    void aClearedReplicaSyncsAfresh() {
        store(s -> {
            s.replica().clear(false, false, List.of());
            return null;
        });

        assertThat(buckets(BucketStore::bucketRequests)).isEmpty();
        assertThat(keyValues(KeyValueStore::syncStates)).isEmpty();
        assertThat(subscriptions(StreamSubscriptionStore::subscriptions)).isEmpty();
        assertThat(publishing(PublishStore::hasPendingUploads)).isFalse();
        assertThat(keyValues((KeyValueStore store) -> store.readLong("k"))).isEmpty();
    }
}
