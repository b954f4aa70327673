package dev.hexsync.testkit.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hexsync.ports.model.Checksum;
import dev.hexsync.ports.model.OpId;
import dev.hexsync.ports.model.OpType;
import dev.hexsync.ports.model.OplogEntry;
import dev.hexsync.ports.storage.sync.BucketStore;
import dev.hexsync.ports.storage.sync.BucketStore.BucketChecksums;
import dev.hexsync.ports.storage.sync.KeyValueStore;
import dev.hexsync.ports.storage.sync.OplogStore;
import dev.hexsync.ports.storage.sync.SyncStorage;
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

        assertThat(rows("SELECT bucket, op_id, key, row_type, row_id, data, hash FROM ps_oplog ORDER BY op_id"))
                .containsExactly(
                        row("bucket", a, "op_id", 1L, "key", "todos/t1/null", "row_type", TODOS, "row_id", "t1",
                                "data", "{\"description\":\"x\"}", "hash", -16L),
                        row("bucket", a, "op_id", 2L, "key", "todos/t2/sub", "row_type", TODOS, "row_id", "t2",
                                "data", "{}", "hash", 5L),
                        row("bucket", a, "op_id", 3L, "key", null, "row_type", null, "row_id", null,
                                "data", null, "hash", 6L));
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
        assertThat(rows("SELECT bucket, row_id FROM ps_oplog ORDER BY op_id"))
                .containsExactly(row("bucket", a, "row_id", "t2"), row("bucket", b, "row_id", "t1"));
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

        assertThat(rows("SELECT count(*) AS n, min(op_id) AS first FROM ps_oplog"))
                .containsExactly(row("n", 10L, "first", 491L));
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

        assertThat(updatedRows()).containsExactly(row("row_type", "other", "row_id", "t1"),
                row("row_type", TODOS, "row_id", "t1"));
    }

    @Test
    void finishDataLineAddsWrappingChecksumsStoredUnsigned() {
        long a = buckets(store -> store.lookupBucket("a")).id();
        oplog(store -> {
            store.finishDataLine(a, new OpId(3), Checksum.of(0xFFFFFFFFL), Checksum.of(2), 3, 100);
            return null;
        });
        assertThat(bucket("a", "last_op, add_checksum, op_checksum, count_since_last, downloaded_size"))
                .isEqualTo(row("last_op", 3L, "add_checksum", 4294967295L, "op_checksum", 2L,
                        "count_since_last", 3L, "downloaded_size", 100L));

        oplog(store -> {
            store.finishDataLine(a, new OpId(4), Checksum.of(2), Checksum.of(0xFFFFFFFFL), 1, 50);
            return null;
        });
        assertThat(bucket("a", "last_op, add_checksum, op_checksum, count_since_last, downloaded_size"))
                .isEqualTo(row("last_op", 4L, "add_checksum", 1L, "op_checksum", 1L, "count_since_last", 4L,
                        "downloaded_size", 150L));
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

        assertThat(bucket("a", "last_applied_op, last_op, add_checksum, op_checksum")).as("CLEAR stores its"
                + " checksum as the engine binds it, signed").isEqualTo(row("last_applied_op", 0L, "last_op", 2L,
                "add_checksum", -2L, "op_checksum", 0L));
        assertThat(rows("SELECT bucket FROM ps_oplog")).containsExactly(row("bucket", b));
        assertThat(updatedRows()).containsExactly(row("row_type", TODOS, "row_id", "t1"),
                row("row_type", TODOS, "row_id", "t2"));
        assertThat(buckets(store -> store.checksums(List.of("a"))).get("a"))
                .isEqualTo(new BucketChecksums(Checksum.of(0xFFFFFFFEL), Checksum.ZERO));

        oplog(store -> {
            store.finishDataLine(a, new OpId(5), Checksum.ZERO, Checksum.ZERO, 1, 0);
            return null;
        });
        assertThat(bucket("a", "add_checksum")).as("the next data line stores the sum unsigned again")
                .isEqualTo(row("add_checksum", 4294967294L));
    }

    @Test
    void aFailedWriteUndoesTheStoresChanges() {
        assertThatThrownBy(() -> session().write(tx -> {
            SyncStorage s = session().syncStorage();
            long a = s.buckets().lookupBucket("a").id();
            s.oplog().insertOp(a, put(1, TODOS, "t1", "{}", 1));
            s.oplog().markUpdated(TODOS, "t1");
            s.keyValues().writeLong("k", 1);
            throw new IllegalStateException("sync event failed");
        })).hasMessage("sync event failed");

        assertThat(rows("SELECT count(*) AS n FROM ps_buckets")).containsExactly(row("n", 0L));
        assertThat(rows("SELECT count(*) AS n FROM ps_oplog")).containsExactly(row("n", 0L));
        assertThat(updatedRows()).isEmpty();
        assertThat(keyValues((KeyValueStore store) -> store.readLong("k"))).isEmpty();
    }
}
