package dev.hexsync.examples.guide;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hexsync.bootstrap.HexSync;
import dev.hexsync.examples.todo.ServerDatabase;
import dev.hexsync.examples.todo.TodoApp;
import dev.hexsync.examples.todo.TodoBackend;
import dev.hexsync.ports.api.SubscribeOptions;
import dev.hexsync.ports.api.SyncDatabase;
import dev.hexsync.ports.api.SyncStreamSubscription;
import dev.hexsync.ports.transport.Credentials;
import dev.hexsync.emulator.StreamDefinition;
import dev.hexsync.emulator.SyncServiceEmulator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The guide's page on sync streams. */
class StreamsGuideTest {

    @Test
    void subscribeToTheTodosOfOneList() throws Exception {
        // tag::emulator[]
        SyncServiceEmulator.Builder config = SyncServiceEmulator.builder()
                .define(StreamDefinition.bucketDefinition("all_lists").tables("lists"))   // synced to everyone
                .define(StreamDefinition.stream("list_todos")                             // synced on request
                        .parameters(ctx -> List.of(List.of(ctx.subscriptionParameter("list_id"))))
                        .data((table, row) -> table.equals("todos") ? List.of(List.of(row.get("list_id")))
                                : List.of()));
        // end::emulator[]
        try (SyncServiceEmulator service = config.build().start();
                SyncDatabase db = HexSync.builder().inMemory().schema(TodoApp.SCHEMA).build()) {
            service.put("lists", "l1", Map.of("name", "Groceries"));
            service.put("todos", "t1", Map.of("list_id", "l1", "description", "Buy milk", "completed", 0));
            service.put("todos", "t2", Map.of("list_id", "l2", "description", "Other list", "completed", 0));
            db.connect(new TodoBackend(() -> Credentials.of(service.endpoint(), service.issueToken("user-1")),
                    new ServerDatabase()));
            db.waitForFirstSync().get(10, TimeUnit.SECONDS);
            assertThat(db.getAll("SELECT * FROM todos")).isEmpty();

            // tag::subscribe[]
            try (SyncStreamSubscription todos = db.syncStream("list_todos", Map.of("list_id", "l1"))
                    .subscribe(SubscribeOptions.DEFAULT.withTtl(Duration.ofHours(1)))) {
                todos.waitForFirstSync().get(10, TimeUnit.SECONDS);
                showTodos(db);      // the list's todos are here, and stay live while subscribed (and the TTL after)
                db.syncStatus().forStream("list_todos", todos.parameters())
                        .ifPresent(stream -> System.out.println("list_todos synced: " + stream.hasSynced()));
            }
            // end::subscribe[]
        }
    }

    private static void showTodos(SyncDatabase db) {
        assertThat(db.getAll("SELECT id FROM todos", List.of(), row -> row.getString("id"))).containsExactly("t1");
    }
}
