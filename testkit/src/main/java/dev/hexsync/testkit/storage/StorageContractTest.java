package dev.hexsync.testkit.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hexsync.ports.api.DatabaseClosedException;
import dev.hexsync.ports.api.SqlRow;
import dev.hexsync.ports.storage.CrudRecord;
import dev.hexsync.ports.storage.SqlSession;
import dev.hexsync.ports.storage.StorageException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The contract of the storage port, as a test kit: opening a database in the PowerSync layout, reopening it,
 * applying a schema, queries and their parameters, a closed session. Every storage engine extends this class, names
 * itself and where its file databases live, and inherits every test.
 *
 * <pre>{@code
 * class MyStorageContractTest extends StorageContractTest {
 *     protected StorageEngine engine() { return new MyStorageEngine(); }
 *     protected DatabaseLocation newFileLocation(Path tempDir) { return DatabaseLocation.file(tempDir.resolve("db")); }
 * }
 * }</pre>
 *
 * <p>See {@link SqlSessionContract} for the layout the tests speak and how they are bounded.
 */
public abstract class StorageContractTest extends SqlSessionContract {
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

    // ---- Queries, parameters, lifecycle ----

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

}
