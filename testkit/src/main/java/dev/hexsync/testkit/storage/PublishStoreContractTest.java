package dev.hexsync.testkit.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import dev.hexsync.ports.model.Checksum;
import dev.hexsync.ports.model.OpId;
import dev.hexsync.ports.schema.Schema;
import dev.hexsync.ports.schema.Table;
import dev.hexsync.ports.storage.sync.PublishStore;
import dev.hexsync.testkit.storage.InMemorySyncStorage.BucketRow;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link PublishStore}, as a test kit: publishing into the application's tables: full and
 * partial, winners across buckets, deletions of rows with no PUT left, {@code ps_untyped}, the upload queue's
 * gate. Every storage engine extends this class, names itself and where its file databases live, and inherits
 * every test.
 *
 * <pre>{@code
 * class MyPublishStoreContractTest extends PublishStoreContractTest {
 *     protected StorageEngine engine() { return new MyStorageEngine(); }
 *     protected DatabaseLocation newFileLocation(Path tempDir) { return DatabaseLocation.file(tempDir.resolve("db")); }
 * }
 * }</pre>
 *
 * <p>See {@link SyncStorageContract} for how effects are observed.
 */
public abstract class PublishStoreContractTest extends SyncStorageContract {

    @Test
    void hasPendingUploadsWhenTheUploadQueueHoldsAnEntry() {
        assertThat(publishing(PublishStore::hasPendingUploads)).isFalse();

        fixture().insertLocally(TODOS, "l1", "description", "local");

        assertThat(publishing(PublishStore::hasPendingUploads)).isTrue();
    }

    @Test
    void fullPublishWritesTheNewestPutOfEachRowAcrossBuckets() {
        long a = buckets(store -> store.lookupBucket("a")).id();
        long b = buckets(store -> store.lookupBucket("b")).id();
        store(s -> {
            s.oplog().insertOp(a, put(1, TODOS, "t1", "{\"description\":\"from a\"}", 1));
            s.oplog().insertOp(b, put(5, TODOS, "t1", "{\"description\":\"from b\"}", 5));
            s.oplog().insertOp(a, put(2, TODOS, "t2", "{\"description\":\"only a\"}", 2));
            s.oplog().finishDataLine(a, new OpId(2), Checksum.ZERO, Checksum.ZERO, 2, 0);
            s.oplog().finishDataLine(b, new OpId(5), Checksum.ZERO, Checksum.ZERO, 1, 0);
            s.publishing().publish(Optional.empty(), List.of());
            return null;
        });

        assertThat(dataRows(TODOS)).containsExactly(entry("t1", "{\"description\":\"from b\"}"),
                entry("t2", "{\"description\":\"only a\"}"));
        assertThat(stored().buckets()).extracting(BucketRow::name, BucketRow::lastAppliedOp)
                .containsExactly(tuple("a", 2L), tuple("b", 5L));
    }

    @Test
    void fullPublishDeletesQueuedRowsThatHaveNoPutLeft() {
        long a = buckets(store -> store.lookupBucket("a")).id();
        for (String id : List.of("gone", "kept", "untouched")) {
            fixture().putSyncedRow(TODOS, id, "{}");
        }
        fixture().putUntyped("things", "gone", "{}");
        store(s -> {
            s.oplog().insertOp(a, put(1, TODOS, "kept", "{\"description\":\"server\"}", 1));
            s.oplog().finishDataLine(a, new OpId(1), Checksum.ZERO, Checksum.ZERO, 1, 0);
            s.oplog().markUpdated(TODOS, "gone");
            s.oplog().markUpdated(TODOS, "kept");
            s.oplog().markUpdated("things", "gone");
            s.publishing().publish(Optional.empty(), List.of());
            return null;
        });

        assertThat(dataRows(TODOS)).containsExactly(entry("kept", "{\"description\":\"server\"}"),
                entry("untouched", "{}"));
        assertThat(untyped()).isEmpty();
        assertThat(updatedRows()).isEmpty();
    }

    @Test
    void fullPublishRevertsAQueuedLocalEditToTheServerState() {
        long a = buckets(store -> store.lookupBucket("a")).id();
        store(s -> {
            s.oplog().insertOp(a, put(1, TODOS, "t1", "{\"description\":\"server\"}", 1));
            s.oplog().finishDataLine(a, new OpId(1), Checksum.ZERO, Checksum.ZERO, 1, 0);
            s.publishing().publish(Optional.empty(), List.of());
            return null;
        });
        fixture().putSyncedRow(TODOS, "t1", "{\"description\":\"edited\"}");

        publishing(store -> {
            store.publish(Optional.empty(), List.of());
            return null;
        });
        assertThat(dataRows(TODOS)).as("applied ops are no candidates").containsExactly(
                entry("t1", "{\"description\":\"edited\"}"));

        store(s -> {
            s.oplog().markUpdated(TODOS, "t1");
            s.publishing().publish(Optional.empty(), List.of());
            return null;
        });
        assertThat(dataRows(TODOS)).containsExactly(entry("t1", "{\"description\":\"server\"}"));
    }

    @Test
    void rowsOfATypeWithoutATableGoToUntyped() {
        long a = buckets(store -> store.lookupBucket("a")).id();
        store(s -> {
            s.oplog().insertOp(a, put(1, "things", "x1", "{\"n\":1}", 1));
            s.oplog().insertOp(a, put(2, "Todos", "x2", "{\"n\":2}", 2));
            s.oplog().finishDataLine(a, new OpId(2), Checksum.ZERO, Checksum.ZERO, 2, 0);
            s.publishing().publish(Optional.empty(), List.of());
            return null;
        });

        assertThat(untyped()).as("types match table names exactly, case included").containsExactly(
                entry(key("Todos", "x2"), "{\"n\":2}"), entry(key("things", "x1"), "{\"n\":1}"));
        assertThat(dataRows(TODOS)).isEmpty();

        store(s -> {
            s.oplog().supersede(a, "things/x1/null");
            s.oplog().markUpdated("things", "x1");
            s.publishing().publish(Optional.empty(), List.of());
            return null;
        });
        assertThat(untyped()).containsExactly(entry(key("Todos", "x2"), "{\"n\":2}"));
    }

    @Test
    void publishedRowsAreVisibleThroughTheApplicationsView() {
        long a = buckets(store -> store.lookupBucket("a")).id();
        store(s -> {
            s.oplog().insertOp(a, put(1, TODOS, "t1", "{\"description\":\"synced\",\"completed\":1}", 1));
            s.oplog().finishDataLine(a, new OpId(1), Checksum.ZERO, Checksum.ZERO, 1, 0);
            s.publishing().publish(Optional.empty(), List.of());
            return null;
        });

        assertThat(stored().viewRows(TODOS, List.of("description", "completed")))
                .containsExactly(row("id", "t1", "description", "synced", "completed", 1L));
        assertThat(stored().uploadQueueSize()).as("publishing is no local write").isZero();
    }

    @Test
    void partialPublishOnlyTouchesTheGivenBucketsAndNeverAppliesRemovals() {
        long a = buckets(store -> store.lookupBucket("a")).id();
        long b = buckets(store -> store.lookupBucket("b")).id();
        fixture().putSyncedRow(TODOS, "removed", "{}");
        store(s -> {
            s.oplog().insertOp(a, put(1, TODOS, "t1", "{\"description\":\"from a\"}", 1));
            s.oplog().insertOp(b, put(5, TODOS, "t1", "{\"description\":\"from b\"}", 5));
            s.oplog().insertOp(b, put(6, TODOS, "t2", "{\"description\":\"only b\"}", 6));
            s.oplog().finishDataLine(a, new OpId(1), Checksum.ZERO, Checksum.ZERO, 1, 0);
            s.oplog().finishDataLine(b, new OpId(6), Checksum.ZERO, Checksum.ZERO, 2, 0);
            s.oplog().markUpdated(TODOS, "removed");
            s.publishing().publish(Optional.of(List.of("a")), List.of());
            return null;
        });

        assertThat(dataRows(TODOS)).as("the winner is chosen among the given buckets only").containsExactly(
                entry("removed", "{}"), entry("t1", "{\"description\":\"from a\"}"));
        assertThat(updatedRows()).containsExactly(key(TODOS, "removed"));
        assertThat(stored().buckets()).extracting(BucketRow::name, BucketRow::lastAppliedOp)
                .containsExactly(tuple("a", 1L), tuple("b", 0L));

        publishing(store -> {
            store.publish(Optional.empty(), List.of());
            return null;
        });
        assertThat(dataRows(TODOS)).containsExactly(entry("t1", "{\"description\":\"from b\"}"),
                entry("t2", "{\"description\":\"only b\"}"));
        assertThat(updatedRows()).isEmpty();
    }

    @Test
    void partialPublishOfNoBucketsChangesNothing() {
        long a = buckets(store -> store.lookupBucket("a")).id();
        store(s -> {
            s.oplog().insertOp(a, put(1, TODOS, "t1", "{}", 1));
            s.oplog().finishDataLine(a, new OpId(1), Checksum.ZERO, Checksum.ZERO, 1, 0);
            s.publishing().publish(Optional.of(List.of()), List.of());
            return null;
        });

        assertThat(dataRows(TODOS)).isEmpty();
        assertThat(bucket("a").lastAppliedOp()).isZero();
    }

    @Test
    void publishingWorksAfterTheSchemaChanged() {
        long a = buckets(store -> store.lookupBucket("a")).id();
        store(s -> {
            s.oplog().insertOp(a, put(1, "lists", "l1", "{\"name\":\"first\"}", 1));
            s.oplog().finishDataLine(a, new OpId(1), Checksum.ZERO, Checksum.ZERO, 1, 0);
            s.publishing().publish(Optional.empty(), List.of());
            return null;
        });
        assertThat(untyped()).hasSize(1);

        fixture().applySchema(Schema.of(Table.builder("lists").text("name").build()));
        store(s -> {
            s.oplog().insertOp(a, put(2, "lists", "l2", "{\"name\":\"second\"}", 2));
            s.oplog().finishDataLine(a, new OpId(2), Checksum.ZERO, Checksum.ZERO, 1, 0);
            s.publishing().publish(Optional.empty(), List.of());
            return null;
        });

        assertThat(dataRows("lists")).containsKey("l2");
    }
}
