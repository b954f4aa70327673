package dev.hexsync.bootstrap.e2e;

import static dev.hexsync.bootstrap.e2e.TodoService.GLOBAL;
import static dev.hexsync.bootstrap.e2e.TodoService.OPTIONS;
import static dev.hexsync.bootstrap.e2e.TodoService.SCHEMA;
import static dev.hexsync.bootstrap.e2e.TodoService.USER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hexsync.bootstrap.HexSync;
import dev.hexsync.ports.api.SyncDatabase;
import dev.hexsync.emulator.SyncServiceEmulator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Changes made at the source while a database is connected arrive in its tables and in its watches. */
class LiveChangesTest {
    @TempDir
    Path dir;

    @Test
    void putPatchAndDeleteAtTheSourceReachAWatchedQuery() throws InterruptedException {
        try (SyncServiceEmulator service = TodoService.emulator().build().start();
                SyncDatabase db = HexSync.builder().sqlite(dir.resolve("app.db")).schema(SCHEMA).build()) {
            TodoService.seed(service, 3, 30);
            Eventually.join("connect", db.connect(new EmulatorBackend(service, USER), OPTIONS));
            Eventually.join("the first sync", db.waitForFirstSync());

            Results results = new Results();
            db.watch("SELECT id, description, completed FROM todos WHERE list_id = ? ORDER BY id", List.of("list-1"),
                    row -> row.getString("id") + "|" + row.getString("description") + "|" + row.getLong("completed"))
                    .subscribe(results);
            List<String> initial = results.awaitMatching("the first result", rows -> rows.size() == 10);
            assertThat(initial).first().isEqualTo("todo-00003|Todo number 3|0");

            service.put("todos", "todo-live", Map.of("list_id", "list-1", "description", "Added at the source",
                    "completed", 0));
            results.awaitMatching("the put", rows -> rows.contains("todo-live|Added at the source|0"));

            service.patch("todos", "todo-00003", Map.of("completed", 1, "description", "Patched at the source"));
            results.awaitMatching("the patch", rows -> rows.contains("todo-00003|Patched at the source|1"));

            service.delete("todos", "todo-00006");
            List<String> afterDelete = results.awaitMatching("the delete",
                    rows -> rows.stream().noneMatch(row -> row.startsWith("todo-00006|")));
            assertThat(afterDelete).hasSize(10);

            // A change moving a row out of the watched list is a change of the query's result too.
            service.patch("todos", "todo-live", Map.of("list_id", "list-2"));
            results.awaitMatching("the move", rows -> rows.stream().noneMatch(row -> row.startsWith("todo-live|")));

            Eventually.await("the tables to match the source",
                    () -> Replica.differencesFromService(db, service, GLOBAL, "todos").isEmpty(),
                    () -> Replica.differencesFromService(db, service, GLOBAL, "todos"));
            assertThat(db.get("SELECT list_id FROM todos WHERE id = 'todo-live'").getString("list_id"))
                    .isEqualTo("list-2");
            assertThat(db.syncStatus().downloadError()).isEmpty();
            assertThat(Replica.queued(db)).as("server changes queue nothing for upload").isZero();
        }
    }

    /** Collects a watch's results; waits for one that satisfies a condition. */
    private static final class Results implements Flow.Subscriber<List<String>> {
        private final BlockingQueue<List<String>> received = new LinkedBlockingQueue<>();
        private volatile Throwable failure;

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<String> rows) {
            received.add(rows);
        }

        @Override
        public void onError(Throwable throwable) {
            failure = throwable;
        }

        @Override
        public void onComplete() {
        }

        /** The first result, in order, that satisfies {@code condition}; later results stay for the next call. */
        List<String> awaitMatching(String what, Predicate<List<String>> condition) {
            AtomicReference<List<String>> last = new AtomicReference<>();
            AtomicReference<List<String>> match = new AtomicReference<>();
            Awaitility.await(what).atMost(Eventually.TIMEOUT).pollInterval(Duration.ofMillis(10)).pollInSameThread()
                    .failFast("the watch failed while waiting for " + what, () -> failure != null)
                    .untilAsserted(() -> {
                        List<String> rows;
                        while (match.get() == null && (rows = received.poll()) != null) {
                            last.set(rows);
                            if (condition.test(rows)) {
                                match.set(rows);
                            }
                        }
                        assertThat(match.get()).as("a watch result showing %s; last result: %s", what, last.get())
                                .isNotNull();
                    });
            return match.get();
        }
    }
}
