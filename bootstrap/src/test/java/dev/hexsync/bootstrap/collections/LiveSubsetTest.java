package dev.hexsync.bootstrap.collections;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hexsync.bootstrap.HexSync;
import dev.hexsync.ports.api.SyncDatabase;
import dev.hexsync.ports.api.collection.Change;
import dev.hexsync.ports.api.collection.ChangeBatch;
import dev.hexsync.ports.api.collection.CollectionOptions;
import dev.hexsync.ports.api.collection.LiveCollection;
import dev.hexsync.ports.api.collection.LiveSubset;
import dev.hexsync.ports.api.collection.RowFilter;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Live subsets on SQLite: ordered and filtered views, change listeners, and the on-demand mode's loading. */
class LiveSubsetTest {
    @TempDir
    Path dir;
    private SyncDatabase db;

    @BeforeEach
    void open() {
        db = HexSync.builder().sqlite(dir.resolve("subsets.db")).schema(Todo.SCHEMA).build();
        for (int i = 0; i < 6; i++) {
            db.execute("INSERT INTO todos(id, list_id, description, completed, estimate) VALUES (?, ?, ?, 0, ?)",
                    "t" + i, "list-" + (i % 2), "todo " + i, 10.0 - i);
        }
    }

    @AfterEach
    void close() {
        db.close();
    }

    /** Records every batch it is given. */
    static final class Recorder<T> implements Flow.Subscriber<ChangeBatch<T>> {
        final List<Change<T>> changes = new CopyOnWriteArrayList<>();

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(ChangeBatch<T> batch) {
            changes.addAll(batch.changes());
        }

        @Override
        public void onError(Throwable throwable) {
        }

        @Override
        public void onComplete() {
        }
    }

    @Test
    void aFilteredOrderedSubsetFollowsTheTableAndTellsItsListeners() throws Exception {
        LiveCollection<Todo> todos = db.collections().open(CollectionOptions.of("todos", Todo.class));
        LiveSubset<Todo> cheapFirst = todos.where(RowFilter.eq("list_id", "list-0"))
                .orderBy(Comparator.comparingDouble(Todo::estimate));
        assertThat(cheapFirst.values()).extracting(Todo::id).containsExactly("t4", "t2", "t0");
        Recorder<Todo> recorder = new Recorder<>();
        cheapFirst.changes().subscribe(recorder);
        assertThat(recorder.changes).extracting(Change::kind).containsOnly(Change.Kind.ADDED).hasSize(3);

        // Another writer moves t1 into list-0; a mutation moves t4 out of it.
        db.execute("UPDATE todos SET list_id = 'list-0' WHERE id = 't1'");
        LiveCollectionTest.await("t1 in the subset", () -> cheapFirst.values().stream().anyMatch(t -> t.id().equals("t1")));
        LiveCollectionTest.join(todos.update("t4", todo -> new Todo(todo.id(), "list-1", todo.description(),
                todo.completed(), todo.estimate())));
        assertThat(cheapFirst.values()).extracting(Todo::id).containsExactly("t2", "t1", "t0");
        assertThat(recorder.changes.subList(3, recorder.changes.size()))
                .extracting(change -> change.kind() + " " + change.id())
                .containsExactly("ADDED t1", "REMOVED t4");
        todos.close();
    }

    @Test
    void anOnDemandCollectionLoadsWhatItsSubsetsCoverAndEvictsTheRest() throws Exception {
        LiveCollection<Todo> todos = db.collections().open(CollectionOptions.of("todos", Todo.class).loadOnDemand());
        assertThat(todos.size()).isZero();

        LiveSubset<Todo> listOne = todos.where(RowFilter.eq("list_id", "list-1"));
        assertThat(todos.values()).extracting(Todo::id).containsExactly("t1", "t3", "t5");
        assertThat(listOne.size()).isEqualTo(3);

        // Writes outside what is covered are not recorded, writes inside are, and rows moving out leave.
        db.execute("INSERT INTO todos(id, list_id, description, completed, estimate) VALUES ('x0', 'list-0', 'x', 0, 0)");
        db.execute("INSERT INTO todos(id, list_id, description, completed, estimate) VALUES ('x1', 'list-1', 'x', 0, 0)");
        db.execute("UPDATE todos SET list_id = 'list-0' WHERE id = 't3'");
        LiveCollectionTest.await("x1 in, t3 out", () -> todos.get("x1").isPresent() && todos.get("t3").isEmpty());
        assertThat(todos.values()).extracting(Todo::id).containsExactly("t1", "t5", "x1");
        assertThat(db.getAll("SELECT name FROM sqlite_master WHERE type = 'trigger' AND sql LIKE '%WHEN%list-1%'"))
                .as("the filter is compiled into the trigger's WHEN").isNotEmpty();

        LiveSubset<Todo> cheap = todos.where(RowFilter.lt("estimate", 6.0).and(RowFilter.eq("completed", false)));
        assertThat(todos.values()).extracting(Todo::id).containsExactly("t1", "t5", "x0", "x1");
        assertThat(cheap.values()).extracting(Todo::id).containsExactly("t5", "x0", "x1");

        listOne.close();
        assertThat(todos.values()).as("only the cheap subset's rows stay").extracting(Todo::id)
                .containsExactly("t5", "x0", "x1");
        todos.close();
    }
}
