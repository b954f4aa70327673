package dev.hexsync.testkit.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.hexsync.ports.model.Checksum;
import dev.hexsync.ports.model.OpId;
import dev.hexsync.ports.model.OpType;
import dev.hexsync.ports.model.OplogEntry;
import dev.hexsync.ports.schema.Schema;
import dev.hexsync.ports.schema.Table;
import dev.hexsync.ports.storage.DatabaseLocation;
import dev.hexsync.ports.storage.SqlSession;
import dev.hexsync.ports.storage.StorageEngine;
import dev.hexsync.ports.storage.StorageOptions;
import dev.hexsync.ports.storage.SyncStore;
import dev.hexsync.ports.storage.SyncStore.BucketChecksums;
import dev.hexsync.ports.storage.SyncStore.BucketHandle;
import dev.hexsync.ports.storage.SyncStore.BucketProgress;
import dev.hexsync.ports.storage.SyncStore.BucketRequest;
import dev.hexsync.ports.storage.SyncStore.StreamSubscription;
import java.nio.file.Path;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract of {@link SyncStore}, as a test kit: every storage engine extends this class, names itself and
 * where its file databases live, and inherits every test.
 *
 * <pre>{@code
 * class MySyncStoreContractTest extends SyncStoreContractTest {
 *     protected StorageEngine engine() { return new MyStorageEngine(); }
 *     protected DatabaseLocation newFileLocation(Path tempDir) { return DatabaseLocation.file(tempDir.resolve("db")); }
 * }
 * }</pre>
 *
 * <p>The store is driven through the port only. Its effects are observed in the PowerSync layout
 * ({@code ps_buckets}, {@code ps_oplog}, {@code ps_updated_rows}, {@code ps_data__<type>}, ...), because every
 * store keeps that layout and the SQLite one is compared row by row with the PowerSync engine; the expected
 * values (unsigned checksum sums, signed op hashes, the signed CLEAR checksum) are the engine's. All of that
 * SQL goes through {@link #rows} and {@link #execute}, which a store with another SQL dialect overrides.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class SyncStoreContractTest {
    private static final String TODOS = "todos";

    /** Fresh per test; the database file lives in it. */
    @TempDir
    protected Path tempDir;

    private SqlSession session;

    /** The engine under test. */
    protected abstract StorageEngine engine();

    /** Where to create a file database inside {@code tempDir}; called once per test, the database must not exist yet. */
    protected abstract DatabaseLocation newFileLocation(Path tempDir);

    /** The options every session of the contract is opened with. */
    protected StorageOptions options() {
        return StorageOptions.DEFAULT;
    }

    /** The application schema the tests publish into: one synced table, {@code todos}. */
    protected static Schema todoSchema() {
        return Schema.of(Table.builder(TODOS).text("description").integer("completed").build());
    }

    @BeforeEach
    void openSession() {
        session = engine().open(newFileLocation(tempDir), options());
        session.applySchema(todoSchema());
    }

    @AfterEach
    void closeSession() {
        if (session != null) {
            session.close();
        }
    }

    // ---- buckets ----

    @Test
    void lookupBucketCreatesThenReturnsTheSameBucket() {
        BucketHandle created = store(s -> s.lookupBucket("a"));
        BucketHandle again = store(s -> s.lookupBucket("a"));
        BucketHandle other = store(s -> s.lookupBucket("b"));

        assertThat(again).isEqualTo(created);
        assertThat(created.lastAppliedOp()).isEqualTo(new OpId(0));
        assertThat(other.id()).isNotEqualTo(created.id());
        assertThat(rows("SELECT id, name, last_applied_op, last_op, add_checksum, op_checksum, pending_delete,"
                + " count_at_last, count_since_last, downloaded_size FROM ps_buckets WHERE name = ?", "a"))
                .containsExactly(row("id", created.id(), "name", "a", "last_applied_op", 0L, "last_op", 0L,
                        "add_checksum", 0L, "op_checksum", 0L, "pending_delete", 0L, "count_at_last", 0L,
                        "count_since_last", 0L, "downloaded_size", 0L));
    }

    @Test
    void lookupBucketReportsHowFarTheBucketWasPublishedAndItsLastOp() {
        SyncStore.BucketHandle fresh = store(s -> s.lookupBucket("a"));
        assertThat(fresh.lastOp()).as("no op received yet").isEqualTo(new OpId(0));
        long a = fresh.id();
        store(s -> {
            s.insertOp(a, put(7, TODOS, "t1", "{\"description\":\"x\"}", 1));
            s.finishDataLine(a, new OpId(7), Checksum.ZERO, Checksum.of(1), 1, 10);
            s.publish(Optional.empty(), List.of());
            return null;
        });

        assertThat(store((SyncStore s) -> s.lookupBucket("a"))).isEqualTo(new BucketHandle(a, new OpId(7), new OpId(7)));
    }

    @Test
    void bucketRequestsListBucketsNotPendingDeletionWithTheirLastOp() {
        store(s -> {
            s.lookupBucket("a");
            s.lookupBucket("b");
            s.lookupBucket("gone");
            s.setLastOp(List.of("a"), new OpId(42));
            return null;
        });
        execute("UPDATE ps_buckets SET pending_delete = 1 WHERE name = ?", "gone");

        assertThat(store(SyncStore::bucketRequests))
                .containsExactly(new BucketRequest("a", new OpId(42)), new BucketRequest("b", new OpId(0)));
    }

    @Test
    void setLastOpTouchesOnlyTheNamedBuckets() {
        store(s -> {
            s.lookupBucket("a");
            s.lookupBucket("b");
            s.lookupBucket("c");
            s.setLastOp(List.of("a", "c", "missing"), new OpId(9));
            return null;
        });

        assertThat(rows("SELECT name, last_op FROM ps_buckets ORDER BY name")).containsExactly(
                row("name", "a", "last_op", 9L), row("name", "b", "last_op", 0L), row("name", "c", "last_op", 9L));
    }

    @Test
    void deleteBucketsQueuesTheirRowsAndRemovesTheirOplog() {
        long a = store(s -> s.lookupBucket("a")).id();
        long b = store(s -> s.lookupBucket("b")).id();
        store(s -> {
            s.insertOp(a, put(1, TODOS, "t1", "{}", 1));
            s.insertOp(a, put(2, TODOS, "t2", "{}", 2));
            s.insertOp(b, put(3, TODOS, "t3", "{}", 3));
            s.deleteBuckets(List.of("a", "never existed"));
            return null;
        });

        assertThat(rows("SELECT name FROM ps_buckets")).containsExactly(row("name", "b"));
        assertThat(rows("SELECT bucket, row_id FROM ps_oplog")).containsExactly(row("bucket", b, "row_id", "t3"));
        assertThat(updatedRows()).containsExactly(row("row_type", TODOS, "row_id", "t1"),
                row("row_type", TODOS, "row_id", "t2"));
        assertThat(store(s -> s.lookupBucket("a")).id()).as("a deleted bucket comes back empty").isNotEqualTo(b);
    }

    @Test
    void progressCountersAreKeptPerBucket() {
        long a = store(s -> s.lookupBucket("a")).id();
        store(s -> {
            s.lookupBucket("b");
            s.finishDataLine(a, new OpId(3), Checksum.ZERO, Checksum.ZERO, 3, 0);
            return null;
        });
        assertThat(store(SyncStore::bucketProgress))
                .containsExactlyInAnyOrder(new BucketProgress("a", 0, 3), new BucketProgress("b", 0, 0));

        store(s -> {
            s.resetProgressAfterSync(Map.of("a", 10L, "missing", 5L));
            return null;
        });
        assertThat(store(SyncStore::bucketProgress))
                .containsExactlyInAnyOrder(new BucketProgress("a", 10, 0), new BucketProgress("b", 0, 0));

        store(s -> {
            s.finishDataLine(a, new OpId(4), Checksum.ZERO, Checksum.ZERO, 2, 0);
            s.resetProgress();
            return null;
        });
        assertThat(store(SyncStore::bucketProgress))
                .containsExactlyInAnyOrder(new BucketProgress("a", 0, 0), new BucketProgress("b", 0, 0));
    }

    // ---- oplog ----

    @Test
    void insertOpStoresThePutWithItsKeyAndSignedHash() {
        long a = store(s -> s.lookupBucket("a")).id();
        store(s -> {
            s.insertOp(a, put(1, TODOS, "t1", "{\"description\":\"x\"}", 0xFFFFFFF0L));
            s.insertOp(a, new OplogEntry(new OpId(2), OpType.PUT, TODOS, "t2", "sub", "{}", Checksum.of(5)));
            s.insertOp(a, new OplogEntry(new OpId(3), OpType.PUT, null, null, null, null, Checksum.of(6)));
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
        long a = store(s -> s.lookupBucket("a")).id();
        long b = store(s -> s.lookupBucket("b")).id();
        store(s -> {
            s.insertOp(a, put(1, TODOS, "t1", "{}", 0xFFFFFFF0L));
            s.insertOp(a, put(2, TODOS, "t2", "{}", 2));
            s.insertOp(b, put(3, TODOS, "t1", "{}", 3));
            return null;
        });

        assertThat(store((SyncStore s) -> s.supersede(a, "todos/t1/null"))).containsExactly(Checksum.of(0xFFFFFFF0L));
        assertThat(store((SyncStore s) -> s.supersede(a, "todos/t1/null"))).isEmpty();
        assertThat(store((SyncStore s) -> s.supersede(a, "todos/t9/null"))).isEmpty();
        assertThat(rows("SELECT bucket, row_id FROM ps_oplog ORDER BY op_id"))
                .containsExactly(row("bucket", a, "row_id", "t2"), row("bucket", b, "row_id", "t1"));
    }

    @Test
    void supersedeOfAKeyThatWasStoredTwiceReturnsBoth() {
        long a = store(s -> s.lookupBucket("a")).id();
        store(s -> {
            s.insertOp(a, put(1, TODOS, "t1", "{}", 1));
            s.insertOp(a, put(2, TODOS, "t1", "{}", 2));
            return null;
        });

        assertThat(store((SyncStore s) -> s.supersede(a, "todos/t1/null")))
                .containsExactlyInAnyOrder(Checksum.of(1), Checksum.of(2));
    }

    @Test
    void theOplogMethodsCanRunManyTimesInOneTransaction() {
        long a = store(s -> s.lookupBucket("a")).id();
        store(s -> {
            for (int op = 1; op <= 500; op++) {
                String id = "t" + (op % 10);
                s.supersede(a, "todos/" + id + "/null");
                s.insertOp(a, put(op, TODOS, id, "{\"n\":" + op + "}", op));
                s.markUpdated(TODOS, id);
            }
            s.finishDataLine(a, new OpId(500), Checksum.ZERO, Checksum.ZERO, 500, 0);
            return null;
        });

        assertThat(rows("SELECT count(*) AS n, min(op_id) AS first FROM ps_oplog"))
                .containsExactly(row("n", 10L, "first", 491L));
        assertThat(updatedRows()).hasSize(10);
    }

    @Test
    void markUpdatedQueuesARowOnce() {
        store(s -> {
            s.markUpdated(TODOS, "t1");
            s.markUpdated(TODOS, "t1");
            s.markUpdated("other", "t1");
            return null;
        });

        assertThat(updatedRows()).containsExactly(row("row_type", "other", "row_id", "t1"),
                row("row_type", TODOS, "row_id", "t1"));
    }

    @Test
    void finishDataLineAddsWrappingChecksumsStoredUnsigned() {
        long a = store(s -> s.lookupBucket("a")).id();
        store(s -> {
            s.finishDataLine(a, new OpId(3), Checksum.of(0xFFFFFFFFL), Checksum.of(2), 3, 100);
            return null;
        });
        assertThat(bucket("a", "last_op, add_checksum, op_checksum, count_since_last, downloaded_size"))
                .isEqualTo(row("last_op", 3L, "add_checksum", 4294967295L, "op_checksum", 2L,
                        "count_since_last", 3L, "downloaded_size", 100L));

        store(s -> {
            s.finishDataLine(a, new OpId(4), Checksum.of(2), Checksum.of(0xFFFFFFFFL), 1, 50);
            return null;
        });
        assertThat(bucket("a", "last_op, add_checksum, op_checksum, count_since_last, downloaded_size"))
                .isEqualTo(row("last_op", 4L, "add_checksum", 1L, "op_checksum", 1L, "count_since_last", 4L,
                        "downloaded_size", 150L));
        assertThat(store((SyncStore s) -> s.checksums(List.of("a"))))
                .containsExactly(Map.entry("a", new BucketChecksums(Checksum.of(1), Checksum.of(1))));
    }

    @Test
    void clearBucketQueuesItsRowsDropsItsOplogAndResetsIt() {
        long a = store(s -> s.lookupBucket("a")).id();
        long b = store(s -> s.lookupBucket("b")).id();
        store(s -> {
            s.insertOp(a, put(1, TODOS, "t1", "{}", 1));
            s.insertOp(a, put(2, TODOS, "t2", "{}", 2));
            s.insertOp(b, put(3, TODOS, "t3", "{}", 3));
            s.finishDataLine(a, new OpId(2), Checksum.of(7), Checksum.of(3), 2, 0);
            s.publish(Optional.empty(), List.of());
            s.clearBucket(a, Checksum.of(0xFFFFFFFEL));
            return null;
        });

        assertThat(bucket("a", "last_applied_op, last_op, add_checksum, op_checksum")).as("CLEAR stores its"
                + " checksum as the engine binds it, signed").isEqualTo(row("last_applied_op", 0L, "last_op", 2L,
                "add_checksum", -2L, "op_checksum", 0L));
        assertThat(rows("SELECT bucket FROM ps_oplog")).containsExactly(row("bucket", b));
        assertThat(updatedRows()).containsExactly(row("row_type", TODOS, "row_id", "t1"),
                row("row_type", TODOS, "row_id", "t2"));
        assertThat(store(s -> s.checksums(List.of("a"))).get("a"))
                .isEqualTo(new BucketChecksums(Checksum.of(0xFFFFFFFEL), Checksum.ZERO));

        store(s -> {
            s.finishDataLine(a, new OpId(5), Checksum.ZERO, Checksum.ZERO, 1, 0);
            return null;
        });
        assertThat(bucket("a", "add_checksum")).as("the next data line stores the sum unsigned again")
                .isEqualTo(row("add_checksum", 4294967294L));
    }

    @Test
    void checksumsListOnlyExistingBuckets() {
        long a = store(s -> s.lookupBucket("a")).id();
        store(s -> {
            s.finishDataLine(a, new OpId(1), Checksum.of(10), Checksum.of(20), 1, 0);
            return null;
        });

        Map<String, BucketChecksums> checksums = store(s -> s.checksums(List.of("missing", "a")));

        assertThat(checksums).containsOnlyKeys("a");
        assertThat(checksums.get("a").total()).isEqualTo(Checksum.of(30));
        assertThat(store((SyncStore s) -> s.checksums(List.of()))).isEmpty();
    }

    // ---- publishing ----

    @Test
    void hasPendingUploadsWhenTheUploadQueueHoldsAnEntry() {
        assertThat(store(SyncStore::hasPendingUploads)).isFalse();

        session.write(tx -> tx.execute("INSERT INTO todos(id, description) VALUES ('l1', 'local')"));

        assertThat(store(SyncStore::hasPendingUploads)).isTrue();
    }

    @Test
    void fullPublishWritesTheNewestPutOfEachRowAcrossBuckets() {
        long a = store(s -> s.lookupBucket("a")).id();
        long b = store(s -> s.lookupBucket("b")).id();
        store(s -> {
            s.insertOp(a, put(1, TODOS, "t1", "{\"description\":\"from a\"}", 1));
            s.insertOp(b, put(5, TODOS, "t1", "{\"description\":\"from b\"}", 5));
            s.insertOp(a, put(2, TODOS, "t2", "{\"description\":\"only a\"}", 2));
            s.finishDataLine(a, new OpId(2), Checksum.ZERO, Checksum.ZERO, 2, 0);
            s.finishDataLine(b, new OpId(5), Checksum.ZERO, Checksum.ZERO, 1, 0);
            s.publish(Optional.empty(), List.of());
            return null;
        });

        assertThat(dataRows(TODOS)).containsExactly(row("id", "t1", "data", "{\"description\":\"from b\"}"),
                row("id", "t2", "data", "{\"description\":\"only a\"}"));
        assertThat(rows("SELECT name, last_applied_op FROM ps_buckets ORDER BY name"))
                .containsExactly(row("name", "a", "last_applied_op", 2L), row("name", "b", "last_applied_op", 5L));
    }

    @Test
    void fullPublishDeletesQueuedRowsThatHaveNoPutLeft() {
        long a = store(s -> s.lookupBucket("a")).id();
        execute("INSERT INTO ps_data__todos(id, data) VALUES ('gone', '{}'), ('kept', '{}'), ('untouched', '{}')");
        execute("INSERT INTO ps_untyped(type, id, data) VALUES ('things', 'gone', '{}')");
        store(s -> {
            s.insertOp(a, put(1, TODOS, "kept", "{\"description\":\"server\"}", 1));
            s.finishDataLine(a, new OpId(1), Checksum.ZERO, Checksum.ZERO, 1, 0);
            s.markUpdated(TODOS, "gone");
            s.markUpdated(TODOS, "kept");
            s.markUpdated("things", "gone");
            s.publish(Optional.empty(), List.of());
            return null;
        });

        assertThat(dataRows(TODOS)).containsExactly(row("id", "kept", "data", "{\"description\":\"server\"}"),
                row("id", "untouched", "data", "{}"));
        assertThat(untyped()).isEmpty();
        assertThat(updatedRows()).isEmpty();
    }

    @Test
    void fullPublishRevertsAQueuedLocalEditToTheServerState() {
        long a = store(s -> s.lookupBucket("a")).id();
        store(s -> {
            s.insertOp(a, put(1, TODOS, "t1", "{\"description\":\"server\"}", 1));
            s.finishDataLine(a, new OpId(1), Checksum.ZERO, Checksum.ZERO, 1, 0);
            s.publish(Optional.empty(), List.of());
            return null;
        });
        execute("UPDATE ps_data__todos SET data = '{\"description\":\"edited\"}' WHERE id = 't1'");

        store(s -> {
            s.publish(Optional.empty(), List.of());
            return null;
        });
        assertThat(dataRows(TODOS)).as("applied ops are no candidates").containsExactly(
                row("id", "t1", "data", "{\"description\":\"edited\"}"));

        store(s -> {
            s.markUpdated(TODOS, "t1");
            s.publish(Optional.empty(), List.of());
            return null;
        });
        assertThat(dataRows(TODOS)).containsExactly(row("id", "t1", "data", "{\"description\":\"server\"}"));
    }

    @Test
    void rowsOfATypeWithoutATableGoToUntyped() {
        long a = store(s -> s.lookupBucket("a")).id();
        store(s -> {
            s.insertOp(a, put(1, "things", "x1", "{\"n\":1}", 1));
            s.insertOp(a, put(2, "Todos", "x2", "{\"n\":2}", 2));
            s.finishDataLine(a, new OpId(2), Checksum.ZERO, Checksum.ZERO, 2, 0);
            s.publish(Optional.empty(), List.of());
            return null;
        });

        assertThat(untyped()).as("types match table names exactly, case included").containsExactly(
                row("type", "Todos", "id", "x2", "data", "{\"n\":2}"),
                row("type", "things", "id", "x1", "data", "{\"n\":1}"));
        assertThat(dataRows(TODOS)).isEmpty();

        store(s -> {
            s.supersede(a, "things/x1/null");
            s.markUpdated("things", "x1");
            s.publish(Optional.empty(), List.of());
            return null;
        });
        assertThat(untyped()).containsExactly(row("type", "Todos", "id", "x2", "data", "{\"n\":2}"));
    }

    @Test
    void publishedRowsAreVisibleThroughTheApplicationsView() {
        long a = store(s -> s.lookupBucket("a")).id();
        store(s -> {
            s.insertOp(a, put(1, TODOS, "t1", "{\"description\":\"synced\",\"completed\":1}", 1));
            s.finishDataLine(a, new OpId(1), Checksum.ZERO, Checksum.ZERO, 1, 0);
            s.publish(Optional.empty(), List.of());
            return null;
        });

        assertThat(rows("SELECT id, description, completed FROM todos"))
                .containsExactly(row("id", "t1", "description", "synced", "completed", 1L));
        assertThat(rows("SELECT count(*) AS n FROM ps_crud")).as("publishing is no local write")
                .containsExactly(row("n", 0L));
    }

    @Test
    void partialPublishOnlyTouchesTheGivenBucketsAndNeverAppliesRemovals() {
        long a = store(s -> s.lookupBucket("a")).id();
        long b = store(s -> s.lookupBucket("b")).id();
        execute("INSERT INTO ps_data__todos(id, data) VALUES ('removed', '{}')");
        store(s -> {
            s.insertOp(a, put(1, TODOS, "t1", "{\"description\":\"from a\"}", 1));
            s.insertOp(b, put(5, TODOS, "t1", "{\"description\":\"from b\"}", 5));
            s.insertOp(b, put(6, TODOS, "t2", "{\"description\":\"only b\"}", 6));
            s.finishDataLine(a, new OpId(1), Checksum.ZERO, Checksum.ZERO, 1, 0);
            s.finishDataLine(b, new OpId(6), Checksum.ZERO, Checksum.ZERO, 2, 0);
            s.markUpdated(TODOS, "removed");
            s.publish(Optional.of(List.of("a")), List.of());
            return null;
        });

        assertThat(dataRows(TODOS)).as("the winner is chosen among the given buckets only").containsExactly(
                row("id", "removed", "data", "{}"), row("id", "t1", "data", "{\"description\":\"from a\"}"));
        assertThat(updatedRows()).containsExactly(row("row_type", TODOS, "row_id", "removed"));
        assertThat(rows("SELECT name, last_applied_op FROM ps_buckets ORDER BY name"))
                .containsExactly(row("name", "a", "last_applied_op", 1L), row("name", "b", "last_applied_op", 0L));

        store(s -> {
            s.publish(Optional.empty(), List.of());
            return null;
        });
        assertThat(dataRows(TODOS)).containsExactly(row("id", "t1", "data", "{\"description\":\"from b\"}"),
                row("id", "t2", "data", "{\"description\":\"only b\"}"));
        assertThat(updatedRows()).isEmpty();
    }

    @Test
    void partialPublishOfNoBucketsChangesNothing() {
        long a = store(s -> s.lookupBucket("a")).id();
        store(s -> {
            s.insertOp(a, put(1, TODOS, "t1", "{}", 1));
            s.finishDataLine(a, new OpId(1), Checksum.ZERO, Checksum.ZERO, 1, 0);
            s.publish(Optional.of(List.of()), List.of());
            return null;
        });

        assertThat(dataRows(TODOS)).isEmpty();
        assertThat(bucket("a", "last_applied_op")).isEqualTo(row("last_applied_op", 0L));
    }

    @Test
    void publishingWorksAfterTheSchemaChanged() {
        long a = store(s -> s.lookupBucket("a")).id();
        store(s -> {
            s.insertOp(a, put(1, "lists", "l1", "{\"name\":\"first\"}", 1));
            s.finishDataLine(a, new OpId(1), Checksum.ZERO, Checksum.ZERO, 1, 0);
            s.publish(Optional.empty(), List.of());
            return null;
        });
        assertThat(untyped()).hasSize(1);

        session.applySchema(Schema.of(Table.builder("lists").text("name").build()));
        store(s -> {
            s.insertOp(a, put(2, "lists", "l2", "{\"name\":\"second\"}", 2));
            s.finishDataLine(a, new OpId(2), Checksum.ZERO, Checksum.ZERO, 1, 0);
            s.publish(Optional.empty(), List.of());
            return null;
        });

        assertThat(dataRows("lists")).extracting(r -> r.get("id")).contains("l2");
    }

    @Test
    void aFailedWriteUndoesTheStoresChanges() {
        assertThatThrownBy(() -> session.write(tx -> {
            SyncStore s = session.syncStore();
            long a = s.lookupBucket("a").id();
            s.insertOp(a, put(1, TODOS, "t1", "{}", 1));
            s.markUpdated(TODOS, "t1");
            s.writeLong("k", 1);
            throw new IllegalStateException("sync event failed");
        })).hasMessage("sync event failed");

        assertThat(rows("SELECT count(*) AS n FROM ps_buckets")).containsExactly(row("n", 0L));
        assertThat(rows("SELECT count(*) AS n FROM ps_oplog")).containsExactly(row("n", 0L));
        assertThat(updatedRows()).isEmpty();
        assertThat(store((SyncStore s) -> s.readLong("k"))).isEmpty();
    }

    @Test
    void markSyncedDropsHigherPriorities() {
        store(s -> {
            s.markSynced(3, 100);
            s.markSynced(1, 200);
            return null;
        });
        assertThat(store(SyncStore::syncStates)).containsExactly(Map.entry(1, 200L), Map.entry(3, 100L));

        store(s -> {
            s.markSynced(2, 300);
            return null;
        });
        assertThat(store(SyncStore::syncStates)).containsExactly(Map.entry(2, 300L), Map.entry(3, 100L));

        store(s -> {
            s.markSynced(Integer.MAX_VALUE, 400);
            return null;
        });
        assertThat(store(SyncStore::syncStates)).containsExactly(Map.entry(Integer.MAX_VALUE, 400L));
        assertThat(rows("SELECT priority, last_synced_at FROM ps_sync_state"))
                .containsExactly(row("priority", 2147483647L, "last_synced_at", 400L));
    }

    // ---- key-values ----

    @Test
    void integerKeyValues() {
        assertThat(store((SyncStore s) -> s.readLong("k"))).isEmpty();

        store(s -> {
            s.writeLong("k", 5);
            return null;
        });
        assertThat(store((SyncStore s) -> s.readLong("k"))).hasValue(5);
        store(s -> {
            s.writeLong("k", Long.MAX_VALUE);
            return null;
        });
        assertThat(store((SyncStore s) -> s.readLong("k"))).hasValue(Long.MAX_VALUE);
        assertThat(rows("SELECT value FROM ps_kv WHERE key = 'k'")).containsExactly(row("value", Long.MAX_VALUE));

        store(s -> {
            s.delete("k");
            s.delete("never set");
            return null;
        });
        assertThat(store((SyncStore s) -> s.readLong("k"))).isEmpty();
    }

    @Test
    void incrementStartsFromZero() {
        assertThat(store((SyncStore s) -> s.increment("counter"))).isEqualTo(1);
        assertThat(store((SyncStore s) -> s.increment("counter"))).isEqualTo(2);
        assertThat(store((SyncStore s) -> s.readLong("counter"))).isEqualTo(OptionalLong.of(2));

        store(s -> {
            s.writeLong("counter", 41);
            return null;
        });
        assertThat(store((SyncStore s) -> s.increment("counter"))).isEqualTo(42);
    }

    @Test
    void clientIdIsTheDatabasesOwn() {
        String stored = (String) rows("SELECT value FROM ps_kv WHERE key = 'client_id'").get(0).get("value");

        assertThat(store(SyncStore::clientId)).isEqualTo(stored).isNotBlank();
    }

    // ---- stream subscriptions ----

    @Test
    void subscribeInsertsAnExplicitSubscription() {
        store(s -> {
            s.subscribe("s", null, null, 60, 1_000_000);
            s.subscribe("s", "{\"a\":1}", 2, 30, 2_000_000);
            return null;
        });

        assertThat(store(SyncStore::subscriptions)).usingRecursiveFieldByFieldElementComparatorIgnoringFields("id")
                .containsExactly(
                        new StreamSubscription(0, "s", false, false, null, null, 60L, 61_000_000L, null),
                        new StreamSubscription(0, "s", false, false, 2, "{\"a\":1}", 30L, 32_000_000L, null));
        assertThat(rows("SELECT local_params FROM ps_stream_subscriptions ORDER BY id"))
                .as("absent parameters are keyed by the JSON text null")
                .containsExactly(row("local_params", "null"), row("local_params", "{\"a\":1}"));
        assertThat(store(SyncStore::subscriptions).get(0).hasExplicitSubscription()).isTrue();
    }

    @Test
    void subscribingAgainReplacesTtlAndOnlyEverLowersThePriorityNumber() {
        String params = "{\"a\":1}";
        store(s -> {
            s.subscribe("s", params, 2, 30, 0);
            s.subscribe("s", params, null, 40, 1_000_000);
            return null;
        });
        assertThat(only(store(SyncStore::subscriptions))).usingRecursiveComparison().ignoringFields("id")
                .isEqualTo(new StreamSubscription(0, "s", false, false, 2, params, 40L, 41_000_000L, null));

        store(s -> {
            s.subscribe("s", params, 1, 40, 0);
            return null;
        });
        assertThat(only(store(SyncStore::subscriptions)).localPriority()).isEqualTo(1);
        store(s -> {
            s.subscribe("s", params, 3, 40, 0);
            return null;
        });
        assertThat(only(store(SyncStore::subscriptions)).localPriority()).isEqualTo(1);

        store(s -> {
            s.subscribe("t", null, null, 10, 0);
            s.subscribe("t", null, 0, 10, 0);
            return null;
        });
        assertThat(store(SyncStore::subscriptions).get(1).localPriority())
                .as("min(coalesce(new, old), old) stays NULL when old is NULL").isNull();
    }

    @Test
    void unsubscribeEndsTheExplicitSubscriptionButKeepsTheRow() {
        store(s -> {
            s.subscribe("s", null, null, 60, 0);
            s.subscribe("s", "{\"a\":1}", null, 60, 0);
            s.unsubscribe("s", null);
            s.unsubscribe("unknown", null);
            return null;
        });

        List<StreamSubscription> all = store(SyncStore::subscriptions);
        assertThat(all).hasSize(2);
        assertThat(all.get(0).ttl()).isNull();
        assertThat(all.get(0).hasExplicitSubscription()).isFalse();
        assertThat(store(SyncStore::explicitSubscriptions)).extracting(StreamSubscription::params)
                .containsExactly("{\"a\":1}");
    }

    @Test
    void deleteOutdatedSubscriptionsDropsExpiredAndInactiveImplicitOnes() {
        store(s -> {
            s.subscribe("expired", null, null, 1, 0);
            s.subscribe("alive", null, null, 100, 0);
            StreamSubscription active = s.createDefaultSubscription("default active");
            StreamSubscription inactive = s.createDefaultSubscription("default inactive");
            s.updateSubscription(new StreamSubscription(inactive.id(), inactive.streamName(), false, true, null, null,
                    null, null, null));
            s.subscribe("unsubscribed", null, null, 100, 0);
            s.unsubscribe("unsubscribed", null);
            s.deleteOutdatedSubscriptions(2_000_000);
            return active;
        });

        assertThat(store(SyncStore::subscriptions)).extracting(StreamSubscription::streamName)
                .containsExactly("alive", "default active");
    }

    @Test
    void expiryExactlyAtNowIsNotOutdated() {
        store(s -> {
            s.subscribe("s", null, null, 1, 0);
            s.deleteOutdatedSubscriptions(1_000_000);
            return null;
        });

        assertThat(store(SyncStore::subscriptions)).hasSize(1);
    }

    @Test
    void extendSubscriptionsMovesTheExpiryOfMatchingExplicitOnes() {
        store(s -> {
            s.subscribe("s", null, null, 10, 0);
            s.subscribe("s", "{\"a\":1}", null, 20, 0);
            s.subscribe("other", null, null, 30, 0);
            s.createDefaultSubscription("d");
            s.extendSubscriptions(List.of(Map.entry("s", "{\"a\":1}"), new SimpleImmutableEntry<>("s", null),
                    Map.entry("d", "null")), 5_000_000);
            return null;
        });

        assertThat(store(SyncStore::subscriptions)).extracting(StreamSubscription::streamName,
                StreamSubscription::expiresAt).containsExactly(
                        tuple("s", 15_000_000L), tuple("s", 25_000_000L), tuple("other", 30_000_000L),
                        tuple("d", null));
    }

    @Test
    void createDefaultSubscriptionAddsAnActiveDefaultRow() {
        StreamSubscription created = store(s -> s.createDefaultSubscription("d"));

        assertThat(created.id()).isPositive();
        assertThat(created).isEqualTo(new StreamSubscription(created.id(), "d", true, true, null, null, null, null,
                null));
        assertThat(created.hasExplicitSubscription()).isFalse();
        assertThat(store(SyncStore::subscriptions)).containsExactly(created);
        assertThat(store(SyncStore::explicitSubscriptions)).isEmpty();
    }

    @Test
    void updateSubscriptionWritesStateButNotPriorityOrParameters() {
        StreamSubscription created = store(s -> {
            s.subscribe("s", "{\"a\":1}", 1, 60, 0);
            return s.subscriptions().get(0);
        });

        store(s -> {
            s.updateSubscription(new StreamSubscription(created.id(), "ignored", true, true, 3, "{\"b\":2}", null,
                    5L, 7L));
            return null;
        });

        assertThat(only(store(SyncStore::subscriptions))).isEqualTo(
                new StreamSubscription(created.id(), "s", true, true, 1, "{\"a\":1}", null, 5L, 7L));
    }

    @Test
    void markSubscriptionSyncedAndDeleteSubscription() {
        StreamSubscription first = store(s -> s.createDefaultSubscription("first"));
        StreamSubscription second = store(s -> s.createDefaultSubscription("second"));

        store(s -> {
            s.markSubscriptionSynced(first.id(), 99);
            s.deleteSubscription(second.id());
            s.deleteSubscription(12345);
            return null;
        });

        assertThat(store(SyncStore::subscriptions)).containsExactly(
                new StreamSubscription(first.id(), "first", true, true, null, null, null, null, 99L));
    }

    @Test
    void explicitSubscriptionsAreInStorageOrder() {
        store(s -> {
            s.createDefaultSubscription("default");
            s.subscribe("b", null, null, 60, 0);
            s.subscribe("a", null, 1, 60, 0);
            return null;
        });

        assertThat(store(SyncStore::explicitSubscriptions)).extracting(StreamSubscription::streamName)
                .containsExactly("b", "a");
    }

    // ---- Helpers for subclasses and the tests above ----

    /** The open session (fresh per test, with {@link #todoSchema()} applied). */
    protected final SqlSession session() {
        return session;
    }

    /** Runs {@code work} on the session's store inside one write transaction. */
    protected final <T> T store(Function<SyncStore, T> work) {
        return session.write(tx -> work.apply(session.syncStore()));
    }

    /**
     * Every row of a query on the PowerSync layout, as column name to value (Long, Double, String or null).
     * Together with {@link #execute} the only SQL of the contract; override both for another dialect.
     */
    protected List<Map<String, Object>> rows(String sql, Object... params) {
        return session.read(tx -> tx.getAll(sql, Arrays.asList(params), r -> r.toMap()));
    }

    /** Runs a statement on the PowerSync layout in its own write transaction, to set up a state to test. */
    protected void execute(String sql, Object... params) {
        session.write(tx -> tx.execute(sql, params));
    }

    /** A PUT op. */
    protected static OplogEntry put(long opId, String type, String id, String data, long checksum) {
        return new OplogEntry(new OpId(opId), OpType.PUT, type, id, null, data, Checksum.of(checksum));
    }

    /** An expected row: alternating column names and values. */
    protected static Map<String, Object> row(Object... namesAndValues) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            row.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return row;
    }

    private Map<String, Object> bucket(String name, String columns) {
        return only(rows("SELECT " + columns + " FROM ps_buckets WHERE name = ?", name));
    }

    private List<Map<String, Object>> updatedRows() {
        return rows("SELECT row_type, row_id FROM ps_updated_rows ORDER BY row_type, row_id");
    }

    private List<Map<String, Object>> untyped() {
        return rows("SELECT type, id, data FROM ps_untyped ORDER BY type, id");
    }

    /** The rows of {@code ps_data__<table>}, by id. */
    protected final List<Map<String, Object>> dataRows(String table) {
        return rows("SELECT id, data FROM ps_data__" + table + " ORDER BY id");
    }

    private static <T> T only(List<T> items) {
        assertThat(items).hasSize(1);
        return items.get(0);
    }
}
