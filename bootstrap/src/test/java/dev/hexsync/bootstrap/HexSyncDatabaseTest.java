package dev.hexsync.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.hexsync.ports.api.DatabaseClosedException;
import dev.hexsync.ports.api.NoSuchRowException;
import dev.hexsync.ports.api.SqlRow;
import dev.hexsync.ports.api.SyncDatabase;
import dev.hexsync.ports.model.CrudBatch;
import dev.hexsync.ports.model.CrudEntry;
import dev.hexsync.ports.model.CrudTransaction;
import dev.hexsync.ports.model.UpdateType;
import dev.hexsync.ports.model.UploadQueueStats;
import dev.hexsync.ports.schema.Column;
import dev.hexsync.ports.schema.Index;
import dev.hexsync.ports.schema.Schema;
import dev.hexsync.ports.schema.SchemaException;
import dev.hexsync.ports.schema.Table;
import dev.hexsync.ports.schema.TableOptions;
import dev.hexsync.ports.schema.TrackPreviousValues;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The public API end to end: the builder's default wiring (Guice, SQLite adapter, domain database) on a real
 * database file. Time-dependent behaviour (watches) is awaited with generous timeouts that only guard against
 * hangs; nothing asserts how fast anything happens, because the build machines are shared and noisy.
 */
class HexSyncDatabaseTest {
    /** Only a guard against hangs: a passing test never waits this long. */
    private static final long TIMEOUT_SECONDS = 10;

    private static final Schema SCHEMA = Schema.of(
            Table.builder("todos").text("description").integer("completed").real("estimate")
                    .index(Index.on("by_completed", "completed"))
                    .trackPreviousValues(TrackPreviousValues.columns("completed"))
                    .build(),
            Table.builder("lists").text("name").viewName("my_lists").build(),
            Table.builder("posts").text("title").trackMetadata().build(),
            Table.builder("settings").text("value").localOnly().build());

    @TempDir
    Path dir;

    private Path file;
    private SyncDatabase db;

    @BeforeEach
    void open() {
        file = dir.resolve("app.db");
        db = HexSync.builder().sqlite(file).schema(SCHEMA).build();
    }

    @AfterEach
    void close() {
        db.close();
    }

    private long crudRows() {
        return db.get("SELECT count(*) AS n FROM ps_crud").getLong("n");
    }

    // ---- SQL through the typed views ----

    @Test
    void readsValuesTypedByTheViewNotByHowTheyWereBound() {
        db.execute("INSERT INTO todos(id, description, completed, estimate) VALUES (?, ?, ?, ?)", "t1", "Milk", 0, 0.5);
        // Bound as text and integer: the view casts each column to its declared type on the way out.
        db.execute("INSERT INTO todos(id, description, completed, estimate) VALUES (?, ?, ?, ?)", "t2", "Bread", "1", 2);
        db.execute("INSERT INTO todos(id, description, completed) VALUES (?, ?, ?)", "t3", "Tea", true);

        List<SqlRow> rows = db.getAll("SELECT id, description, completed, estimate FROM todos ORDER BY id");

        assertThat(rows).extracting(SqlRow::toMap).containsExactly(
                Map.of("id", "t1", "description", "Milk", "completed", 0L, "estimate", 0.5),
                Map.of("id", "t2", "description", "Bread", "completed", 1L, "estimate", 2.0),
                mapWithNull("id", "t3", "description", "Tea", "completed", 1L, "estimate"));
        assertThat(rows.get(2).isNull("estimate")).isTrue();
        assertThat(rows.get(2).getBoolean("completed")).isTrue();
    }

    private static Map<String, Object> mapWithNull(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        map.put((String) keysAndValues[keysAndValues.length - 1], null);
        return map;
    }

    @Test
    void getAndGetOptionalWithMappers() {
        db.execute("INSERT INTO todos(id, description, completed) VALUES ('t1', 'Milk', 0)");

        String description = db.get("SELECT description FROM todos WHERE id = ?", List.of("t1"),
                row -> row.getString("description"));
        assertThat(description).isEqualTo("Milk");
        assertThat(db.get("SELECT completed FROM todos WHERE id = ?", "t1").get("completed")).isEqualTo(0L);
        assertThat(db.getOptional("SELECT id FROM todos WHERE id = ?", List.of("t1"), row -> row.getString("id")))
                .contains("t1");
        assertThat(db.getOptional("SELECT id FROM todos WHERE id = ?", "nope")).isEmpty();
        assertThat(db.getAll("SELECT id FROM todos", List.of(), row -> row.getString("id"))).containsExactly("t1");
    }

    @Test
    void getOnAnEmptyResultThrowsNoSuchRow() {
        String sql = "SELECT * FROM todos WHERE id = ?";

        assertThatThrownBy(() -> db.get(sql, "missing"))
                .isInstanceOf(NoSuchRowException.class)
                .hasMessageContaining(sql);
        assertThatThrownBy(() -> db.get(sql, List.of("missing"), row -> row))
                .isInstanceOf(NoSuchRowException.class);
    }

    @Test
    void viewNameOverrideIsWhatApplicationsQuery() {
        db.execute("INSERT INTO my_lists(id, name) VALUES ('l1', 'Groceries')");

        assertThat(db.get("SELECT name FROM my_lists").getString("name")).isEqualTo("Groceries");
        assertThat(db.get("SELECT count(*) AS n FROM ps_data__lists").getLong("n")).isEqualTo(1);
    }

    @Test
    void executeBatchIsAllOrNothing() {
        db.execute("INSERT INTO todos(id, description) VALUES ('dup', 'existing')");
        long before = crudRows();

        assertThatThrownBy(() -> db.executeBatch("INSERT INTO todos(id, description) VALUES (?, ?)",
                List.of(List.of("b1", "one"), List.of("dup", "clash"))))
                .isInstanceOf(RuntimeException.class);

        assertThat(db.getOptional("SELECT id FROM todos WHERE id = 'b1'")).isEmpty();
        assertThat(crudRows()).isEqualTo(before);
    }

    @Test
    void disconnectAndClearEmptiesTheReplicaButKeepsTheClientId() {
        String clientId = db.get("SELECT value FROM ps_kv WHERE key = 'client_id'").getString("value");
        db.execute("INSERT INTO todos(id, description) VALUES ('t1', 'a')");
        db.execute("INSERT INTO settings(id, value) VALUES ('theme', 'dark')");

        db.disconnectAndClear(false, false);

        assertThat(db.getAll("SELECT id FROM todos")).isEmpty();
        assertThat(db.getUploadQueueStats(false).count()).isZero();
        assertThat(db.getAll("SELECT id FROM settings")).as("local-only rows kept").hasSize(1);
        assertThat(db.getAll("SELECT key FROM ps_kv")).extracting(r -> r.getString("key")).containsExactly("client_id");
        assertThat(db.get("SELECT value FROM ps_kv WHERE key = 'client_id'").getString("value")).isEqualTo(clientId);

        db.disconnectAndClear();
        assertThat(db.getAll("SELECT id FROM settings")).as("local-only rows cleared too").isEmpty();
        assertThat(db.syncStatus().hasSynced()).contains(false);
    }

    @Test
    void localOnlyTablesAreStoredButNeverQueued() {
        db.execute("INSERT INTO settings(id, value) VALUES ('theme', 'dark')");

        assertThat(db.get("SELECT value FROM settings WHERE id = 'theme'").getString("value")).isEqualTo("dark");
        assertThat(db.getUploadQueueStats(false).count()).isZero();
    }

    @Test
    void executeReturnsTheRowsAPlainTableStatementChanged() {
        db.execute("CREATE TABLE plain(id TEXT PRIMARY KEY, n INTEGER)");

        assertThat(db.execute("INSERT INTO plain(id, n) VALUES ('a', 1), ('b', 2), ('c', 3)")).isEqualTo(3);
        assertThat(db.execute("UPDATE plain SET n = n + 1 WHERE n >= 2")).isEqualTo(2);
        assertThat(db.execute("DELETE FROM plain")).isEqualTo(3);
    }

    @Test
    void executeThroughAViewReportsNoRowsAsSqliteDoes() {
        // SQLite does not count rows handled by INSTEAD OF triggers; the PowerSync SDKs report the same 0.
        assertThat(db.execute("INSERT INTO todos(id, description) VALUES ('a', 'x'), ('b', 'y')")).isZero();
        assertThat(db.execute("UPDATE todos SET completed = 1")).isZero();
        assertThat(db.getAll("SELECT id FROM todos WHERE completed = 1")).hasSize(2);
    }

    // ---- transactions ----

    @Test
    void writeTransactionCommitsWhenTheWorkReturns() {
        String result = db.writeTransaction(tx -> {
            tx.execute("INSERT INTO todos(id, description) VALUES ('t1', 'a')");
            tx.execute("INSERT INTO todos(id, description) VALUES ('t2', 'b')");
            // Inside the transaction its own writes are visible.
            return tx.get("SELECT group_concat(id) AS ids FROM (SELECT id FROM todos ORDER BY id)").getString("ids");
        });

        assertThat(result).isEqualTo("t1,t2");
        assertThat(db.getAll("SELECT id FROM todos ORDER BY id", List.of(), row -> row.getString("id")))
                .containsExactly("t1", "t2");
        assertThat(crudRows()).isEqualTo(2);
    }

    @Test
    void writeTransactionRollsBackWhenTheWorkThrows() {
        db.execute("INSERT INTO todos(id, description) VALUES ('kept', 'before')");
        long crudBefore = crudRows();
        String queueBefore = db.get("SELECT group_concat(data, '|') AS d FROM ps_crud").getString("d");
        IllegalStateException failure = new IllegalStateException("backend said no");

        assertThatThrownBy(() -> db.writeTransaction(tx -> {
            tx.execute("INSERT INTO todos(id, description) VALUES ('t1', 'a')");
            tx.execute("UPDATE todos SET description = 'changed' WHERE id = 'kept'");
            tx.execute("INSERT INTO my_lists(id, name) VALUES ('l1', 'x')");
            throw failure;
        })).isSameAs(failure);

        assertThat(db.getAll("SELECT id, description FROM todos", List.of(),
                row -> row.getString("id") + "=" + row.getString("description"))).containsExactly("kept=before");
        assertThat(db.getAll("SELECT id FROM my_lists")).isEmpty();
        assertThat(crudRows()).isEqualTo(crudBefore);
        assertThat(db.get("SELECT group_concat(data, '|') AS d FROM ps_crud").getString("d")).isEqualTo(queueBefore);
    }

    @Test
    void writeTransactionRollsBackWhenAStatementFails() {
        assertThatThrownBy(() -> db.writeTransaction(tx -> {
            tx.execute("INSERT INTO todos(id, description) VALUES ('t1', 'a')");
            return tx.execute("INSERT INTO no_such_table(id) VALUES ('x')");
        })).isInstanceOf(RuntimeException.class).hasMessageContaining("no_such_table");

        assertThat(db.getAll("SELECT id FROM todos")).isEmpty();
        assertThat(crudRows()).isZero();
        // The writer is usable again afterwards: the failed transaction did not leave it open.
        db.execute("INSERT INTO todos(id, description) VALUES ('t2', 'b')");
        assertThat(crudRows()).isEqualTo(1);
    }

    @Test
    void readTransactionSeesCommittedState() {
        db.writeTransaction(tx -> tx.execute("INSERT INTO todos(id, description) VALUES ('t1', 'a')"));

        List<String> ids = db.readTransaction(tx -> tx.getAll("SELECT id FROM todos", List.of(), row -> row.getString("id")));

        assertThat(ids).containsExactly("t1");
    }

    @Test
    void readTransactionIsASnapshot() {
        db.execute("INSERT INTO todos(id, description) VALUES ('t1', 'a')");

        long[] counts = db.readTransaction(tx -> {
            long first = tx.get("SELECT count(*) AS n FROM todos").getLong("n");
            // A commit on the writer while this read is open must not show up in it.
            db.execute("INSERT INTO todos(id, description) VALUES ('t2', 'b')");
            long second = tx.get("SELECT count(*) AS n FROM todos").getLong("n");
            return new long[] {first, second};
        });

        assertThat(counts).containsExactly(1, 1);
        assertThat(db.get("SELECT count(*) AS n FROM todos").getLong("n")).isEqualTo(2);
    }

    // ---- the upload queue ----

    @Test
    void crudBatchReturnsTheOldestEntriesInOrder() {
        for (int i = 1; i <= 5; i++) {
            db.execute("INSERT INTO todos(id, description) VALUES (?, ?)", "t" + i, "item " + i);
        }

        CrudBatch first = db.getCrudBatch(3).orElseThrow();
        assertThat(first.crud()).extracting(CrudEntry::id).containsExactly("t1", "t2", "t3");
        assertThat(first.crud()).extracting(CrudEntry::clientId).isSorted().doesNotHaveDuplicates();
        assertThat(first.hasMore()).isTrue();
        first.complete();

        CrudBatch second = db.getCrudBatch(2).orElseThrow();
        assertThat(second.crud()).extracting(CrudEntry::id).containsExactly("t4", "t5");
        // Exactly the rest: nothing more is queued.
        assertThat(second.hasMore()).isFalse();
        second.complete();

        assertThat(db.getCrudBatch(3)).isEmpty();
        assertThat(db.getUploadQueueStats(false).count()).isZero();
    }

    @Test
    void crudBatchSpansTransactionsAndDefaultsToAHundred() {
        db.writeTransaction(tx -> {
            tx.execute("INSERT INTO todos(id, description) VALUES ('a', 'x')");
            tx.execute("INSERT INTO todos(id, description) VALUES ('b', 'y')");
            return null;
        });
        db.execute("INSERT INTO todos(id, description) VALUES ('c', 'z')");

        CrudBatch batch = db.getCrudBatch().orElseThrow();

        assertThat(batch.crud()).extracting(CrudEntry::id).containsExactly("a", "b", "c");
        assertThat(batch.hasMore()).isFalse();
    }

    @Test
    void crudBatchLimitMustBePositive() {
        assertThatThrownBy(() -> db.getCrudBatch(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nextCrudTransactionGroupsOneLocalTransaction() {
        db.writeTransaction(tx -> {
            tx.execute("INSERT INTO todos(id, description, completed) VALUES ('t1', 'a', 0)");
            tx.execute("INSERT INTO my_lists(id, name) VALUES ('l1', 'list')");
            tx.execute("UPDATE todos SET completed = 1 WHERE id = 't1'");
            return null;
        });
        db.execute("DELETE FROM todos WHERE id = 't1'");

        CrudTransaction first = db.getNextCrudTransaction().orElseThrow();
        assertThat(first.crud()).extracting(CrudEntry::op)
                .containsExactly(UpdateType.PUT, UpdateType.PUT, UpdateType.PATCH);
        assertThat(first.transactionId()).isPresent();
        assertThat(first.crud()).extracting(CrudEntry::transactionId).containsOnly(first.transactionId());
        // Asking again without completing returns the same transaction.
        assertThat(db.getNextCrudTransaction().orElseThrow().crud()).isEqualTo(first.crud());
        first.complete();

        CrudTransaction second = db.getNextCrudTransaction().orElseThrow();
        assertThat(second.crud()).extracting(CrudEntry::op).containsExactly(UpdateType.DELETE);
        assertThat(second.transactionId().getAsLong()).isGreaterThan(first.transactionId().getAsLong());
        second.complete();

        assertThat(db.getNextCrudTransaction()).isEmpty();
    }

    @Test
    void crudEntriesCarryOpTableIdDataAndPreviousValues() {
        db.execute("INSERT INTO todos(id, description, completed, estimate) VALUES ('t1', 'Milk', 0, 1.5)");
        db.execute("UPDATE todos SET description = 'Oat milk', completed = 1 WHERE id = 't1'");
        db.execute("UPDATE todos SET description = NULL WHERE id = 't1'");
        db.execute("DELETE FROM todos WHERE id = 't1'");
        db.execute("INSERT INTO my_lists(id, name) VALUES ('l1', 'Groceries')");

        List<CrudEntry> crud = db.getCrudBatch(10).orElseThrow().crud();
        assertThat(crud).hasSize(5);

        CrudEntry put = crud.get(0);
        assertThat(put.op()).isEqualTo(UpdateType.PUT);
        assertThat(put.table()).isEqualTo("todos");
        assertThat(put.id()).isEqualTo("t1");
        assertThat(put.opData()).contains(Map.of("description", "Milk", "completed", 0L, "estimate", 1.5));
        assertThat(put.previousValues()).isEmpty();
        assertThat(put.metadata()).isEmpty();
        assertThat(put.transactionId()).isPresent();

        CrudEntry patch = crud.get(1);
        assertThat(patch.op()).isEqualTo(UpdateType.PATCH);
        // Only the changed columns travel; only the tracked column's old value is recorded.
        assertThat(patch.opData()).contains(Map.of("description", "Oat milk", "completed", 1L));
        assertThat(patch.previousValues()).contains(Map.of("completed", 0L));

        CrudEntry cleared = crud.get(2);
        assertThat(cleared.opData().orElseThrow()).containsExactly(entry("description", null));
        assertThat(cleared.previousValues()).contains(Map.of("completed", 1L));

        CrudEntry delete = crud.get(3);
        assertThat(delete.op()).isEqualTo(UpdateType.DELETE);
        assertThat(delete.id()).isEqualTo("t1");
        assertThat(delete.opData()).isEmpty();
        assertThat(delete.previousValues()).contains(Map.of("completed", 1L));

        // The entry names the table, not the view the application wrote through.
        CrudEntry list = crud.get(4);
        assertThat(list.table()).isEqualTo("lists");
        assertThat(list.opData()).contains(Map.of("name", "Groceries"));

        assertThat(crud).extracting(entry -> entry.transactionId().getAsLong()).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void crudEntriesCarryMetadataWrittenThroughTheMetadataColumn() {
        db.execute("INSERT INTO posts(id, title, _metadata) VALUES ('p1', 'hello', 'created by test')");
        db.execute("INSERT INTO posts(id, title) VALUES ('p2', 'plain')");
        db.execute("UPDATE posts SET title = 'edited', _metadata = 'edit' WHERE id = 'p1'");
        db.execute("UPDATE posts SET _deleted = TRUE, _metadata = 'soft delete' WHERE id = 'p1'");

        List<CrudEntry> crud = db.getCrudBatch(10).orElseThrow().crud();

        assertThat(crud).extracting(CrudEntry::op, CrudEntry::id, CrudEntry::metadata).containsExactly(
                tuple(UpdateType.PUT, "p1", Optional.of("created by test")),
                tuple(UpdateType.PUT, "p2", Optional.empty()),
                tuple(UpdateType.PATCH, "p1", Optional.of("edit")),
                tuple(UpdateType.DELETE, "p1", Optional.of("soft delete")));
        // _metadata is write-only: it is not stored in the row.
        assertThat(crud.get(0).opData()).contains(Map.of("title", "hello"));
        assertThat(db.getAll("SELECT id FROM posts", List.of(), row -> row.getString("id"))).containsExactly("p2");
    }

    @Test
    void uploadQueueStatsCountAndOptionallySize() {
        assertThat(db.getUploadQueueStats(true)).isEqualTo(new UploadQueueStats(0, OptionalLong.of(0)));

        db.execute("INSERT INTO todos(id, description) VALUES ('t1', 'a')");
        db.execute("INSERT INTO todos(id, description) VALUES ('t2', 'b')");
        long bytes = db.get("SELECT sum(length(CAST(data AS BLOB))) AS s FROM ps_crud").getLong("s");

        UploadQueueStats withoutSize = db.getUploadQueueStats(false);
        assertThat(withoutSize.count()).isEqualTo(2);
        assertThat(withoutSize.sizeBytes()).isEmpty();

        UploadQueueStats withSize = db.getUploadQueueStats(true);
        assertThat(withSize.count()).isEqualTo(2);
        assertThat(withSize.sizeBytes()).hasValue(bytes);
        assertThat(bytes).isPositive();
    }

    @Test
    void completingTheLastUploadWithAWriteCheckpointSetsTheTarget() {
        db.execute("INSERT INTO todos(id, description) VALUES ('t1', 'a')");
        db.execute("INSERT INTO todos(id, description) VALUES ('t2', 'b')");

        // Not drained yet: the checkpoint cannot be the target, the gate stays at "unknown" (max).
        db.getNextCrudTransaction().orElseThrow().complete(Optional.of("41"));
        assertThat(targetCheckpoint()).isEqualTo(Long.toString(Long.MAX_VALUE));

        db.getNextCrudTransaction().orElseThrow().complete(Optional.of("42"));

        assertThat(db.getUploadQueueStats(false).count()).isZero();
        assertThat(targetCheckpoint()).isEqualTo("42");
    }

    @Test
    void completingWithoutAWriteCheckpointLeavesTheTargetUnknown() {
        db.execute("INSERT INTO todos(id, description) VALUES ('t1', 'a')");

        db.getCrudBatch().orElseThrow().complete();

        assertThat(targetCheckpoint()).isEqualTo(Long.toString(Long.MAX_VALUE));
    }

    @Test
    void malformedWriteCheckpointIsRejected() {
        db.execute("INSERT INTO todos(id, description) VALUES ('t1', 'a')");
        CrudBatch batch = db.getCrudBatch().orElseThrow();

        assertThatThrownBy(() -> batch.complete(Optional.of("not-a-number")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not-a-number");
        assertThat(db.getUploadQueueStats(false).count()).isEqualTo(1);
    }

    private String targetCheckpoint() {
        return db.get("SELECT value FROM ps_kv WHERE key = 'target_checkpoint_request_id'").getString("value");
    }

    // ---- watches ----

    @Test
    void watchPublishesTheInitialResultThenEachChange() throws InterruptedException {
        Recorder<List<Long>> recorder = new Recorder<>();
        db.watch("SELECT count(*) AS n FROM todos", List.of(), row -> row.getLong("n")).subscribe(recorder);

        assertThat(recorder.next()).containsExactly(0L);

        db.execute("INSERT INTO todos(id, description) VALUES ('t1', 'a')");

        assertThat(recorder.next()).containsExactly(1L);
        assertThat(recorder.error.get()).isNull();
    }

    @Test
    void watchThroughAViewNameOverrideSeesWrites() throws InterruptedException {
        Recorder<List<String>> recorder = new Recorder<>();
        db.watch("SELECT name FROM my_lists ORDER BY id", List.of(), row -> row.getString("name")).subscribe(recorder);
        assertThat(recorder.next()).isEmpty();

        db.execute("INSERT INTO my_lists(id, name) VALUES ('l1', 'Groceries')");

        assertThat(recorder.next()).containsExactly("Groceries");
    }

    @Test
    void onChangeEmitsTheChangedTableAfterAWrite() throws InterruptedException {
        Recorder<Set<String>> recorder = new Recorder<>();
        db.onChange(Set.of("todos")).subscribe(recorder);

        // A write to an unwatched table publishes nothing, so the first emission is the todos write.
        db.execute("INSERT INTO my_lists(id, name) VALUES ('l1', 'x')");
        db.execute("INSERT INTO todos(id, description) VALUES ('t1', 'a')");

        assertThat(recorder.next()).isEqualTo(Set.of("todos"));
    }

    @Test
    void closingCompletesWatches() throws InterruptedException {
        Recorder<List<Long>> watch = new Recorder<>();
        db.watch("SELECT count(*) AS n FROM todos", List.of(), row -> row.getLong("n")).subscribe(watch);
        assertThat(watch.next()).containsExactly(0L);
        Recorder<Set<String>> changes = new Recorder<>();
        db.onChange(Set.of("todos")).subscribe(changes);

        db.close();

        assertThat(watch.completed.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("watch completed").isTrue();
        assertThat(changes.completed.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("onChange completed").isTrue();
        assertThat(watch.error.get()).isNull();
        assertThat(changes.error.get()).isNull();
    }

    @Test
    void closedDatabaseRejectsEveryCall() {
        db.close();

        List<Runnable> calls = List.of(
                () -> db.execute("INSERT INTO todos(id) VALUES ('x')"),
                () -> db.getAll("SELECT 1"),
                () -> db.get("SELECT 1"),
                () -> db.executeBatch("INSERT INTO todos(id) VALUES (?)", List.of(List.of("y"))),
                () -> db.readTransaction(tx -> tx.getAll("SELECT 1")),
                () -> db.writeTransaction(tx -> tx.execute("SELECT 1")),
                () -> db.watch("SELECT 1", List.of(), row -> row),
                () -> db.onChange(Set.of("todos")),
                () -> db.getCrudBatch(),
                () -> db.getNextCrudTransaction(),
                () -> db.getUploadQueueStats(false),
                () -> db.updateSchema(SCHEMA));
        for (Runnable call : calls) {
            assertThatThrownBy(call::run).isInstanceOf(DatabaseClosedException.class).hasMessageContaining("closed");
        }
        // Closing twice is harmless (the @AfterEach closes again).
        assertThatCode(db::close).doesNotThrowAnyException();
    }

    @Test
    void completingABatchAfterCloseFails() {
        db.execute("INSERT INTO todos(id, description) VALUES ('t1', 'a')");
        CrudBatch batch = db.getCrudBatch().orElseThrow();
        db.close();

        assertThatThrownBy(batch::complete).isInstanceOf(DatabaseClosedException.class);
    }

    @Test
    void closingCompletesManyWatches() throws InterruptedException {
        // More subscribers than the database's scheduler has threads, so their completions queue up behind
        // each other while the database shuts its scheduler down.
        List<Recorder<List<Long>>> recorders = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Recorder<List<Long>> recorder = new Recorder<>();
            db.watch("SELECT count(*) + ? AS n FROM todos", List.of(i), row -> row.getLong("n")).subscribe(recorder);
            recorders.add(recorder);
        }
        for (Recorder<List<Long>> recorder : recorders) {
            recorder.next();
        }

        db.close();

        await().atMost(Duration.ofSeconds(TIMEOUT_SECONDS)).untilAsserted(() ->
                assertThat(recorders).as("watches completed after close")
                        .allSatisfy(recorder -> assertThat(recorder.completed.getCount()).isZero()));
    }

    @Test
    void closingCompletesAWatchWhileOtherSubscribersAreBusy() throws InterruptedException {
        Recorder<List<Long>> idle = new Recorder<>();
        db.watch("SELECT count(*) AS n FROM todos", List.of(), row -> row.getLong("n")).subscribe(idle);
        assertThat(idle.next()).containsExactly(0L);
        // Two subscribers that are slow to take a value occupy the scheduler's threads while the database closes;
        // Flow allows a subscriber to do its work in onNext, so that must not cost other watches their end.
        CountDownLatch busy = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        for (int i = 0; i < 2; i++) {
            db.watch("SELECT count(*) + ? AS n FROM todos", List.of(i), row -> row.getLong("n"))
                    .subscribe(new Recorder<List<Long>>() {
                        @Override
                        public void onNext(List<Long> item) {
                            busy.countDown();
                            try {
                                release.await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }
                    });
        }
        assertThat(busy.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("slow subscribers got their first value").isTrue();

        db.close();
        release.countDown();

        assertThat(idle.completed.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("idle watch completed").isTrue();
    }

    @Test
    void subscribingAfterCloseToAPublisherObtainedBeforeCompletesTheSubscriber() throws InterruptedException {
        Flow.Publisher<List<Long>> watch = db.watch("SELECT count(*) AS n FROM todos", List.of(), row -> row.getLong("n"));
        Flow.Publisher<Set<String>> changes = db.onChange(Set.of("todos"));
        db.close();

        Recorder<List<Long>> watchRecorder = new Recorder<>();
        Recorder<Set<String>> changeRecorder = new Recorder<>();
        // Flow rule 1.9: subscribe returns normally; the end of the stream is signalled, not thrown.
        assertThatCode(() -> watch.subscribe(watchRecorder)).doesNotThrowAnyException();
        assertThatCode(() -> changes.subscribe(changeRecorder)).doesNotThrowAnyException();

        assertThat(watchRecorder.completed.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(changeRecorder.completed.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
    }

    // ---- schema changes ----

    @Test
    void updateSchemaAddingATableKeepsData() {
        db.execute("INSERT INTO todos(id, description) VALUES ('t1', 'kept')");
        List<Table> tables = new ArrayList<>(SCHEMA.tables());
        tables.add(Table.builder("notes").text("body").build());
        Schema extended = new Schema(tables, List.of());

        db.updateSchema(extended);

        assertThat(db.schema()).isEqualTo(extended);
        assertThat(db.get("SELECT description FROM todos WHERE id = 't1'").getString("description")).isEqualTo("kept");
        db.execute("INSERT INTO notes(id, body) VALUES ('n1', 'hello')");
        assertThat(db.get("SELECT body FROM notes").getString("body")).isEqualTo("hello");
        assertThat(db.getCrudBatch().orElseThrow().crud()).extracting(CrudEntry::table).containsExactly("todos", "notes");
    }

    @Test
    void updateSchemaWithAnInvalidSchemaChangesNothing() {
        Schema invalid = Schema.of(new Table("todos", List.of(Column.text("id")), List.of(), TableOptions.DEFAULT));

        assertThatThrownBy(() -> db.updateSchema(invalid)).isInstanceOf(SchemaException.class);

        assertThat(db.schema()).isEqualTo(SCHEMA);
        db.execute("INSERT INTO todos(id, description) VALUES ('t1', 'still works')");
    }

    @Test
    void watchReRunsAfterASchemaChange() throws InterruptedException {
        db.execute("INSERT INTO todos(id, description) VALUES ('t1', 'a')");
        Recorder<List<String>> recorder = new Recorder<>();
        db.watch("SELECT name FROM sqlite_master WHERE type = 'view' AND name = 'notes'", List.of(),
                row -> row.getString("name")).subscribe(recorder);
        assertThat(recorder.next()).isEmpty();

        List<Table> tables = new ArrayList<>(SCHEMA.tables());
        tables.add(Table.builder("notes").text("body").build());
        db.updateSchema(new Schema(tables, List.of()));

        assertThat(recorder.next()).containsExactly("notes");
    }

    @Test
    void updateSchemaDroppingASyncedTableKeepsItsRowsUntilItComesBack() {
        db.execute("INSERT INTO my_lists(id, name) VALUES ('l1', 'Groceries')");
        Schema withoutLists = new Schema(SCHEMA.tables().stream().filter(t -> !t.name().equals("lists")).toList(),
                List.of());

        db.updateSchema(withoutLists);
        assertThatThrownBy(() -> db.getAll("SELECT * FROM my_lists")).hasMessageContaining("my_lists");

        db.updateSchema(SCHEMA);
        assertThat(db.get("SELECT name FROM my_lists WHERE id = 'l1'").getString("name")).isEqualTo("Groceries");
    }

    @Test
    void reopeningWithAnExtraColumnKeepsRowsAndReadsTheNewColumnAsNull() {
        db.execute("INSERT INTO todos(id, description) VALUES ('t1', 'a')");
        db.close();
        List<Table> tables = new ArrayList<>(SCHEMA.tables());
        tables.set(0, Table.builder("todos").text("description").integer("completed").real("estimate").text("owner")
                .trackPreviousValues(TrackPreviousValues.columns("completed")).build());

        try (SyncDatabase reopened = HexSync.builder().sqlite(file).schema(new Schema(tables, List.of())).build()) {
            SqlRow row = reopened.get("SELECT description, owner FROM todos WHERE id = 't1'");
            assertThat(row.getString("description")).isEqualTo("a");
            assertThat(row.isNull("owner")).isTrue();
        }
    }

    // ---- opening ----

    @Test
    void reopenedFileKeepsDataAndClientId() {
        db.execute("INSERT INTO todos(id, description) VALUES ('t1', 'persisted')");
        String clientId = clientId(db);
        assertThat(clientId).isNotBlank();
        db.close();

        try (SyncDatabase reopened = HexSync.builder().sqlite(file).schema(SCHEMA).build()) {
            assertThat(clientId(reopened)).isEqualTo(clientId);
            assertThat(reopened.get("SELECT description FROM todos WHERE id = 't1'").getString("description"))
                    .isEqualTo("persisted");
            assertThat(reopened.getUploadQueueStats(false).count()).isEqualTo(1);
        }
    }

    @Test
    void separateFilesGetDifferentClientIds() {
        try (SyncDatabase other = HexSync.builder().sqlite(dir.resolve("other.db")).schema(SCHEMA).build()) {
            assertThat(clientId(other)).isNotEqualTo(clientId(db));
        }
    }

    private static String clientId(SyncDatabase database) {
        return database.get("SELECT value FROM ps_kv WHERE key = 'client_id'").getString("value");
    }

    @Test
    void builderWithoutLocationOrSchemaFails() {
        assertThatThrownBy(() -> HexSync.builder().schema(SCHEMA).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("location");
        assertThatThrownBy(() -> HexSync.builder().sqlite(dir.resolve("x.db")).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("schema");
        assertThat(dir.resolve("x.db")).doesNotExist();
    }

    @Test
    void builderWithAnInvalidSchemaFailsAndReleasesTheFile() throws IOException {
        Path other = dir.resolve("invalid.db");
        Schema invalid = Schema.of(new Table("todos", List.of(Column.text("ID")), List.of(), TableOptions.DEFAULT));

        assertThatThrownBy(() -> HexSync.builder().sqlite(other).schema(invalid).build())
                .isInstanceOf(SchemaException.class)
                .hasMessageContaining("todos")
                .hasMessageContaining("'ID'");

        assertThat(openHandlesTo(other)).as("file descriptors still open on %s", other).isEmpty();
        try (SyncDatabase reopened = HexSync.builder().sqlite(other).schema(SCHEMA).build()) {
            reopened.execute("INSERT INTO todos(id, description) VALUES ('t1', 'a')");
            assertThat(reopened.getUploadQueueStats(false).count()).isEqualTo(1);
        }
    }

    @Test
    void closingReleasesEveryFileHandle() throws IOException {
        db.execute("INSERT INTO todos(id, description) VALUES ('t1', 'a')");
        assertThat(openHandlesTo(file)).isNotEmpty();

        db.close();

        assertThat(openHandlesTo(file)).isEmpty();
    }

    /**
     * The open descriptors of this process on the database file and its WAL/SHM companions. Linux only
     * (elsewhere it reports none); the only portable alternative, reopening the file, passes even with leaks.
     */
    private static List<String> openHandlesTo(Path database) throws IOException {
        Path fds = Path.of("/proc/self/fd");
        if (!Files.isDirectory(fds)) {
            return List.of();
        }
        String prefix = database.toAbsolutePath().toRealPath().toString();
        List<String> open = new ArrayList<>();
        try (Stream<Path> links = Files.list(fds)) {
            for (Path link : (Iterable<Path>) links::iterator) {
                try {
                    String target = Files.readSymbolicLink(link).toString();
                    if (target.startsWith(prefix)) {
                        open.add(target);
                    }
                } catch (IOException e) {
                    // The descriptor closed while listing (the directory stream's own, for one).
                }
            }
        }
        return open;
    }

    @Test
    void inMemoryDatabaseWorks() throws InterruptedException {
        try (SyncDatabase memory = HexSync.builder().inMemory().schema(SCHEMA).build()) {
            Recorder<List<Long>> recorder = new Recorder<>();
            memory.watch("SELECT count(*) AS n FROM todos", List.of(), row -> row.getLong("n")).subscribe(recorder);
            assertThat(recorder.next()).containsExactly(0L);

            memory.writeTransaction(tx -> tx.execute("INSERT INTO todos(id, description) VALUES ('t1', 'a')"));

            assertThat(recorder.next()).containsExactly(1L);
            String description = memory.readTransaction(
                    tx -> tx.get("SELECT description FROM todos").getString("description"));
            assertThat(description).isEqualTo("a");
            assertThat(memory.getNextCrudTransaction().orElseThrow().crud()).extracting(CrudEntry::id)
                    .containsExactly("t1");
            assertThat(clientId(memory)).isNotBlank();
        }
    }

    @Test
    void inMemoryDatabasesAreIndependent() {
        try (SyncDatabase a = HexSync.builder().inMemory().schema(SCHEMA).build();
                SyncDatabase b = HexSync.builder().inMemory().schema(SCHEMA).build()) {
            a.execute("INSERT INTO todos(id, description) VALUES ('t1', 'a')");
            assertThat(b.getAll("SELECT id FROM todos")).isEmpty();
        }
    }

    /** Records what a publisher delivers; requests everything up front. */
    private static class Recorder<T> implements Flow.Subscriber<T> {
        final BlockingQueue<T> items = new LinkedBlockingQueue<>();
        final CountDownLatch completed = new CountDownLatch(1);
        final AtomicReference<Throwable> error = new AtomicReference<>();

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(T item) {
            items.add(item);
        }

        @Override
        public void onError(Throwable throwable) {
            error.set(throwable);
            completed.countDown();
        }

        @Override
        public void onComplete() {
            completed.countDown();
        }

        T next() throws InterruptedException {
            T item = items.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertThat(item).as("a value within %d s (error: %s)", TIMEOUT_SECONDS, error.get()).isNotNull();
            return item;
        }
    }
}
