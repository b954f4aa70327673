package dev.hexsync.examples.guide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hexsync.adapters.sqlite.SqliteStorageEngine;
import dev.hexsync.bootstrap.HexSync;
import dev.hexsync.domain.database.LocalDatabase;
import dev.hexsync.examples.todo.ServerDatabase;
import dev.hexsync.examples.todo.Todo;
import dev.hexsync.examples.todo.TodoApp;
import dev.hexsync.examples.todo.TodoBackend;
import dev.hexsync.ports.api.ConnectOptions;
import dev.hexsync.ports.api.SyncDatabase;
import dev.hexsync.ports.api.WatchSubscription;
import dev.hexsync.ports.storage.DatabaseLocation;
import dev.hexsync.ports.storage.StorageOptions;
import dev.hexsync.ports.transport.Credentials;
import dev.hexsync.emulator.SyncServiceEmulator;
import dev.hexsync.testkit.time.VirtualScheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The guide's page on testing an app: against the emulator, and against the domain alone on virtual time. */
class TestingGuideTest {

    @Test
    void theAppRecoversFromServiceFaults() throws Exception {
        try (SyncServiceEmulator service = SyncServiceEmulator.builder().globalBucket("global", "lists", "todos")
                .build().start();
                SyncDatabase db = HexSync.builder().inMemory().schema(TodoApp.SCHEMA).build()) {
            service.put("lists", "l1", Map.of("name", "Groceries"));
            // tag::faults[]
            service.faults().failNext(2, 503);                  // the next two requests answer 503
            db.connect(new TodoBackend(() -> Credentials.of(service.endpoint(), service.issueToken("user-1")),
                    new ServerDatabase()), ConnectOptions.DEFAULT.withRetryDelay(Duration.ofMillis(100)));
            db.waitForFirstSync().get(10, TimeUnit.SECONDS);   // retried, then synced
            service.faults().dropNextStream(0);                 // cut the live stream: the client reconnects
            service.put("lists", "l2", Map.of("name", "After the reconnect"));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> db.getOptional("SELECT name FROM lists WHERE id = 'l2'").isPresent());
            // end::faults[]
            assertThat(service.requests()).isNotEmpty();
        }
    }

    @Test
    void theAppsWatchOnVirtualTime() {
        // tag::domain[]
        VirtualScheduler time = new VirtualScheduler();          // nothing runs until the test says so
        LocalDatabase db = LocalDatabase.open(
                new SqliteStorageEngine(time).open(DatabaseLocation.inMemory("test"), StorageOptions.DEFAULT),
                time, TodoApp.SCHEMA);
        try (db) {
            TodoApp app = new TodoApp(db, Clock.fixed(Instant.parse("2026-12-07T09:00:00Z"), ZoneOffset.UTC));
            List<List<Todo>> screens = new ArrayList<>();
            WatchSubscription watch = app.watchTodos("l1", screens::add, e -> { throw new AssertionError(e); });
            time.runReady();                                     // the first result
            app.addTodo("l1", "Buy milk");
            time.advance(Duration.ofMillis(30));                 // the watch's throttle passes: it re-runs
            assertThat(screens).hasSize(2);
            assertThat(screens.get(1)).extracting(Todo::description).containsExactly("Buy milk");
            watch.close();
        }
        // end::domain[]
    }
}
