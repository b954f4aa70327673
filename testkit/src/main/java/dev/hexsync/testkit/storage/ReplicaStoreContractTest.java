package dev.hexsync.testkit.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hexsync.ports.model.Checksum;
import dev.hexsync.ports.model.OpId;
import dev.hexsync.ports.schema.Schema;
import dev.hexsync.ports.schema.Table;
import dev.hexsync.ports.storage.sync.BucketStore;
import dev.hexsync.ports.storage.sync.KeyValueStore;
import dev.hexsync.ports.storage.sync.PublishStore;
import dev.hexsync.ports.storage.sync.ReplicaStore;
import dev.hexsync.ports.storage.sync.StreamSubscriptionStore;
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
        session().applySchema(new Schema(List.of(todoSchema().tables().get(0),
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
        execute("INSERT INTO todos(id, description) VALUES ('l1', 'local')");
        execute("INSERT INTO settings(id, value) VALUES ('theme', 'dark')");
    }

    @Test
    void hardClearEmptiesTheReplicaButKeepsTheClientId() {
        store(s -> {
            s.replica().clear(false, false, List.of());
            return null;
        });

        for (String table : List.of("ps_buckets", "ps_oplog", "ps_crud", "ps_untyped", "ps_updated_rows",
                "ps_stream_subscriptions", "ps_sync_state", "ps_data__todos")) {
            assertThat(rows("SELECT count(*) AS n FROM " + table)).as(table).containsExactly(row("n", 0L));
        }
        assertThat(rows("SELECT key, value FROM ps_kv")).containsExactly(row("key", "client_id", "value", clientId));
        assertThat(keyValues(KeyValueStore::clientId)).isEqualTo(clientId);
        assertThat(rows("SELECT id FROM settings")).as("local-only rows stay").containsExactly(row("id", "theme"));
    }

    @Test
    void softClearKeepsBucketsAndOplogToPublishAgain() {
        store(s -> {
            s.replica().clear(false, true, List.of());
            return null;
        });

        assertThat(rows("SELECT name, last_applied_op, last_op FROM ps_buckets"))
                .containsExactly(row("name", "a", "last_applied_op", 0L, "last_op", 2L));
        assertThat(rows("SELECT count(*) AS n FROM ps_oplog")).containsExactly(row("n", 2L));
        assertThat(dataRows(TODOS)).isEmpty();
        assertThat(untyped()).isEmpty();
        assertThat(rows("SELECT count(*) AS n FROM ps_crud")).containsExactly(row("n", 0L));

        store(s -> {
            s.publishing().publish(Optional.empty(), List.of());
            return null;
        });
        assertThat(dataRows(TODOS)).as("the kept oplog publishes again")
                .containsExactly(row("id", "t1", "data", "{\"description\":\"synced\"}"));
        assertThat(untyped()).containsExactly(row("type", "things", "id", "x1", "data", "{}"));
    }

    @Test
    void clearingLocalTablesToo() {
        store(s -> {
            s.replica().clear(true, false, List.of());
            return null;
        });

        assertThat(rows("SELECT count(*) AS n FROM settings")).containsExactly(row("n", 0L));
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
