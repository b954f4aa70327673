package dev.hexsync.examples.guide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hexsync.bootstrap.HexSync;
import dev.hexsync.ports.api.QueryDiff;
import dev.hexsync.ports.api.RowMapper;
import dev.hexsync.ports.api.SqlRow;
import dev.hexsync.ports.api.SyncDatabase;
import dev.hexsync.ports.api.WatchSubscription;
import dev.hexsync.ports.schema.Schema;
import dev.hexsync.ports.schema.Table;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The guide's page on queries, transactions and watches. */
class QueriesGuideTest {
    private static final Duration GUARD = Duration.ofSeconds(10);

    // tag::record[]
    public record Todo(String id, String listId, String description, boolean completed, Instant createdAt) {
    }
    // end::record[]

    enum Priority { LOW, HIGH }

    private SyncDatabase db;

    @BeforeEach
    void open() {
        db = HexSync.builder().inMemory().schema(Schema.of(Table.builder("todos").text("list_id")
                .text("description").integer("completed").text("created_at").text("priority").text("cost").build()))
                .build();
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void statementsAndQueries() {
        // tag::sql[]
        db.execute("INSERT INTO todos(id, list_id, description, completed) VALUES (uuid(), ?, ?, ?)",
                "groceries", "Buy milk", false);

        List<SqlRow> rows = db.getAll("SELECT * FROM todos WHERE list_id = ?", "groceries");
        String first = db.get("SELECT description FROM todos LIMIT 1").getString("description");
        List<String> open = db.getAll("SELECT description FROM todos WHERE completed = ?", List.of(false),
                row -> row.getString("description"));
        // end::sql[]
        assertThat(rows).hasSize(1);
        assertThat(first).isEqualTo("Buy milk");
        assertThat(open).containsExactly("Buy milk");
    }

    @Test
    void richParametersAndRecords() {
        // tag::types[]
        UUID id = UUID.randomUUID();
        Instant now = Instant.parse("2026-12-07T21:03:04.567Z");
        db.execute("INSERT INTO todos(id, list_id, description, completed, created_at, priority, cost)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)", id, "groceries", "Buy milk", false, now, Priority.HIGH,
                new BigDecimal("2.49"));
        // Stored as text: '2026-12-07T21:03:04.567Z', 'HIGH', '2.49', the UUID's lower-case form

        List<Todo> todos = db.getAll("SELECT * FROM todos WHERE created_at <= ?", List.of(now), Todo.class);
        RowMapper<Todo> mapper = RowMapper.ofRecord(Todo.class);   // the same, as a mapper to reuse
        // end::types[]
        assertThat(todos).containsExactly(new Todo(id.toString(), "groceries", "Buy milk", false, now));
        assertThat(db.getAll("SELECT * FROM todos", List.of(), mapper)).isEqualTo(todos);
        assertThat(db.get("SELECT priority, cost FROM todos").toMap())
                .containsEntry("priority", "HIGH").containsEntry("cost", "2.49");
    }

    @Test
    void transactions() {
        // tag::transactions[]
        String listId = db.writeTransaction(tx -> {
            tx.execute("INSERT INTO todos(id, list_id, description) VALUES (uuid(), ?, ?)", "l1", "first");
            tx.execute("INSERT INTO todos(id, list_id, description) VALUES (uuid(), ?, ?)", "l1", "second");
            return "l1";                        // committed when the work returns, rolled back if it throws
        });
        long count = db.readTransaction(tx -> tx.get("SELECT count(*) AS n FROM todos").getLong("n"));
        // end::transactions[]
        assertThat(listId).isEqualTo("l1");
        assertThat(count).isEqualTo(2);
    }

    @Test
    void futures() {
        // tag::async[]
        CompletableFuture<List<Todo>> todos = db
                .writeTransactionAsync(tx -> tx.execute("INSERT INTO todos(id, list_id, description, completed) VALUES (?, ?, ?, ?)",
                        UUID.randomUUID(), "l1", "async", false))
                .thenCompose(changed -> db.getAllAsync("SELECT * FROM todos", List.of(), Todo.class));
        // end::async[]
        assertThat(todos.join()).extracting(Todo::description).containsExactly("async");
    }

    @Test
    void watchWithCallbacks() {
        List<List<String>> seen = new CopyOnWriteArrayList<>();
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        // tag::watch[]
        WatchSubscription watch = db.watch("SELECT description FROM todos WHERE completed = 0 ORDER BY description",
                List.of(), row -> row.getString("description"),
                descriptions -> seen.add(descriptions),      // now, and after every change that alters the result
                error -> errors.add(error));                  // a failing query or callback; the watch stops
        db.execute("INSERT INTO todos(id, description, completed) VALUES (uuid(), 'Walk the dog', 0)");
        // ... later, when the screen goes away:
        // end::watch[]
        await().atMost(GUARD).until(() -> seen.contains(List.of("Walk the dog")));
        // tag::watch-close[]
        watch.close();
        // end::watch-close[]
        // The first result is read when the watch starts, which may be before or after the insert commits.
        assertThat(seen).allSatisfy(result -> assertThat(result).isSubsetOf("Walk the dog"));
        assertThat(errors).isEmpty();
    }

    @Test
    void watchAsAFlowPublisherAndDifferentially() {
        List<QueryDiff<Todo>> diffs = new CopyOnWriteArrayList<>();
        List<Set<String>> changes = new CopyOnWriteArrayList<>();
        // tag::flow[]
        Flow.Publisher<List<Todo>> publisher = db.watch("SELECT * FROM todos", List.of(), RowMapper.ofRecord(Todo.class));
        WatchSubscription differences = db.watchDifferential("SELECT * FROM todos", List.of(),
                RowMapper.ofRecord(Todo.class), diff -> diffs.add(diff), Throwable::printStackTrace);
        WatchSubscription tables = db.onChange(Set.of("todos"), changed -> changes.add(changed),
                Throwable::printStackTrace);
        // end::flow[]
        assertThat(publisher).isNotNull();
        db.execute("INSERT INTO todos(id, description, completed) VALUES ('t1', 'added', 0)");
        await().atMost(GUARD).until(() -> diffs.stream().anyMatch(d -> d.added().size() == 1));
        await().atMost(GUARD).until(() -> changes.contains(Set.of("todos")));
        differences.close();
        tables.close();
    }
}
