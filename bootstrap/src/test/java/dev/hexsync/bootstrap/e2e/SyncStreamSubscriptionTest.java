package dev.hexsync.bootstrap.e2e;

import static dev.hexsync.bootstrap.e2e.TodoService.OPTIONS;
import static dev.hexsync.bootstrap.e2e.TodoService.SCHEMA;
import static dev.hexsync.bootstrap.e2e.TodoService.USER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hexsync.bootstrap.HexSync;
import dev.hexsync.ports.api.SyncDatabase;
import dev.hexsync.ports.api.SyncStream;
import dev.hexsync.ports.api.SyncStreamSubscription;
import dev.hexsync.ports.model.StreamStatus;
import dev.hexsync.emulator.StreamDefinition;
import dev.hexsync.emulator.SyncServiceEmulator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sync streams with parameters: nothing of a stream is synced until the app subscribes; a subscription's data
 * arrives and stays live; releasing a handle keeps the subscription for its TTL; unsubscribing it removes its
 * data. The sync status reports each subscription.
 */
class SyncStreamSubscriptionTest {
    private static final String STREAM = "list_todos";
    private static final int LISTS = 3;
    private static final int TODOS = 60;

    @TempDir
    Path dir;

    private static SyncServiceEmulator service() {
        return SyncServiceEmulator.builder()
                // Lists for everyone, by default.
                .define(StreamDefinition.bucketDefinition("all_lists").tables("lists"))
                // The todos of one list, for whoever subscribes with its id (subscription.parameter('list_id')).
                .define(StreamDefinition.stream(STREAM)
                        .parameters(ctx -> List.of(List.of(ctx.subscriptionParameter("list_id"))))
                        .data((table, row) -> table.equals("todos") ? List.of(List.of(row.get("list_id"))) : List.of()))
                .build().start();
    }

    private static long todosOf(SyncDatabase db, String list) {
        return db.get("SELECT count(*) AS n FROM todos WHERE list_id = ?", list).getLong("n");
    }

    private static Optional<StreamStatus> status(SyncDatabase db, SyncStream stream) {
        return db.syncStatus().forStream(stream.name(), stream.parameters());
    }

    @Test
    void subscribingSyncsAStreamAndUnsubscribingRemovesIt() {
        try (SyncServiceEmulator service = service();
                SyncDatabase db = HexSync.builder().sqlite(dir.resolve("app.db")).schema(SCHEMA).build()) {
            TodoService.seed(service, LISTS, TODOS);
            Eventually.join("connect", db.connect(new EmulatorBackend(service, USER), OPTIONS));
            Eventually.join("the first sync", db.waitForFirstSync());
            assertThat(db.get("SELECT count(*) AS n FROM lists").getLong("n")).isEqualTo(LISTS);
            assertThat(db.get("SELECT count(*) AS n FROM todos").getLong("n")).as("no stream subscribed yet").isZero();

            SyncStream list1 = db.syncStream(STREAM, Map.of("list_id", "list-1"));
            SyncStreamSubscription first = list1.subscribe();
            Eventually.join("the stream's first sync", first.waitForFirstSync());
            assertThat(todosOf(db, "list-1")).isEqualTo(TODOS / LISTS);
            assertThat(db.get("SELECT count(*) AS n FROM todos").getLong("n")).isEqualTo(TODOS / LISTS);
            assertThat(first.parameters()).isEqualTo("{\"list_id\":\"list-1\"}");
            assertThat(status(db, list1)).hasValueSatisfying(stream -> {
                assertThat(stream.active()).isTrue();
                assertThat(stream.isDefault()).isFalse();
                assertThat(stream.hasExplicitSubscription()).isTrue();
                assertThat(stream.hasSynced()).isTrue();
                assertThat(stream.expiresAt()).as("a subscription has a TTL").isPresent();
            });
            assertThat(db.syncStatus().forStream("all_lists", null)).hasValueSatisfying(stream ->
                    assertThat(stream.isDefault()).isTrue());

            // Live: a change in the subscribed list arrives; one in another list does not. The other list's
            // change comes first at the source, so once the subscribed one is here, the other was passed over.
            service.put("todos", "in-list-3", Map.of("list_id", "list-3", "description", "not subscribed"));
            service.put("todos", "in-list-1", Map.of("list_id", "list-1", "description", "subscribed"));
            Eventually.await("the subscribed list's change",
                    () -> db.getOptional("SELECT 1 FROM todos WHERE id = 'in-list-1'").isPresent());
            assertThat(db.getOptional("SELECT 1 FROM todos WHERE id = 'in-list-3'")).isEmpty();

            // A second stream with other parameters; releasing its only handle keeps it for its TTL.
            SyncStream list2 = db.syncStream(STREAM, Map.of("list_id", "list-2"));
            SyncStreamSubscription second = list2.subscribe();
            Eventually.join("the second stream's first sync", second.waitForFirstSync());
            assertThat(todosOf(db, "list-2")).isEqualTo(TODOS / LISTS);
            second.unsubscribe();
            assertThat(status(db, list2)).as("kept for its TTL after the last handle closed")
                    .hasValueSatisfying(stream -> assertThat(stream.hasExplicitSubscription()).isTrue());

            // Unsubscribing ends the subscription now: its buckets go, and with them its rows.
            list1.unsubscribeAll();
            Eventually.await("list-1's todos to be removed", () -> todosOf(db, "list-1") == 0,
                    () -> todosOf(db, "list-1") + " rows left; status " + db.syncStatus().streams());
            // As in the PowerSync engine, a row of a stream the checkpoint still has (list-2 keeps it there)
            // stays in the status, no longer as an explicit subscription.
            assertThat(status(db, list1).map(StreamStatus::hasExplicitSubscription)).isNotEqualTo(Optional.of(true));
            first.unsubscribe();
            assertThat(todosOf(db, "list-2")).as("the released stream stays synced").isEqualTo(TODOS / LISTS);
            assertThat(status(db, list2)).hasValueSatisfying(stream -> {
                assertThat(stream.active()).isTrue();
                assertThat(stream.hasExplicitSubscription()).isTrue();
            });

            assertThat(db.syncStatus().downloadError()).isEmpty();
            assertThat(Replica.integrity(db)).isEqualTo("ok");
        }
    }

    @Test
    void unsubscribingAStreamKeptOnlyByItsTtlEndsItAtOnce() {
        // Keepalives far apart, so that nothing but the unsubscribe itself can make the client drop the stream.
        try (SyncServiceEmulator service = SyncServiceEmulator.builder()
                .define(StreamDefinition.stream(STREAM)
                        .parameters(ctx -> List.of(List.of(ctx.subscriptionParameter("list_id"))))
                        .data((table, row) -> table.equals("todos") ? List.of(List.of(row.get("list_id"))) : List.of()))
                .keepaliveInterval(Duration.ofMinutes(10))
                .build().start();
                SyncDatabase db = HexSync.builder().sqlite(dir.resolve("ttl.db")).schema(SCHEMA).build()) {
            TodoService.seed(service, LISTS, TODOS);
            Eventually.join("connect", db.connect(new EmulatorBackend(service, USER), OPTIONS));
            SyncStream list2 = db.syncStream(STREAM, Map.of("list_id", "list-2"));
            SyncStreamSubscription handle = list2.subscribe();
            Eventually.join("the stream's first sync", handle.waitForFirstSync());
            assertThat(todosOf(db, "list-2")).isEqualTo(TODOS / LISTS);
            handle.unsubscribe();

            list2.unsubscribeAll();
            Eventually.await("the unsubscribed stream's todos to be removed", () -> todosOf(db, "list-2") == 0,
                    () -> todosOf(db, "list-2") + " rows left; status " + db.syncStatus().streams());
        }
    }
}
