package dev.hexsync.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hexsync.ports.api.SyncDatabase;
import dev.hexsync.ports.schema.Schema;
import dev.hexsync.ports.schema.Table;
import dev.hexsync.ports.storage.MultipleStatementsException;
import dev.hexsync.ports.storage.WriteInReadException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a call runs: one statement per call, and no writes through a read. Each rule holds alike for an
 * in-memory database (whose reads run on the writer connection) and a file database (pooled readers).
 */
class SqlStatementRulesTest {
    private static final Schema SCHEMA = Schema.of(Table.builder("todos").text("description").build());
    private static final String TWO_INSERTS =
            "INSERT INTO todos(id, description) VALUES ('a', 'one'); INSERT INTO todos(id, description) VALUES ('b', 'two')";

    @TempDir
    Path dir;

    private SyncDatabase db;

    private SyncDatabase open(String kind) {
        HexSync.Builder builder = HexSync.builder().schema(SCHEMA);
        db = (kind.equals("memory") ? builder.inMemory() : builder.sqlite(dir.resolve("app.db"))).build();
        return db;
    }

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "file"})
    void executeRefusesTextWithTwoStatementsAndRunsNeither(String kind) {
        SyncDatabase db = open(kind);

        assertThatThrownBy(() -> db.execute(TWO_INSERTS))
                .isInstanceOf(MultipleStatementsException.class)
                .hasMessageContaining("one SQL statement")
                .hasMessageContaining("INSERT INTO todos(id, description) VALUES ('b', 'two')");
        assertThatThrownBy(() -> db.writeTransaction(tx -> tx.execute(TWO_INSERTS)))
                .isInstanceOf(MultipleStatementsException.class);
        assertThatThrownBy(() -> db.executeBatch(TWO_INSERTS, List.of(List.of())))
                .isInstanceOf(MultipleStatementsException.class);
        assertThatThrownBy(() -> db.getAll("SELECT 1; SELECT 2"))
                .isInstanceOf(MultipleStatementsException.class);

        assertThat(count(db, "todos")).isZero();
        assertThat(count(db, "ps_crud")).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "file"})
    void oneStatementWithTrailingSemicolonsAndCommentsRuns(String kind) {
        SyncDatabase db = open(kind);

        db.execute("INSERT INTO todos(id, description) VALUES (?, 'a;b'); -- the one statement\n ;", "x");

        assertThat(db.get("SELECT description FROM todos WHERE id = 'x'").getString("description")).isEqualTo("a;b");
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "file"})
    void aReadThatWouldWriteFailsTheSameWayAndWritesNothing(String kind) {
        SyncDatabase db = open(kind);
        db.execute("INSERT INTO todos(id, description) VALUES ('a', 'one')");
        long queued = count(db, "ps_crud");

        assertThatThrownBy(() -> db.getAll("DELETE FROM todos RETURNING id"))
                .isInstanceOf(WriteInReadException.class)
                .hasMessageContaining("execute")
                .hasMessageContaining("write transaction");
        assertThatThrownBy(() -> db.readTransaction(tx -> tx.getAll("DELETE FROM todos RETURNING id")))
                .isInstanceOf(WriteInReadException.class);
        assertThatThrownBy(() -> db.writeTransaction(tx -> db.getAll("DELETE FROM todos RETURNING id")))
                .as("a read on the database inside a write transaction is still a read")
                .isInstanceOf(WriteInReadException.class);

        assertThat(count(db, "todos")).isEqualTo(1);
        assertThat(count(db, "ps_crud")).isEqualTo(queued);
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "file"})
    void aWriteTransactionReturnsTheRowsOfReturning(String kind) {
        SyncDatabase db = open(kind);
        db.execute("INSERT INTO todos(id, description) VALUES ('a', 'one')");

        List<String> deleted = db.writeTransaction(tx -> tx.getAll("DELETE FROM todos RETURNING id", List.of(),
                row -> row.getString("id")));

        assertThat(deleted).containsExactly("a");
        assertThat(count(db, "todos")).isZero();
        // And reads still work on the same connection afterwards (the in-memory writer is not left query-only).
        db.execute("INSERT INTO todos(id, description) VALUES ('b', 'two')");
        assertThat(count(db, "todos")).isEqualTo(1);
    }

    private static long count(SyncDatabase db, String table) {
        return db.get("SELECT count(*) AS n FROM " + table).getLong("n");
    }
}
