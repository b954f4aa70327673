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
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One syncing process per database file, reproduced in one JVM: two databases built separately over one file
 * (own connections, scheduler, change signal, claim manager) both call connect(). One leads and syncs, the other
 * follows (its status says so) while it reads, writes and watches; the leader uploads the follower's writes, and
 * when the leader closes, the follower takes over and converges.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SharedFileSyncTest {
    @TempDir
    Path dir;

    private SyncServiceEmulator service;
    private SyncDatabase first;
    private SyncDatabase second;

    @BeforeEach
    void start() {
        service = TodoService.emulator().build().start();
        TodoService.seed(service, 2, 50);
        Path file = dir.resolve("shared.db");
        first = HexSync.builder().sqlite(file).schema(SCHEMA).build();
        second = HexSync.builder().sqlite(file).schema(SCHEMA).build();
    }

    @AfterEach
    void stop() {
        first.close();
        second.close();
        service.close();
    }

    @Test
    void theFollowerWaitsTheLeaderUploadsItsWritesAndTheFollowerTakesOverWhenTheLeaderCloses() {
        EmulatorBackend backend = new EmulatorBackend(service, USER);
        Eventually.join("the first connect", first.connect(backend, OPTIONS));
        Eventually.join("the first sync", first.waitForFirstSync());
        Eventually.join("the second connect", second.connect(backend, OPTIONS));
        assertThat(second.syncStatus().follower()).as("the second waits as a follower").isTrue();
        assertThat(second.syncStatus().connected()).isFalse();
        assertThat(first.syncStatus().follower()).isFalse();
        Eventually.join("the follower sees the leader's sync", second.waitForFirstSync());

        // The follower writes; the leader hears it through the change signal and uploads it.
        second.execute("INSERT INTO todos(id, list_id, description, completed) VALUES ('from-follower', 'list-1', 'x', 0)");
        Eventually.await("the follower's write to reach the service",
                () -> service.row("todos", "from-follower").isPresent());
        Eventually.await("the upload to be confirmed", () -> Replica.uploadsConfirmed(first));

        first.close();
        Eventually.await("the follower to take over", () -> second.syncStatus().connected()
                && !second.syncStatus().follower(), () -> second.syncStatus().toString());

        service.put("todos", "after-failover", Map.of("list_id", "list-1", "description", "new", "completed", 0));
        second.execute("INSERT INTO todos(id, list_id, description, completed) VALUES ('by-new-leader', 'list-1', 'y', 0)");
        Eventually.await("the new leader to upload and converge", () -> service.row("todos", "by-new-leader").isPresent()
                && Replica.uploadsConfirmed(second)
                && Replica.differencesFromService(second, service, GLOBAL, "todos").isEmpty(),
                () -> Replica.differencesFromService(second, service, GLOBAL, "todos"));
        Map<Object, Long> uploadsPerRow = backend.uploaded().stream()
                .collect(Collectors.groupingBy(entry -> entry.get("id"), Collectors.counting()));
        assertThat(uploadsPerRow).containsOnly(Map.entry("from-follower", 1L), Map.entry("by-new-leader", 1L));
        assertThat(Replica.integrity(second)).isEqualTo("ok");
    }

    @Test
    void disconnectingTheLeaderHandsOverAndAFollowerThatDisconnectsStopsWaiting() {
        EmulatorBackend backend = new EmulatorBackend(service, USER);
        Eventually.join("the first connect", first.connect(backend, OPTIONS));
        Eventually.join("the second connect", second.connect(backend, OPTIONS));
        assertThat(second.syncStatus().follower()).isTrue();

        first.disconnect();
        Eventually.await("the follower to take over", () -> !second.syncStatus().follower()
                && second.syncStatus().connected());
        Eventually.join("the first reconnects", first.connect(backend, OPTIONS));
        assertThat(first.syncStatus().follower()).as("now the first one follows").isTrue();
        first.disconnect();
        assertThat(first.syncStatus().follower()).isFalse();
        assertThat(second.syncStatus().connected()).isTrue();
    }
}
