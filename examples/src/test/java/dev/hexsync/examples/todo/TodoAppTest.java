package dev.hexsync.examples.todo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hexsync.bootstrap.HexSync;
import dev.hexsync.ports.api.ConnectOptions;
import dev.hexsync.ports.api.SyncDatabase;
import dev.hexsync.ports.api.WatchSubscription;
import dev.hexsync.ports.transport.Credentials;
import dev.hexsync.emulator.SyncServiceEmulator;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The to-do app end to end: local writes (also made offline) reach the server database through the backend
 * connector, the server's changes reach the app through the emulator, and a change the server refuses is reported
 * instead of blocking the queue.
 */
class TodoAppTest {
    private static final Duration GUARD = Duration.ofSeconds(15);
    private static final ConnectOptions FAST = ConnectOptions.DEFAULT.withRetryDelay(Duration.ofMillis(100))
            .withUploadThrottle(Duration.ofMillis(50));

    @TempDir
    Path dir;

    private SyncServiceEmulator service;
    private ServerDatabase server;
    private TodoBackend backend;
    private SyncDatabase db;
    private TodoApp app;

    @BeforeEach
    void start() {
        service = SyncServiceEmulator.builder().globalBucket("global", "lists", "todos").build().start();
        server = new ServerDatabase();
        server.onChange((table, id, row) -> row.ifPresentOrElse(values -> service.put(table, id, values),
                () -> service.delete(table, id)));
        backend = new TodoBackend(() -> Credentials.of(service.endpoint(), service.issueToken("user-1")), server);
        db = HexSync.builder().sqlite(dir.resolve("todo.db")).schema(TodoApp.SCHEMA).build();
        app = new TodoApp(db, Clock.fixed(Instant.parse("2026-12-07T09:00:00Z"), ZoneOffset.UTC));
    }

    @AfterEach
    void stop() {
        db.close();
        service.close();
    }

    @Test
    void writesMadeOfflineAreUploadedOnConnectAndConfirmedByTheServer() throws Exception {
        String list = app.createList("Groceries", "user-1");
        String milk = app.addTodo(list, "Buy milk");
        app.complete(milk);
        assertThat(db.getUploadQueueStats(false).count()).isEqualTo(3);

        db.connect(backend, FAST);
        db.waitForFirstSync().get(GUARD.toSeconds(), TimeUnit.SECONDS);

        await().atMost(GUARD).until(() -> db.getUploadQueueStats(false).count() == 0);
        assertThat(server.row("todos", milk).orElseThrow())
                .containsEntry("description", "Buy milk").containsEntry("completed", 1L);
        assertThat(service.row("todos", milk)).isPresent();
        assertThat(app.todos(list)).singleElement()
                .satisfies(todo -> assertThat(todo.completed()).isTrue())
                .satisfies(todo -> assertThat(todo.createdAt()).isEqualTo(Instant.parse("2026-12-07T09:00:00Z")));
    }

    @Test
    void anotherUsersChangeOnTheServerReachesTheWatchingScreen() throws Exception {
        db.connect(backend, FAST);
        db.waitForFirstSync().get(GUARD.toSeconds(), TimeUnit.SECONDS);
        String list = app.createList("Shared", "user-1");
        List<List<Todo>> screen = new CopyOnWriteArrayList<>();
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        try (WatchSubscription watch = app.watchTodos(list, screen::add, errors::add)) {
            server.write("todos", "from-alice", Map.of("list_id", list, "description", "Added by Alice",
                    "completed", 0, "created_at", "2026-12-07T10:00:00.000Z"));

            await().atMost(GUARD).until(() -> !screen.isEmpty() && screen.get(screen.size() - 1).stream()
                    .anyMatch(todo -> todo.description().equals("Added by Alice")));
            assertThat(errors).isEmpty();
        }
    }

    @Test
    void aChangeTheServerRefusesIsReportedAndDoesNotBlockLaterUploads() throws Exception {
        db.connect(backend, FAST);
        db.waitForFirstSync().get(GUARD.toSeconds(), TimeUnit.SECONDS);
        String list = app.createList("Groceries", "user-1");
        String blank = app.addTodo(list, " ");
        String bread = app.addTodo(list, "Buy bread");

        await().atMost(GUARD).until(() -> server.row("todos", bread).isPresent());
        assertThat(backend.rejected()).containsExactly("todo " + blank + " needs a description");
        assertThat(server.row("todos", blank)).isEmpty();
        // The refused row was never confirmed: the server's state, synced back, no longer has it locally either.
        await().atMost(GUARD).until(() -> app.todos(list).stream().noneMatch(todo -> todo.id().equals(blank)));
    }
}
