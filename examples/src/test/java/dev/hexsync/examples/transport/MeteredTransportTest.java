package dev.hexsync.examples.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hexsync.bootstrap.HexSync;
import dev.hexsync.examples.todo.ServerDatabase;
import dev.hexsync.examples.todo.TodoApp;
import dev.hexsync.examples.todo.TodoBackend;
import dev.hexsync.ports.api.ConnectOptions;
import dev.hexsync.ports.api.SyncDatabase;
import dev.hexsync.ports.transport.Credentials;
import dev.hexsync.emulator.SyncServiceEmulator;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The custom transport carries a whole sync session (download, upload, write checkpoint) and counts it. */
class MeteredTransportTest {
    @Test
    void everyCallOfTheSessionGoesThroughTheCustomTransport() throws Exception {
        try (SyncServiceEmulator service = SyncServiceEmulator.builder().globalBucket("global", "lists", "todos")
                .build().start()) {
            service.put("lists", "l1", Map.of("name", "Groceries"));
            MeteredTransportModule module = new MeteredTransportModule();
            ServerDatabase server = new ServerDatabase();
            server.onChange((table, id, row) -> row.ifPresent(values -> service.put(table, id, values)));
            try (SyncDatabase db = HexSync.builder().inMemory().schema(TodoApp.SCHEMA).override(module).build()) {
                db.connect(new TodoBackend(() -> Credentials.of(service.endpoint(), service.issueToken("u1")), server),
                        ConnectOptions.DEFAULT.withUploadThrottle(Duration.ofMillis(50)));
                db.waitForFirstSync().get(15, TimeUnit.SECONDS);
                long linesAtFirstSync = module.transport().lines();

                db.execute("INSERT INTO lists(id, name) VALUES ('l2', 'Local')");
                await().atMost(Duration.ofSeconds(15)).until(() -> db.getUploadQueueStats(false).count() == 0
                        && module.transport().writeCheckpoints() > 0);

                assertThat(module.transport().streams()).isPositive();
                assertThat(linesAtFirstSync).isGreaterThanOrEqualTo(3);
                await().atMost(Duration.ofSeconds(15)).until(() -> module.transport().lines() > linesAtFirstSync);
            }
        }
    }
}
