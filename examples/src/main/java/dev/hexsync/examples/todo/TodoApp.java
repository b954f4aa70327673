package dev.hexsync.examples.todo;

import dev.hexsync.ports.api.SyncDatabase;
import dev.hexsync.ports.api.WatchSubscription;
import dev.hexsync.ports.schema.Index;
import dev.hexsync.ports.schema.Schema;
import dev.hexsync.ports.schema.Table;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The to-do app's data layer: plain SQL on the local database, which works the same online and offline. Writes
 * are queued for upload by the database itself; the app never talks to its server directly.
 */
public final class TodoApp {
    /** The app's tables; {@code id} is implicit in every table. */
    public static final Schema SCHEMA = Schema.of(
            Table.builder("lists").text("name").text("owner_id").build(),
            Table.builder("todos").text("list_id").text("description").integer("completed").text("created_at")
                    .index(Index.on("by_list", "list_id"))
                    .build());

    private static final String TODOS_OF_LIST =
            "SELECT * FROM todos WHERE list_id = ? ORDER BY created_at, id";

    private final SyncDatabase db;
    private final Clock clock;

    /**
     * @param db the local database, opened with {@link #SCHEMA}
     * @param clock the time written into {@code created_at}
     */
    public TodoApp(SyncDatabase db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * Creates a list owned by {@code owner}.
     *
     * @param name the list's name
     * @param owner the owning user's id
     * @return the new list's id
     */
    public String createList(String name, String owner) {
        String id = UUID.randomUUID().toString();
        db.execute("INSERT INTO lists(id, name, owner_id) VALUES (?, ?, ?)", id, name, owner);
        return id;
    }

    /**
     * Adds a to-do to a list.
     *
     * @param listId the list
     * @param description what to do
     * @return the new to-do's id
     */
    public String addTodo(String listId, String description) {
        String id = UUID.randomUUID().toString();
        db.execute("INSERT INTO todos(id, list_id, description, completed, created_at) VALUES (?, ?, ?, ?, ?)",
                id, listId, description, false, clock.instant());
        return id;
    }

    /**
     * Marks a to-do done.
     *
     * @param todoId the to-do
     */
    public void complete(String todoId) {
        db.execute("UPDATE todos SET completed = ? WHERE id = ?", true, todoId);
    }

    /**
     * The to-dos of a list, oldest first.
     *
     * @param listId the list
     * @return its to-dos
     */
    public List<Todo> todos(String listId) {
        return db.getAll(TODOS_OF_LIST, List.of(listId), Todo.class);
    }

    /**
     * Watches the to-dos of a list: {@code onChange} gets them now and after every change, local or synced.
     *
     * @param listId the list
     * @param onChange called with the list's to-dos
     * @param onError called if the watch fails
     * @return the running watch; close it when the screen goes away
     */
    public WatchSubscription watchTodos(String listId, Consumer<List<Todo>> onChange, Consumer<Throwable> onError) {
        return db.watch(TODOS_OF_LIST, List.of(listId), dev.hexsync.ports.api.RowMapper.ofRecord(Todo.class),
                onChange, onError);
    }
}
