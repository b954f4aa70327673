package dev.hexsync.testkit.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hexsync.json.Json;
import dev.hexsync.ports.api.DatabaseClosedException;
import dev.hexsync.ports.api.ReadContext;
import dev.hexsync.ports.api.RowMapper;
import dev.hexsync.ports.api.SqlRow;
import dev.hexsync.ports.api.WriteContext;
import dev.hexsync.ports.model.UploadQueueStats;
import dev.hexsync.ports.schema.Schema;
import dev.hexsync.ports.schema.Table;
import dev.hexsync.ports.storage.CrudQueue;
import dev.hexsync.ports.storage.CrudRecord;
import dev.hexsync.ports.storage.DatabaseLocation;
import dev.hexsync.ports.storage.MultipleStatementsException;
import dev.hexsync.ports.storage.SqlSession;
import dev.hexsync.ports.storage.StorageEngine;
import dev.hexsync.ports.storage.StorageException;
import dev.hexsync.ports.storage.StorageOptions;
import dev.hexsync.ports.storage.TableChange;
import dev.hexsync.ports.storage.WriteInReadException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract of the storage port, as a test kit (in the spirit of Trino's {@code BaseConnectorTest} and the
 * Reactive Streams TCK): every {@link StorageEngine} extends this class, names itself and where its file
 * databases live, and inherits every test.
 *
 * <pre>{@code
 * class MyStorageContractTest extends StorageContractTest {
 *     protected StorageEngine engine() { return new MyStorageEngine(); }
 *     protected DatabaseLocation newFileLocation(Path tempDir) { return DatabaseLocation.file(tempDir.resolve("db")); }
 * }
 * }</pre>
 *
 * <p>The tests speak the PowerSync layout ({@code ps_migration}, {@code ps_kv}, {@code ps_tx}, {@code ps_crud},
 * {@code ps_data__<table>} behind a view of the table's name) because that layout is what makes a database
 * interchangeable with the PowerSync engine; the SQL they run is the plain subset every engine shares, except
 * {@link #schemaVersion(ReadContext)}, which an engine without SQLite's pragma overrides.
 *
 * <p>Every test is bounded: the class-level timeout catches a deadlock, and every cross-thread wait has its own
 * limit, so a broken adapter fails instead of hanging the build. Nothing asserts on elapsed time.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class StorageContractTest {
    /** The write gate value meaning "uploaded, but the write checkpoint is not known yet". */
    protected static final long MAX_OP_ID = Long.MAX_VALUE;

    /** The PowerSync internal schema version this contract expects a new database to have. */
    protected static final long LAYOUT_VERSION = 14;

    private static final Pattern UUID_V4 =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    private static final long WAIT_SECONDS = 30;
    private static final String INSERT_TODO = "INSERT INTO todos(id, description, completed) VALUES (?, ?, ?)";

    /** Fresh per test; the database file lives in it. */
    @TempDir
    protected Path tempDir;

    private final List<SqlSession> sessions = new ArrayList<>();
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "storage-contract");
        thread.setDaemon(true);
        return thread;
    });
    private DatabaseLocation location;

    /** The engine under test. */
    protected abstract StorageEngine engine();

    /** Where to create a file database inside {@code tempDir}; called once per test, the database must not exist yet. */
    protected abstract DatabaseLocation newFileLocation(Path tempDir);

    /** The options every session of the contract is opened with. */
    protected StorageOptions options() {
        return StorageOptions.DEFAULT;
    }

    /** A number that changes whenever the database's schema (tables, views, triggers, indexes) changes. */
    protected long schemaVersion(ReadContext tx) {
        return ((Number) tx.get("PRAGMA schema_version").get(0)).longValue();
    }

    /** The table every test writes to, as an application would declare it. */
    protected static Schema todoSchema() {
        return Schema.of(Table.builder("todos").text("description").integer("completed").build());
    }

    @AfterEach
    void closeSessionsAndThreads() {
        executor.shutdownNow();
        List<SqlSession> open = new ArrayList<>(sessions);
        Collections.reverse(open);
        for (SqlSession session : open) {
            session.close();
        }
    }

    // ---- Opening ----

    @Test
    void openCreatesThePowerSyncLayout() {
        SqlSession session = open();

        assertThat(layoutVersion(session)).isEqualTo(LAYOUT_VERSION);
        session.read(tx -> {
            assertThat(tx.get("SELECT value FROM ps_kv WHERE key = 'client_id'").getString("value"))
                    .matches(UUID_V4);
            assertThat(tx.getAll("SELECT id, next_tx FROM ps_tx"))
                    .singleElement()
                    .satisfies(row -> {
                        assertThat(row.getLong("id")).isEqualTo(1L);
                        assertThat(row.getLong("next_tx")).isEqualTo(1L);
                    });
            assertThat(tx.get("SELECT count(*) AS n FROM ps_crud").getLong("n")).isZero();
            return null;
        });
    }

    @Test
    void reopeningKeepsDataAndClientId() {
        SqlSession first = openWithSchema();
        first.write(tx -> insertTodo(tx, "a", "kept", 0));
        String clientId = clientId(first);
        long firstTx = first.crudQueue().peek(1).get(0).transactionId().orElseThrow();
        first.close();

        SqlSession second = open();
        assertThat(clientId(second)).isEqualTo(clientId);
        assertThat(layoutVersion(second)).isEqualTo(LAYOUT_VERSION);
        assertThat(descriptions(second)).containsExactly("kept");
        assertThat(second.crudQueue().stats(false).count()).isEqualTo(1);

        // Transaction ids come from ps_tx, so a reopened database must not hand out one it already used.
        second.applySchema(todoSchema());
        second.write(tx -> insertTodo(tx, "b", "after reopen", 0));
        List<CrudRecord> queue = second.crudQueue().peek(10);
        assertThat(queue).hasSize(2);
        assertThat(queue.get(1).transactionId().orElseThrow()).isGreaterThan(firstTx);
    }

    // ---- Write transactions ----

    @Test
    void writeCommitsWhenTheWorkReturns() {
        SqlSession session = openWithSchema();

        String result = session.write(tx -> {
            insertTodo(tx, "a", "first", 0);
            return "done";
        });

        assertThat(result).isEqualTo("done");
        assertThat(descriptions(session)).containsExactly("first");
        assertThat(count(session, "ps_crud")).isEqualTo(1);
        assertThat(nextTx(session)).isEqualTo(2);
    }

    @Test
    void throwingRollsBackTheWholeWrite() {
        SqlSession session = openWithSchema();
        RuntimeException failure = new IllegalStateException("the work failed");

        assertThatThrownBy(() -> session.write(tx -> {
            insertTodo(tx, "a", "first", 0);
            insertTodo(tx, "b", "second", 0);
            throw failure;
        })).isSameAs(failure);

        assertThat(count(session, "todos")).isZero();
        assertThat(count(session, "ps_crud")).isZero();
        assertThat(nextTx(session)).isEqualTo(1);
        assertThat(kvLong(session, "target_checkpoint_request_id")).isEmpty();
    }

    @Test
    void aFailingStatementRollsBackTheStatementsBeforeIt() {
        SqlSession session = openWithSchema();

        assertThatThrownBy(() -> session.write(tx -> {
            insertTodo(tx, "a", "first", 0);
            return tx.execute("INSERT INTO no_such_table(id) VALUES ('x')");
        })).isInstanceOf(StorageException.class);

        assertThat(count(session, "todos")).isZero();
        assertThat(count(session, "ps_crud")).isZero();
        assertThat(nextTx(session)).isEqualTo(1);
    }

    @Test
    void nestedWriteJoinsTheOuterTransaction() {
        SqlSession session = openWithSchema();
        List<TableChange> changes = new CopyOnWriteArrayList<>();
        session.tableChanges().addListener(changes::add);

        session.write(outer -> {
            insertTodo(outer, "a", "outer", 0);
            session.write(inner -> insertTodo(inner, "b", "inner", 0));
            // The inner write returned, but nothing is committed until the outer one returns.
            assertThat(within(() -> count(session, "todos"))).isZero();
            assertThat(changes).isEmpty();
            return null;
        });

        assertThat(descriptions(session)).containsExactly("outer", "inner");
        List<CrudRecord> queue = session.crudQueue().peek(10);
        assertThat(queue).hasSize(2);
        assertThat(queue.get(0).transactionId()).isPresent().isEqualTo(queue.get(1).transactionId());
        assertThat(changes).hasSize(1);
    }

    @Test
    void aNestedFailureThatEscapesRollsBackTheOuterWrite() {
        SqlSession session = openWithSchema();
        RuntimeException failure = new IllegalStateException("inner failed");

        assertThatThrownBy(() -> session.write(outer -> {
            insertTodo(outer, "a", "outer", 0);
            return session.write(inner -> {
                insertTodo(inner, "b", "inner", 0);
                throw failure;
            });
        })).isSameAs(failure);

        assertThat(count(session, "todos")).isZero();
        assertThat(count(session, "ps_crud")).isZero();
    }

    @Test
    void aCaughtNestedFailureUndoesOnlyTheNestedWork() {
        SqlSession session = openWithSchema();

        session.write(outer -> {
            insertTodo(outer, "a", "outer", 0);
            assertThatThrownBy(() -> session.write(inner -> {
                insertTodo(inner, "b", "inner", 0);
                throw new IllegalStateException("inner failed");
            })).hasMessage("inner failed");
            insertTodo(outer, "c", "after", 0);
            return null;
        });

        assertThat(descriptions(session)).containsExactly("outer", "after");
        List<CrudRecord> queue = session.crudQueue().peek(10);
        assertThat(queue).hasSize(2);
        assertThat(queue.get(0).transactionId()).as("one transaction, one id").isEqualTo(queue.get(1).transactionId());
    }

    @Test
    void aCaughtBatchFailureLeavesNoPartOfTheBatch() {
        SqlSession session = openWithSchema();

        session.write(tx -> {
            insertTodo(tx, "a", "before", 0);
            assertThatThrownBy(() -> tx.executeBatch(INSERT_TODO, List.of(
                    List.of("b", "first of batch", 0),
                    Arrays.asList(null, "no id", 0))))
                    .isInstanceOf(StorageException.class).hasMessageContaining("id is required");
            return null;
        });

        assertThat(descriptions(session)).containsExactly("before");
        assertThat(count(session, "ps_crud")).isEqualTo(1);
    }

    @Test
    void aTransactionWhoseOnlyCaptureWasUndoneTakesItsIdAgain() {
        SqlSession session = openWithSchema();

        session.write(tx -> {
            assertThatThrownBy(() -> session.write(inner -> {
                insertTodo(inner, "a", "undone", 0);
                throw new IllegalStateException("undo");
            })).hasMessage("undo");
            insertTodo(tx, "b", "kept", 0);
            return null;
        });
        session.write(tx -> insertTodo(tx, "c", "next", 0));

        List<CrudRecord> queue = session.crudQueue().peek(10);
        assertThat(queue).extracting(r -> r.transactionId().getAsLong()).containsExactly(1L, 2L);
    }

    @Test
    void aFailedBatchThatEscapesLeavesNothing() {
        SqlSession session = openWithSchema();

        assertThatThrownBy(() -> session.write(tx -> {
            tx.executeBatch(INSERT_TODO, List.of(
                    List.of("a", "first", 0),
                    List.of("b", "second", 0),
                    Arrays.asList(null, "no id", 0)));
            return null;
        })).isInstanceOf(StorageException.class);

        assertThat(count(session, "todos")).isZero();
        assertThat(count(session, "ps_crud")).isZero();
    }

    // ---- Read transactions ----

    @Test
    void readSeesTheLastCommittedStateWhileAWriteIsOpen() throws Exception {
        SqlSession session = openWithSchema();
        session.write(tx -> insertTodo(tx, "a", "committed", 0));
        CountDownLatch inserted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);

        Future<?> writer = executor.submit(() -> session.write(tx -> {
            insertTodo(tx, "b", "uncommitted", 0);
            inserted.countDown();
            await(release);
            return null;
        }));
        try {
            await(inserted);
            assertThat(descriptions(session)).containsExactly("committed");
        } finally {
            release.countDown();
        }
        writer.get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(descriptions(session)).containsExactly("committed", "uncommitted");
    }

    @Test
    void aReadTransactionIsAConsistentSnapshot() throws Exception {
        SqlSession session = openWithSchema();
        CountDownLatch firstQueryDone = new CountDownLatch(1);
        CountDownLatch writeCommitted = new CountDownLatch(1);

        Future<List<Long>> reader = executor.submit(() -> session.read(tx -> {
            long before = tx.get("SELECT count(*) AS n FROM todos").getLong("n");
            firstQueryDone.countDown();
            await(writeCommitted);
            long after = tx.get("SELECT count(*) AS n FROM todos").getLong("n");
            return List.of(before, after);
        }));
        await(firstQueryDone);
        session.write(tx -> insertTodo(tx, "a", "committed meanwhile", 0));
        writeCommitted.countDown();

        assertThat(reader.get(WAIT_SECONDS, TimeUnit.SECONDS)).containsExactly(0L, 0L);
        assertThat(count(session, "todos")).isEqualTo(1);
    }

    @Test
    void aReadTransactionCannotWrite() {
        SqlSession session = openWithSchema();

        assertThatThrownBy(() -> session.read(tx -> tx.getAll("INSERT INTO todos(id, description) VALUES ('x', 'y')")))
                .isInstanceOf(StorageException.class);
        assertThatThrownBy(() -> session.read(tx -> {
            // A context that happens to offer execute must still refuse to write.
            if (tx instanceof WriteContext writable) {
                return writable.execute("INSERT INTO todos(id, description) VALUES ('x', 'y')");
            }
            throw new StorageException("read context offers no execute");
        })).isInstanceOf(StorageException.class);

        assertThat(count(session, "todos")).isZero();
        assertThat(count(session, "ps_crud")).isZero();
    }

    @Test
    void aReadThatWouldWriteIsRefusedTypedAndWritesNothing() {
        SqlSession session = openWithSchema();
        session.write(tx -> insertTodo(tx, "a", "kept", 0));

        assertThatThrownBy(() -> session.read(tx -> tx.getAll("DELETE FROM todos RETURNING id")))
                .isInstanceOf(WriteInReadException.class);
        assertThatThrownBy(() -> session.write(tx -> session.read(read -> read.getAll("DELETE FROM todos RETURNING id"))))
                .as("a read inside a write, on the same thread")
                .isInstanceOf(WriteInReadException.class);

        assertThat(count(session, "todos")).isEqualTo(1);
        List<SqlRow> deleted = session.write(tx -> tx.getAll("DELETE FROM todos RETURNING id"));
        assertThat(deleted).hasSize(1);
        assertThat(count(session, "todos")).isZero();
    }

    @Test
    void textWithSeveralStatementsIsRefusedBeforeAnyRuns() {
        SqlSession session = openWithSchema();
        String two = "INSERT INTO todos(id, description) VALUES ('a', 'x'); INSERT INTO todos(id, description) VALUES ('b', 'y')";

        assertThatThrownBy(() -> session.write(tx -> tx.execute(two))).isInstanceOf(MultipleStatementsException.class);
        assertThatThrownBy(() -> session.write(tx -> tx.getAll(two))).isInstanceOf(MultipleStatementsException.class);
        assertThatThrownBy(() -> session.write(tx -> {
            tx.executeBatch(two, List.of(List.of()));
            return null;
        })).isInstanceOf(MultipleStatementsException.class);

        assertThat(count(session, "todos")).isZero();
        assertThat(count(session, "ps_crud")).isZero();
    }

    @Test
    void aReadInsideAWriteOnTheSameThreadSeesTheUncommittedRows() {
        SqlSession session = openWithSchema();

        List<String> seen = session.write(tx -> {
            insertTodo(tx, "a", "uncommitted", 0);
            return session.read(read -> read.getAll("SELECT description FROM todos", List.of(),
                    row -> row.getString("description")));
        });

        assertThat(seen).containsExactly("uncommitted");
    }

    // ---- Table changes ----

    @Test
    void listenerHearsTheTablesACommittedViewWriteTouched() {
        SqlSession session = openWithSchema();
        List<TableChange> changes = new CopyOnWriteArrayList<>();
        session.tableChanges().addListener(changes::add);

        session.write(tx -> insertTodo(tx, "a", "first", 0));

        // The listener runs on the committing thread, so the change is there once write() has returned.
        assertThat(changes).singleElement().satisfies(change -> {
            assertThat(change.tables()).contains("todos");
            assertThat(change.queueChanged()).as("the write was queued for upload").isTrue();
            assertThat(change.external()).isFalse();
        });
    }

    @Test
    void changesNameTablesAsTheApplicationDoesAndTellWhenTheQueueChanged() {
        SqlSession session = open();
        session.applySchema(Schema.of(Table.builder("Todos").text("description").viewName("my_todos").build(),
                Table.builder("settings").text("value").localOnly().build()));
        session.write(tx -> tx.execute("CREATE TABLE items(id TEXT)"));
        List<TableChange> changes = new CopyOnWriteArrayList<>();
        session.tableChanges().addListener(changes::add);

        session.write(tx -> tx.execute("INSERT INTO my_todos(id, description) VALUES ('a', 'x')"));
        session.write(tx -> tx.execute("INSERT INTO settings(id, value) VALUES ('s', 'v')"));
        session.write(tx -> tx.execute("INSERT INTO items(id) VALUES ('i')"));
        session.crudQueue().complete(session.crudQueue().peek(1).get(0).id(), Optional.empty());

        assertThat(changes).hasSize(4);
        assertThat(changes.get(0).tables()).as("a synced table, written through its view").contains("todos")
                .doesNotContain("my_todos");
        assertThat(changes.get(0).queueChanged()).isTrue();
        assertThat(changes.get(1).tables()).as("a local-only table").contains("settings");
        assertThat(changes.get(1).queueChanged()).as("local-only writes are not uploaded").isFalse();
        assertThat(changes.get(2).tables()).as("a table of the application's own").containsExactly("items");
        assertThat(changes.get(2).queueChanged()).isFalse();
        assertThat(changes.get(3).queueChanged()).as("uploaded entries were removed").isTrue();
        // Watches compare names with equals: the names a query reads and the names an application gives agree.
        assertThat(session.tableChanges().tablesReadBy("SELECT * FROM my_todos", List.of())).contains("todos");
        assertThat(session.tableChanges().tablesReadBy("SELECT * FROM settings", List.of())).contains("settings");
        assertThat(session.tableChanges().tablesReadBy("SELECT * FROM items", List.of())).containsExactly("items");
        assertThat(session.tableChanges().tableNames(Set.of("my_todos", "TODOS", "Settings", "ITEMS")))
                .containsExactlyInAnyOrder("todos", "settings", "items");
    }

    @Test
    void listenerHearsNothingAfterARollback() {
        SqlSession session = openWithSchema();
        List<TableChange> changes = new CopyOnWriteArrayList<>();
        session.tableChanges().addListener(changes::add);

        assertThatThrownBy(() -> session.write(tx -> {
            insertTodo(tx, "a", "rolled back", 0);
            throw new IllegalStateException("roll back");
        })).isInstanceOf(IllegalStateException.class);
        session.read(tx -> tx.getAll("SELECT * FROM todos"));

        assertThat(changes).isEmpty();
    }

    @Test
    void unregisteredListenerHearsNothing() {
        SqlSession session = openWithSchema();
        List<TableChange> removed = new CopyOnWriteArrayList<>();
        List<TableChange> kept = new CopyOnWriteArrayList<>();
        SqlSession.Registration registration = session.tableChanges().addListener(removed::add);
        session.tableChanges().addListener(kept::add);

        session.write(tx -> insertTodo(tx, "a", "first", 0));
        registration.close();
        registration.close();
        session.write(tx -> insertTodo(tx, "b", "second", 0));

        assertThat(removed).hasSize(1);
        assertThat(kept).hasSize(2);
    }

    // ---- Schema ----

    @Test
    void applyingTheSameSchemaAgainChangesNothing() {
        SqlSession session = openWithSchema();
        session.write(tx -> insertTodo(tx, "a", "kept", 0));
        long version = session.read(this::schemaVersion);

        session.applySchema(todoSchema());

        assertThat(session.read(this::schemaVersion)).isEqualTo(version);
        assertThat(descriptions(session)).containsExactly("kept");
        assertThat(count(session, "ps_crud")).isEqualTo(1);
    }

    // ---- Upload queue ----

    @Test
    void peekReturnsTheOldestEntriesFirstUpToTheLimit() {
        SqlSession session = openWithSchema();
        session.write(tx -> insertTodo(tx, "a", "first", 0));
        session.write(tx -> insertTodo(tx, "b", "second", 1));
        session.write(tx -> insertTodo(tx, "c", "third", 0));

        List<CrudRecord> two = session.crudQueue().peek(2);

        assertThat(two).hasSize(2);
        assertThat(two.get(0).id()).isLessThan(two.get(1).id());
        assertThat(two.get(0).transactionId().orElseThrow()).isLessThan(two.get(1).transactionId().orElseThrow());
        Map<String, Object> entry = Json.parseObject(two.get(0).data());
        assertThat(entry).containsEntry("op", "PUT").containsEntry("id", "a").containsEntry("type", "todos");
        assertThat(entry.get("data")).isEqualTo(Map.of("description", "first", "completed", 0L));
        assertThat(Json.parseObject(two.get(1).data())).containsEntry("id", "b");
        assertThat(session.crudQueue().peek(10)).extracting(record -> Json.parseObject(record.data()).get("id"))
                .containsExactly("a", "b", "c");
    }

    @Test
    void peekTransactionReturnsTheWholeOldestTransaction() {
        SqlSession session = openWithSchema();
        session.write(tx -> {
            insertTodo(tx, "a", "first", 0);
            insertTodo(tx, "b", "second", 0);
            return null;
        });
        session.write(tx -> insertTodo(tx, "c", "third", 0));
        CrudQueue queue = session.crudQueue();

        List<CrudRecord> oldest = queue.peekTransaction();
        assertThat(oldest).extracting(record -> Json.parseObject(record.data()).get("id")).containsExactly("a", "b");
        assertThat(oldest.get(0).transactionId()).isPresent().isEqualTo(oldest.get(1).transactionId());

        queue.complete(oldest.get(1).id(), Optional.empty());
        List<CrudRecord> next = queue.peekTransaction();
        assertThat(next).extracting(record -> Json.parseObject(record.data()).get("id")).containsExactly("c");
        assertThat(next.get(0).transactionId().orElseThrow())
                .isGreaterThan(oldest.get(0).transactionId().orElseThrow());

        queue.complete(next.get(0).id(), Optional.empty());
        assertThat(queue.peekTransaction()).isEmpty();
    }

    @Test
    void completeWithoutWriteCheckpointDeletesAndWaitsForAnUnknownCheckpoint() {
        SqlSession session = openWithSchema();
        session.write(tx -> insertTodo(tx, "a", "first", 0));
        session.write(tx -> insertTodo(tx, "b", "second", 0));
        List<CrudRecord> queued = session.crudQueue().peek(10);
        // A local write already raised the gate; clear it so that only complete() can have set it.
        clearTarget(session);

        session.crudQueue().complete(queued.get(0).id(), Optional.empty());

        assertThat(session.crudQueue().peek(10)).containsExactly(queued.get(1));
        assertThat(kvLong(session, "target_checkpoint_request_id")).contains(MAX_OP_ID);

        clearTarget(session);
        session.crudQueue().complete(queued.get(1).id(), Optional.empty());
        assertThat(session.crudQueue().peek(10)).isEmpty();
        assertThat(kvLong(session, "target_checkpoint_request_id")).contains(MAX_OP_ID);
    }

    @Test
    void completeWithWriteCheckpointThatDrainsTheQueueTargetsIt() {
        SqlSession session = openWithSchema();
        session.write(tx -> insertTodo(tx, "a", "first", 0));
        session.write(tx -> insertTodo(tx, "b", "second", 0));
        long last = session.crudQueue().peek(10).get(1).id();

        session.crudQueue().complete(last, Optional.of("42"));

        assertThat(session.crudQueue().peek(10)).isEmpty();
        assertThat(kvLong(session, "target_checkpoint_request_id")).contains(42L);
    }

    @Test
    void completeWithWriteCheckpointThatLeavesEntriesWaitsForAnUnknownCheckpoint() {
        SqlSession session = openWithSchema();
        session.write(tx -> insertTodo(tx, "a", "first", 0));
        session.write(tx -> insertTodo(tx, "b", "second", 0));
        List<CrudRecord> queued = session.crudQueue().peek(10);

        session.crudQueue().complete(queued.get(0).id(), Optional.of("42"));

        // The checkpoint only covers what was uploaded; the entry still queued has not reached the service.
        assertThat(session.crudQueue().peek(10)).containsExactly(queued.get(1));
        assertThat(kvLong(session, "target_checkpoint_request_id")).contains(MAX_OP_ID);
    }

    @Test
    void completingAnEmptyQueueChangesNothing() {
        SqlSession session = openWithSchema();

        // As the SDKs do: an upload that found nothing queued must not move the write gate.
        session.crudQueue().complete(100, Optional.of("42"));

        assertThat(kvLong(session, "target_checkpoint_request_id")).isEmpty();
        assertThat(session.crudQueue().peek(10)).isEmpty();
        assertThat(session.crudQueue().peekTransaction()).isEmpty();
    }

    @Test
    void statsCountEntriesAndTheirSize() {
        SqlSession session = openWithSchema();
        assertThat(session.crudQueue().stats(true)).satisfies(empty -> {
            assertThat(empty.count()).isZero();
            assertThat(empty.sizeBytes()).hasValue(0);
        });
        session.write(tx -> insertTodo(tx, "a", "café ☕", 0));
        session.write(tx -> insertTodo(tx, "b", "plain", 1));
        // The size is of the UTF-8 JSON, so the non-ASCII description counts by bytes, not characters.
        long bytes = session.crudQueue().peek(10).stream()
                .mapToLong(record -> record.data().getBytes(StandardCharsets.UTF_8).length).sum();

        UploadQueueStats withSize = session.crudQueue().stats(true);
        UploadQueueStats withoutSize = session.crudQueue().stats(false);

        assertThat(withSize.count()).isEqualTo(2);
        assertThat(withSize.sizeBytes()).hasValue(bytes);
        assertThat(withoutSize.count()).isEqualTo(2);
        assertThat(withoutSize.sizeBytes()).isEmpty();
    }

    // ---- Queries, parameters, lifecycle ----

    @Test
    void tablesReadByResolvesViewsToTheirTables() {
        SqlSession session = openWithSchema();

        assertThat(session.tableChanges().tablesReadBy("SELECT * FROM todos", List.of())).contains("todos");
        assertThat(session.tableChanges().tablesReadBy("SELECT description FROM todos WHERE id = ?", List.of("a")))
                .contains("todos");
        assertThat(session.tableChanges().tablesReadBy("SELECT t.id, c.data FROM todos t, ps_crud c", List.of()))
                .contains("todos", "ps_crud");
    }

    @Test
    void aClosedSessionRefusesEveryOperation() {
        SqlSession session = openWithSchema();
        session.close();
        session.close();

        assertThatThrownBy(() -> session.read(tx -> 1)).isInstanceOf(DatabaseClosedException.class);
        assertThatThrownBy(() -> session.write(tx -> 1)).isInstanceOf(DatabaseClosedException.class);
        assertThatThrownBy(() -> session.applySchema(todoSchema())).isInstanceOf(DatabaseClosedException.class);
        assertThatThrownBy(() -> session.tableChanges().tablesReadBy("SELECT * FROM todos", List.of()))
                .isInstanceOf(DatabaseClosedException.class);
        assertThatThrownBy(() -> session.crudQueue().peek(1)).isInstanceOf(DatabaseClosedException.class);
        assertThatThrownBy(() -> session.crudQueue().stats(false)).isInstanceOf(DatabaseClosedException.class);
    }

    @Test
    void everyAllowedParameterTypeRoundTrips() {
        SqlSession session = openWithSchema();
        byte[] blob = {0, 1, 2, (byte) 0xff};

        session.read(tx -> {
            assertThat(echo(tx, "text ✓")).isEqualTo("text ✓");
            assertThat(echo(tx, Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
            assertThat(echo(tx, Long.MIN_VALUE)).isEqualTo(Long.MIN_VALUE);
            assertThat(echo(tx, 42)).isEqualTo(42L);
            assertThat(echo(tx, (short) 7)).isEqualTo(7L);
            assertThat(echo(tx, (byte) -3)).isEqualTo(-3L);
            assertThat(echo(tx, 2.5d)).isEqualTo(2.5d);
            assertThat(echo(tx, 0.1d)).isEqualTo(0.1d);
            assertThat(echo(tx, 1.5f)).isEqualTo(1.5d);
            assertThat(echo(tx, true)).isEqualTo(1L);
            assertThat(echo(tx, false)).isEqualTo(0L);
            assertThat((byte[]) echo(tx, blob)).containsExactly(blob);
            assertThat(echo(tx, null)).isNull();
            return null;
        });

        session.write(tx -> tx.execute(INSERT_TODO, "a", "stored", true));
        SqlRow row = session.read(tx -> tx.get("SELECT description, completed FROM todos WHERE id = ?", "a"));
        assertThat(row.get("description")).isEqualTo("stored");
        assertThat(row.get("completed")).isEqualTo(1L);
    }

    @Test
    void anUnsupportedParameterTypeFailsClearly() {
        SqlSession session = openWithSchema();

        assertThatThrownBy(() -> session.read(tx -> tx.get("SELECT ? AS v", UUID.randomUUID())))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("UUID");
        assertThatThrownBy(() -> session.write(tx -> {
            insertTodo(tx, "a", "first", 0);
            return tx.execute(INSERT_TODO, "b", new StringBuilder("not a string"), 0);
        })).isInstanceOf(StorageException.class).hasMessageContaining("StringBuilder");

        assertThat(count(session, "todos")).isZero();
    }

    // ---- Helpers for subclasses and the tests above ----

    /** Opens (or reopens) this test's file database; closed after the test. */
    protected final SqlSession open() {
        if (location == null) {
            location = newFileLocation(tempDir);
        }
        SqlSession session = engine().open(location, options());
        sessions.add(session);
        return session;
    }

    /** {@link #open()} with {@link #todoSchema()} applied. */
    protected final SqlSession openWithSchema() {
        SqlSession session = open();
        session.applySchema(todoSchema());
        return session;
    }

    protected static Void insertTodo(WriteContext tx, String id, String description, int completed) {
        tx.execute(INSERT_TODO, id, description, completed);
        return null;
    }

    protected static long count(SqlSession session, String table) {
        return session.read(tx -> tx.get("SELECT count(*) AS n FROM " + table).getLong("n"));
    }

    protected static List<String> descriptions(SqlSession session) {
        return session.read(tx -> tx.getAll("SELECT description FROM todos ORDER BY id", List.of(),
                row -> row.getString("description")));
    }

    protected static Optional<Long> kvLong(SqlSession session, String key) {
        return session.read(tx -> tx.getOptional("SELECT value FROM ps_kv WHERE key = ?", key)
                .map(row -> row.getLong("value")));
    }

    private static long layoutVersion(SqlSession session) {
        return session.read(tx -> tx.get("SELECT max(id) AS version FROM ps_migration").getLong("version"));
    }

    private static String clientId(SqlSession session) {
        return session.read(tx -> tx.get("SELECT value FROM ps_kv WHERE key = 'client_id'").getString("value"));
    }

    private static long nextTx(SqlSession session) {
        return session.read(tx -> tx.get("SELECT next_tx FROM ps_tx WHERE id = 1").getLong("next_tx"));
    }

    private static void clearTarget(SqlSession session) {
        session.write(tx -> tx.execute("DELETE FROM ps_kv WHERE key = 'target_checkpoint_request_id'"));
    }

    private static Object echo(ReadContext tx, Object value) {
        // Map to the row, not the value: a mapper answering null would read as "no row".
        return tx.get("SELECT ? AS v", Collections.singletonList(value), RowMapper.rows()).get("v");
    }

    /** Runs {@code work} on another thread and waits for it, bounded. */
    private <T> T within(Callable<T> work) {
        try {
            return executor.submit(work).get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("work on another thread failed", e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("work on another thread did not finish within " + WAIT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError("gave up waiting after " + WAIT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
