package dev.hexsync.testkit.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hexsync.ports.schema.Schema;
import dev.hexsync.ports.schema.Table;
import dev.hexsync.ports.storage.SqlSession;
import dev.hexsync.ports.storage.TableChange;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link dev.hexsync.ports.storage.TableChanges}, as a test kit: what listeners hear after commits
 * and rollbacks, names as the application uses them, the tables a query reads. Every storage engine extends this
 * class, names itself and where its file databases live, and inherits every test.
 *
 * <pre>{@code
 * class MyTableChangesContractTest extends TableChangesContractTest {
 *     protected StorageEngine engine() { return new MyStorageEngine(); }
 *     protected DatabaseLocation newFileLocation(Path tempDir) { return DatabaseLocation.file(tempDir.resolve("db")); }
 * }
 * }</pre>
 *
 * <p>See {@link SqlSessionContract} for the layout the tests speak and how they are bounded.
 */
public abstract class TableChangesContractTest extends SqlSessionContract {
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

    @Test
    void tablesReadByResolvesViewsToTheirTables() {
        SqlSession session = openWithSchema();

        assertThat(session.tableChanges().tablesReadBy("SELECT * FROM todos", List.of())).contains("todos");
        assertThat(session.tableChanges().tablesReadBy("SELECT description FROM todos WHERE id = ?", List.of("a")))
                .contains("todos");
        assertThat(session.tableChanges().tablesReadBy("SELECT t.id, c.data FROM todos t, ps_crud c", List.of()))
                .contains("todos", "ps_crud");
    }
}
