package dev.hexsync.testkit.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hexsync.ports.api.SqlRow;
import dev.hexsync.ports.api.WriteContext;
import dev.hexsync.ports.storage.CrudRecord;
import dev.hexsync.ports.storage.MultipleStatementsException;
import dev.hexsync.ports.storage.SqlSession;
import dev.hexsync.ports.storage.StorageException;
import dev.hexsync.ports.storage.TableChange;
import dev.hexsync.ports.storage.WriteInReadException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The contract of a session's transactions, as a test kit: write transactions (commit, rollback, nesting, batches)
 * and read transactions (isolation, snapshots, refusing writes). Every storage engine extends this class, names
 * itself and where its file databases live, and inherits every test.
 *
 * <pre>{@code
 * class MyTransactionContractTest extends TransactionContractTest {
 *     protected StorageEngine engine() { return new MyStorageEngine(); }
 *     protected DatabaseLocation newFileLocation(Path tempDir) { return DatabaseLocation.file(tempDir.resolve("db")); }
 * }
 * }</pre>
 *
 * <p>See {@link SqlSessionContract} for the layout the tests speak and how they are bounded.
 */
public abstract class TransactionContractTest extends SqlSessionContract {
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

}
