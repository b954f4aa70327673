package dev.hexsync.testkit.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.hexsync.ports.model.Checksum;
import dev.hexsync.ports.model.OpId;
import dev.hexsync.ports.model.OpType;
import dev.hexsync.ports.model.OplogEntry;
import dev.hexsync.ports.storage.sync.BucketStore;
import dev.hexsync.ports.storage.sync.BucketStore.BucketChecksums;
import dev.hexsync.ports.storage.sync.KeyValueStore;
import dev.hexsync.ports.storage.sync.OplogStore;
import dev.hexsync.testkit.storage.InMemorySyncStorage.BucketRow;
import dev.hexsync.testkit.storage.InMemorySyncStorage.OplogRow;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link OplogStore}, as a test kit: the oplog and the rows queued for re-evaluation: storing
 * PUTs, superseding them, CLEAR, a data line's effect on its bucket, and many of these in one transaction that
 * rolls back whole. Every storage engine extends this class, names itself and where its file databases live, and
 * inherits every test.
 *
 * <pre>{@code
 * class MyOplogStoreContractTest extends OplogStoreContractTest {
 *     protected StorageEngine engine() { return new MyStorageEngine(); }
 *     protected DatabaseLocation newFileLocation(Path tempDir) { return DatabaseLocation.file(tempDir.resolve("db")); }
 * }
 * }</pre>
 *
 * <p>See {@link SyncStorageContract} for how effects are observed.
 */
public abstract class OplogStoreContractTest extends SyncStorageContract {

    @Test
    void insertOpStoresThePutWithItsKeyAndSignedHash() {
        long a = buckets(store -> store.lookupBucket("a")).id();
        oplog(store -> {
            store.insertOp(a, put(1, TODOS, "t1", "{\"description\":\"x\"}", 0xFFFFFFF0L));
            store.insertOp(a, new OplogEntry(new OpId(2), OpType.PUT, TODOS, "t2", "sub", "{}", Checksum.of(5)));
            store.insertOp(a, new OplogEntry(new OpId(3), OpType.PUT, null, null, null, null, Checksum.of(6)));
            return null;
        });

        assertThat(stored().oplog()).containsExactly(
                new OplogRow(a, 1, "todos/t1/null", TODOS, "t1", "{\"description\":\"x\"}", -16),
                new OplogRow(a, 2, "todos/t2/sub", TODOS, "t2", "{}", 5),
                new OplogRow(a, 3, null, null, null, null, 6));
    }

    @Test
    void supersedeReturnsTheChecksumsOfTheDeletedOps() {
        long a = buckets(store -> store.lookupBucket("a")).id();
        long b = buckets(store -> store.lookupBucket("b")).id();
        oplog(store -> {
            store.insertOp(a, put(1, TODOS, "t1", "{}", 0xFFFFFFF0L));
            store.insertOp(a, put(2, TODOS, "t2", "{}", 2));
            store.insertOp(b, put(3, TODOS, "t1", "{}", 3));
            return null;
        });

        assertThat(oplog((OplogStore store) -> store.supersede(a, "todos/t1/null")))
                .containsExactly(Checksum.of(0xFFFFFFF0L));
        assertThat(oplog((OplogStore store) -> store.supersede(a, "todos/t1/null"))).isEmpty();
        assertThat(oplog((OplogStore store) -> store.supersede(a, "todos/t9/null"))).isEmpty();
        assertThat(stored().oplog()).extracting(OplogRow::bucket, OplogRow::rowId)
                .containsExactly(tuple(a, "t2"), tuple(b, "t1"));
    }

    @Test
    void supersedeOfAKeyThatWasStoredTwiceReturnsBoth() {
        long a = buckets(store -> store.lookupBucket("a")).id();
        oplog(store -> {
            store.insertOp(a, put(1, TODOS, "t1", "{}", 1));
            store.insertOp(a, put(2, TODOS, "t1", "{}", 2));
            return null;
        });

        assertThat(oplog((OplogStore store) -> store.supersede(a, "todos/t1/null")))
                .containsExactlyInAnyOrder(Checksum.of(1), Checksum.of(2));
    }

    @Test
    void theOplogMethodsCanRunManyTimesInOneTransaction() {
        long a = buckets(store -> store.lookupBucket("a")).id();
        oplog(store -> {
            for (int op = 1; op <= 500; op++) {
                String id = "t" + (op % 10);
                store.supersede(a, "todos/" + id + "/null");
                store.insertOp(a, put(op, TODOS, id, "{\"n\":" + op + "}", op));
                store.markUpdated(TODOS, id);
            }
            store.finishDataLine(a, new OpId(500), Checksum.ZERO, Checksum.ZERO, 500, 0);
            return null;
        });

        assertThat(stored().oplog()).hasSize(10);
        assertThat(stored().oplog().stream().mapToLong(OplogRow::opId).min()).hasValue(491);
        assertThat(updatedRows()).hasSize(10);
    }

    @Test
    void markUpdatedQueuesARowOnce() {
        oplog(store -> {
            store.markUpdated(TODOS, "t1");
            store.markUpdated(TODOS, "t1");
            store.markUpdated("other", "t1");
            return null;
        });

        assertThat(updatedRows()).containsExactly(key("other", "t1"), key(TODOS, "t1"));
    }

    @Test
    void finishDataLineAddsWrappingChecksumsStoredUnsigned() {
        long a = buckets(store -> store.lookupBucket("a")).id();
        oplog(store -> {
            store.finishDataLine(a, new OpId(3), Checksum.of(0xFFFFFFFFL), Checksum.of(2), 3, 100);
            return null;
        });
        assertThat(bucket("a")).extracting(BucketRow::lastOp, BucketRow::addChecksum, BucketRow::opChecksum,
                BucketRow::countSinceLast, BucketRow::downloadedSize).containsExactly(3L, 4294967295L, 2L, 3L, 100L);

        oplog(store -> {
            store.finishDataLine(a, new OpId(4), Checksum.of(2), Checksum.of(0xFFFFFFFFL), 1, 50);
            return null;
        });
        assertThat(bucket("a")).extracting(BucketRow::lastOp, BucketRow::addChecksum, BucketRow::opChecksum,
                BucketRow::countSinceLast, BucketRow::downloadedSize).containsExactly(4L, 1L, 1L, 4L, 150L);
        assertThat(buckets((BucketStore store) -> store.checksums(List.of("a"))))
                .containsExactly(Map.entry("a", new BucketChecksums(Checksum.of(1), Checksum.of(1))));
    }

    @Test
    void clearBucketQueuesItsRowsDropsItsOplogAndResetsIt() {
        long a = buckets(store -> store.lookupBucket("a")).id();
        long b = buckets(store -> store.lookupBucket("b")).id();
        store(s -> {
            s.oplog().insertOp(a, put(1, TODOS, "t1", "{}", 1));
            s.oplog().insertOp(a, put(2, TODOS, "t2", "{}", 2));
            s.oplog().insertOp(b, put(3, TODOS, "t3", "{}", 3));
            s.oplog().finishDataLine(a, new OpId(2), Checksum.of(7), Checksum.of(3), 2, 0);
            s.publishing().publish(Optional.empty(), List.of());
            s.oplog().clearBucket(a, Checksum.of(0xFFFFFFFEL));
            return null;
        });

        assertThat(bucket("a")).as("CLEAR stores its checksum as the engine binds it, signed")
                .extracting(BucketRow::lastAppliedOp, BucketRow::lastOp, BucketRow::addChecksum, BucketRow::opChecksum)
                .containsExactly(0L, 2L, -2L, 0L);
        assertThat(stored().oplog()).extracting(OplogRow::bucket).containsExactly(b);
        assertThat(updatedRows()).containsExactly(key(TODOS, "t1"), key(TODOS, "t2"));
        assertThat(buckets(store -> store.checksums(List.of("a"))).get("a"))
                .isEqualTo(new BucketChecksums(Checksum.of(0xFFFFFFFEL), Checksum.ZERO));

        oplog(store -> {
            store.finishDataLine(a, new OpId(5), Checksum.ZERO, Checksum.ZERO, 1, 0);
            return null;
        });
        assertThat(bucket("a").addChecksum()).as("the next data line stores the sum unsigned again")
                .isEqualTo(4294967294L);
    }

    @Test
    void aFailedWriteUndoesTheStoresChanges() {
        assertThatThrownBy(() -> store(s -> {
            long a = s.buckets().lookupBucket("a").id();
            s.oplog().insertOp(a, put(1, TODOS, "t1", "{}", 1));
            s.oplog().markUpdated(TODOS, "t1");
            s.keyValues().writeLong("k", 1);
            throw new IllegalStateException("sync event failed");
        })).hasMessage("sync event failed");

        assertThat(stored().buckets()).isEmpty();
        assertThat(stored().oplog()).isEmpty();
        assertThat(updatedRows()).isEmpty();
        assertThat(keyValues((KeyValueStore store) -> store.readLong("k"))).isEmpty();
    }
}
