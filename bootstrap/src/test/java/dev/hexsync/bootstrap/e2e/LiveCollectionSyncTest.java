package dev.hexsync.bootstrap.e2e;

import static dev.hexsync.bootstrap.e2e.TodoService.OPTIONS;
import static dev.hexsync.bootstrap.e2e.TodoService.SCHEMA;
import static dev.hexsync.bootstrap.e2e.TodoService.USER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hexsync.bootstrap.HexSync;
import dev.hexsync.ports.api.SyncDatabase;
import dev.hexsync.ports.api.collection.CollectionOptions;
import dev.hexsync.ports.api.collection.LiveCollection;
import dev.hexsync.ports.api.collection.LiveSubset;
import dev.hexsync.ports.api.collection.Mutation;
import dev.hexsync.ports.api.collection.RowFilter;
import dev.hexsync.emulator.SyncServiceEmulator;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live collections on a syncing database: rows synced from the service appear in them; local mutations appear
 * at once, persist, upload and come back as the service's confirmed state; a failing transaction leaves
 * neither memory nor database changed.
 */
class LiveCollectionSyncTest {
    /** The todos of {@link TodoService} as a record; {@code completed} is a boolean stored as 0/1. */
    record Todo(String id, String listId, String description, boolean completed, double estimate) {
    }

    /** A list; only its name. */
    record TodoList(String id, String name) {
    }

    @TempDir
    Path dir;
    private SyncServiceEmulator service;
    private SyncDatabase db;
    private EmulatorBackend backend;

    @BeforeEach
    void start() {
        service = TodoService.emulator().build().start();
        TodoService.seed(service, 2, 50);
        db = HexSync.builder().sqlite(dir.resolve("app.db")).schema(SCHEMA).build();
        backend = new EmulatorBackend(service, USER);
    }

    @AfterEach
    void stop() {
        backend.releaseUploads();
        db.close();
        service.close();
    }

    @Test
    void syncedRowsAppearAndLocalMutationsUploadAndComeBackConfirmed() throws Exception {
        LiveCollection<Todo> todos = db.collections().open(CollectionOptions.of("todos", Todo.class));
        LiveSubset<Todo> firstList = todos.where(RowFilter.eq("list_id", "list-1"));
        assertThat(todos.size()).as("nothing synced yet").isZero();

        Eventually.join("connect", db.connect(backend, OPTIONS));
        Eventually.await("the synced rows in the collection", () -> todos.size() == 50);
        assertThat(todos.get("todo-00004")).contains(new Todo("todo-00004", "list-1", "Todo number 4", true, 1.0));
        assertThat(firstList.size()).isEqualTo(25);

        // A change on the service reaches the collection through sync and the diff trigger.
        service.patch("todos", "todo-00004", Map.of("description", "changed on the server"));
        Eventually.await("the server's change", () -> todos.get("todo-00004").map(Todo::description)
                .filter("changed on the server"::equals).isPresent());

        // A local insert: in memory at once, then persisted, uploaded, and confirmed by the service.
        Todo mine = new Todo("todo-local", "list-1", "made in the collection", false, 2.5);
        Mutation insert = todos.insert(mine);
        assertThat(todos.get("todo-local")).contains(mine);
        assertThat(firstList.values()).contains(mine);
        Eventually.join("the insert to persist", insert.persisted());
        assertThat(db.get("SELECT description FROM todos WHERE id = 'todo-local'").getString("description"))
                .isEqualTo("made in the collection");
        Eventually.await("the upload", () -> service.row("todos", "todo-local").isPresent());
        assertThat(service.row("todos", "todo-local").orElseThrow())
                .containsEntry("description", "made in the collection").containsEntry("list_id", "list-1");
        Eventually.await("the service's confirmed state", () -> Replica.uploadsConfirmed(db));
        assertThat(todos.get("todo-local")).contains(mine);
        assertThat(todos.size()).isEqualTo(51);
        assertThat(Replica.differencesFromService(db, service, TodoService.GLOBAL, "todos")).isEmpty();
    }

    @Test
    void aFailingTransactionRollsBackMemoryAndDatabase() {
        db.execute("INSERT INTO lists(id, name, owner_id) VALUES ('list-x', 'already there', ?)", USER);
        LiveCollection<Todo> todos = db.collections().open(CollectionOptions.of("todos", Todo.class));
        // On demand with no subset, the lists collection holds nothing, so inserting 'list-x' passes the memory
        // check and fails in the database (the id exists): the whole transaction must go.
        LiveCollection<TodoList> lists = db.collections().open(CollectionOptions.of("lists", TodoList.class)
                .loadOnDemand());
        long queuedBefore = Replica.queued(db);

        Mutation both = db.collections().transactor().begin()
                .insert(todos, new Todo("todo-doomed", "list-x", "never stored", false, 0))
                .insert(lists, new TodoList("list-x", "a second one"))
                .commit();
        assertThat(todos.get("todo-doomed")).as("optimistic").isPresent();
        assertThat(lists.get("list-x")).as("optimistic").isPresent();

        Throwable failure = both.persisted().handle((done, error) -> error).join();
        assertThat(failure).isNotNull().isNotInstanceOf(CompletionException.class);
        assertThat(todos.get("todo-doomed")).isEmpty();
        assertThat(lists.get("list-x")).isEmpty();
        assertThat(db.getOptional("SELECT id FROM todos WHERE id = 'todo-doomed'")).isEmpty();
        assertThat(db.get("SELECT name FROM lists WHERE id = 'list-x'").getString("name")).isEqualTo("already there");
        assertThat(Replica.queued(db)).isEqualTo(queuedBefore);
    }
}
