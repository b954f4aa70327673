package dev.hexsync.testkit.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.hexsync.ports.model.Checksum;
import dev.hexsync.ports.model.OpId;
import dev.hexsync.ports.storage.sync.BucketStore;
import dev.hexsync.ports.storage.sync.BucketStore.BucketChecksums;
import dev.hexsync.ports.storage.sync.BucketStore.BucketHandle;
import dev.hexsync.ports.storage.sync.BucketStore.BucketProgress;
import dev.hexsync.ports.storage.sync.BucketStore.BucketRequest;
import dev.hexsync.testkit.storage.InMemorySyncStorage.BucketRow;
import dev.hexsync.testkit.storage.InMemorySyncStorage.OplogRow;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link BucketStore}, as a test kit: bucket rows: creation, requests, deletion (queuing their
 * rows), progress counters, {@code last_op} and checksum sums. Every storage engine extends this class, names
 * itself and where its file databases live, and inherits every test.
 *
 * <pre>{@code
 * class MyBucketStoreContractTest extends BucketStoreContractTest {
 *     protected StorageEngine engine() { return new MyStorageEngine(); }
 *     protected DatabaseLocation newFileLocation(Path tempDir) { return DatabaseLocation.file(tempDir.resolve("db")); }
 * }
 * }</pre>
 *
 * <p>See {@link SyncStorageContract} for how effects are observed.
 */
public abstract class BucketStoreContractTest extends SyncStorageContract {

    @Test
    void lookupBucketCreatesThenReturnsTheSameBucket() {
        BucketHandle created = buckets(store -> store.lookupBucket("a"));
        BucketHandle again = buckets(store -> store.lookupBucket("a"));
        BucketHandle other = buckets(store -> store.lookupBucket("b"));

        assertThat(again).isEqualTo(created);
        assertThat(created.lastAppliedOp()).isEqualTo(new OpId(0));
        assertThat(other.id()).isNotEqualTo(created.id());
        assertThat(bucket("a")).isEqualTo(new BucketRow(created.id(), "a", 0, 0, 0, 0, false, 0, 0, 0));
    }

    @Test
    void lookupBucketReportsHowFarTheBucketWasPublishedAndItsLastOp() {
        BucketHandle fresh = buckets(store -> store.lookupBucket("a"));
        assertThat(fresh.lastOp()).as("no op received yet").isEqualTo(new OpId(0));
        long a = fresh.id();
        store(s -> {
            s.oplog().insertOp(a, put(7, TODOS, "t1", "{\"description\":\"x\"}", 1));
            s.oplog().finishDataLine(a, new OpId(7), Checksum.ZERO, Checksum.of(1), 1, 10);
            s.publishing().publish(Optional.empty(), List.of());
            return null;
        });

        assertThat(buckets((BucketStore store) -> store.lookupBucket("a")))
                .isEqualTo(new BucketHandle(a, new OpId(7), new OpId(7)));
    }

    @Test
    void bucketRequestsListBucketsNotPendingDeletionWithTheirLastOp() {
        buckets(store -> {
            store.lookupBucket("a");
            store.lookupBucket("b");
            store.lookupBucket("gone");
            store.setLastOp(List.of("a"), new OpId(42));
            return null;
        });
        fixture().markPendingDelete("gone");

        assertThat(buckets(BucketStore::bucketRequests))
                .containsExactly(new BucketRequest("a", new OpId(42)), new BucketRequest("b", new OpId(0)));
    }

    @Test
    void setLastOpTouchesOnlyTheNamedBuckets() {
        buckets(store -> {
            store.lookupBucket("a");
            store.lookupBucket("b");
            store.lookupBucket("c");
            store.setLastOp(List.of("a", "c", "missing"), new OpId(9));
            return null;
        });

        assertThat(stored().buckets()).extracting(BucketRow::name, BucketRow::lastOp).containsExactly(
                tuple("a", 9L), tuple("b", 0L), tuple("c", 9L));
    }

    @Test
    void deleteBucketsQueuesTheirRowsAndRemovesTheirOplog() {
        long a = buckets(store -> store.lookupBucket("a")).id();
        long b = buckets(store -> store.lookupBucket("b")).id();
        store(s -> {
            s.oplog().insertOp(a, put(1, TODOS, "t1", "{}", 1));
            s.oplog().insertOp(a, put(2, TODOS, "t2", "{}", 2));
            s.oplog().insertOp(b, put(3, TODOS, "t3", "{}", 3));
            s.buckets().deleteBuckets(List.of("a", "never existed"));
            return null;
        });

        assertThat(stored().buckets()).extracting(BucketRow::name).containsExactly("b");
        assertThat(stored().oplog()).extracting(OplogRow::bucket, OplogRow::rowId).containsExactly(tuple(b, "t3"));
        assertThat(updatedRows()).containsExactly(key(TODOS, "t1"), key(TODOS, "t2"));
        assertThat(buckets(store -> store.lookupBucket("a")).id()).as("a deleted bucket comes back empty")
                .isNotEqualTo(b);
    }

    @Test
    void progressCountersAreKeptPerBucket() {
        long a = buckets(store -> store.lookupBucket("a")).id();
        store(s -> {
            s.buckets().lookupBucket("b");
            s.oplog().finishDataLine(a, new OpId(3), Checksum.ZERO, Checksum.ZERO, 3, 0);
            return null;
        });
        assertThat(buckets(BucketStore::bucketProgress))
                .containsExactlyInAnyOrder(new BucketProgress("a", 0, 3), new BucketProgress("b", 0, 0));

        buckets(store -> {
            store.resetProgressAfterSync(Map.of("a", 10L, "missing", 5L));
            return null;
        });
        assertThat(buckets(BucketStore::bucketProgress))
                .containsExactlyInAnyOrder(new BucketProgress("a", 10, 0), new BucketProgress("b", 0, 0));

        store(s -> {
            s.oplog().finishDataLine(a, new OpId(4), Checksum.ZERO, Checksum.ZERO, 2, 0);
            s.buckets().resetProgress();
            return null;
        });
        assertThat(buckets(BucketStore::bucketProgress))
                .containsExactlyInAnyOrder(new BucketProgress("a", 0, 0), new BucketProgress("b", 0, 0));
    }

    @Test
    void checksumsListOnlyExistingBuckets() {
        long a = buckets(store -> store.lookupBucket("a")).id();
        oplog(store -> {
            store.finishDataLine(a, new OpId(1), Checksum.of(10), Checksum.of(20), 1, 0);
            return null;
        });

        Map<String, BucketChecksums> checksums = buckets(store -> store.checksums(List.of("missing", "a")));

        assertThat(checksums).containsOnlyKeys("a");
        assertThat(checksums.get("a").total()).isEqualTo(Checksum.of(30));
        assertThat(buckets((BucketStore store) -> store.checksums(List.of()))).isEmpty();
    }
}
