package dev.hexsync.bootstrap.collections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hexsync.bootstrap.HexSync;
import dev.hexsync.ports.api.SqlRow;
import dev.hexsync.ports.api.SyncDatabase;
import dev.hexsync.ports.api.collection.CollectionOptions;
import dev.hexsync.ports.api.collection.InvalidRowException;
import dev.hexsync.ports.api.collection.LiveCollection;
import dev.hexsync.ports.api.collection.Mutation;
import dev.hexsync.ports.api.collection.MutationRejectedException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A live collection over a real SQLite file: hydration, the writes of others, optimistic mutations. */
class LiveCollectionTest {
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dir;
    private SyncDatabase db;

    @BeforeEach
    void open() {
        db = HexSync.builder().sqlite(dir.resolve("live.db")).schema(Todo.SCHEMA).build();
    }

    @AfterEach
    void close() {
        db.close();
    }

    static void await(String what, java.util.function.BooleanSupplier condition) {
        Awaitility.await(what).atMost(TIMEOUT).pollInterval(Duration.ofMillis(5)).until(condition::getAsBoolean);
    }

    static void join(Mutation mutation) throws Exception {
        mutation.persisted().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    private void insertRows(int from, int count) {
        List<List<?>> rows = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            rows.add(List.of(String.format("t%06d", i), "list-" + (i % 10), "todo " + i, i % 2, i * 0.5));
        }
        db.writeTransaction(tx -> {
            tx.executeBatch("INSERT INTO todos(id, list_id, description, completed, estimate) VALUES (?, ?, ?, ?, ?)",
                    rows);
            return null;
        });
    }

    private Todo stored(String id) {
        return todo(db.get("SELECT * FROM todos WHERE id = ?", id));
    }

    private static Todo todo(SqlRow row) {
        return new Todo(row.getString("id"), row.getString("list_id"), row.getString("description"),
                row.getBoolean("completed"), row.getDouble("estimate"));
    }

    @Test
    void hydratesAHundredThousandRowsAsTypedRecords() {
        insertRows(0, 100_000);
        try (LiveCollection<Todo> todos = db.collections().open(CollectionOptions.of("todos", Todo.class))) {
            assertThat(todos.size()).isEqualTo(100_000);
            assertThat(todos.get("t000007")).contains(new Todo("t000007", "list-7", "todo 7", true, 3.5));
            assertThat(todos.values().get(99_999).id()).isEqualTo("t099999");
            assertThat(todos.get("missing")).isEmpty();
        }
    }

    @Test
    void aWriterRunningDuringHydrationLosesNothing() throws Exception {
        insertRows(0, 20_000);
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger written = new AtomicInteger();
        Thread writer = new Thread(() -> {
            while (writing.get()) {
                int i = 100_000 + written.getAndIncrement();
                db.execute("INSERT INTO todos(id, list_id, description, completed, estimate) VALUES (?, 'w', ?, 0, 0)",
                        String.format("t%06d", i), "written during hydration");
                db.execute("UPDATE todos SET description = ? WHERE id = ?", "changed " + i,
                        String.format("t%06d", i % 20_000));
            }
        });
        writer.start();
        await("the writer to be under way", () -> written.get() > 5);
        LiveCollection<Todo> todos = db.collections().open(CollectionOptions.of("todos", Todo.class).withBatchSize(500));
        await("more writes after hydration", () -> written.get() > 200 + 5);
        writing.set(false);
        writer.join(TIMEOUT.toMillis());

        List<Todo> expected = db.getAll("SELECT * FROM todos ORDER BY id").stream().map(LiveCollectionTest::todo)
                .toList();
        await("the collection to match the table", () -> todos.values().equals(expected));
        todos.close();
    }

    @Test
    void mutationsShowAtOnceThenPersistWithOnlyTheirColumns() throws Exception {
        insertRows(0, 3);
        LiveCollection<Todo> todos = db.collections().open(CollectionOptions.of("todos", Todo.class)
                .withFlushInterval(Duration.ofMillis(50)));
        Mutation insert = todos.insert(Todo.of("new", "list-1"));
        assertThat(todos.get("new")).as("optimistic, before any write").contains(Todo.of("new", "list-1"));
        join(insert);
        assertThat(stored("new")).isEqualTo(Todo.of("new", "list-1"));

        Mutation update = todos.update("new", todo -> todo.withCompleted(true));
        assertThat(todos.get("new")).map(Todo::completed).contains(true);
        join(update);
        assertThat(stored("new").completed()).isTrue();
        assertThat(db.getAll("SELECT data FROM ps_crud ORDER BY id")).extracting(row -> row.getString("data"))
                .last().asString().contains("\"op\":\"PATCH\"").contains("\"completed\":1").doesNotContain("description");

        join(todos.delete("t000001"));
        assertThat(todos.get("t000001")).isEmpty();
        assertThat(db.getOptional("SELECT id FROM todos WHERE id = 't000001'")).isEmpty();
        assertThat(todos.size()).isEqualTo(3);
        todos.close();
    }

    @Test
    void invalidRowsAndImpossibleMutationsAreRejectedBeforeAnythingIsWritten() {
        LiveCollection<Todo> todos = db.collections().open(CollectionOptions.of("todos", Todo.class)
                .withValidator(todo -> todo.estimate() < 0 ? Optional.of("estimate must not be negative")
                        : Optional.empty()));
        assertThatThrownBy(() -> todos.insert(new Todo("bad", "l", "d", false, -1)))
                .isInstanceOf(InvalidRowException.class).hasMessageContaining("estimate must not be negative");
        assertThatThrownBy(() -> todos.update("nope", todo -> todo))
                .isInstanceOf(MutationRejectedException.class).hasMessageContaining("nope");
        assertThat(todos.size()).isZero();
        assertThat(db.getAll("SELECT * FROM ps_crud")).isEmpty();
        todos.close();
    }

    @Test
    void theLostUpdateCaseKeepsBothWritersColumns() throws Exception {
        insertRows(0, 1);
        // A long flush window: the other writer's change is recorded but not yet in memory when we update.
        LiveCollection<Todo> todos = db.collections().open(CollectionOptions.of("todos", Todo.class)
                .withFlushInterval(Duration.ofSeconds(2)));
        db.execute("UPDATE todos SET estimate = 42 WHERE id = 't000000'");
        List<Todo> seen = new ArrayList<>();
        Mutation mine = todos.update("t000000", todo -> {
            seen.add(todo);
            return todo.withDescription("mine");
        });
        join(mine);

        assertThat(seen).as("the update was made on the row without the other writer's change")
                .extracting(Todo::estimate).containsExactly(0.0);
        assertThat(stored("t000000")).isEqualTo(new Todo("t000000", "list-0", "mine", false, 42.0));
        assertThat(todos.get("t000000")).contains(new Todo("t000000", "list-0", "mine", false, 42.0));
        todos.close();
    }

    @Test
    void aDeleteAndAnInsertOfTheSameIdInTheSameInstantDoNotHang() throws Exception {
        insertRows(0, 1);
        LiveCollection<Todo> todos = db.collections().open(CollectionOptions.of("todos", Todo.class));
        Todo replacement = new Todo("t000000", "list-9", "replaced", true, 9);
        Mutation both = db.collections().transactor().begin()
                .delete(todos, "t000000").insert(todos, replacement).commit();
        assertThat(todos.get("t000000")).contains(replacement);
        join(both);
        // And the other way round, as two transactions committed back to back.
        Mutation delete = todos.delete("t000000");
        Mutation insert = todos.insert(Todo.of("t000000", "list-1"));
        join(delete);
        join(insert);
        assertThat(todos.get("t000000")).contains(Todo.of("t000000", "list-1"));
        assertThat(stored("t000000")).isEqualTo(Todo.of("t000000", "list-1"));
        todos.close();
    }
}
