package dev.hexsync.examples.guide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hexsync.bootstrap.HexSync;
import dev.hexsync.examples.todo.TodoApp;
import dev.hexsync.ports.api.SyncDatabase;
import dev.hexsync.ports.api.WatchSubscription;
import dev.hexsync.ports.storage.OpenRetry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guide's page on several processes sharing one database file. Two databases in one JVM open the file as two
 * processes would (separate connections, the change signal file, file-lock claims); the multi-process tests of
 * bootstrap run the same with child JVMs.
 */
class ProcessesGuideTest {
    @TempDir
    Path appDataDir;

    @Test
    void aWriteInOneIsSeenByTheWatchesOfTheOther() {
        // tag::open[]
        SyncDatabase desktop = HexSync.builder().databaseDirectory(appDataDir).sqlite("app.db")
                .schema(TodoApp.SCHEMA)
                .openRetry(OpenRetry.DEFAULT)       // wait while another process holds the file locked
                .build();
        SyncDatabase worker = HexSync.builder().databaseDirectory(appDataDir).sqlite("app.db")
                .schema(TodoApp.SCHEMA).build();
        // end::open[]
        try (desktop; worker) {
            List<List<String>> seen = new CopyOnWriteArrayList<>();
            try (WatchSubscription watch = desktop.watch("SELECT name FROM lists", List.of(),
                    row -> row.getString("name"), seen::add, Throwable::printStackTrace)) {
                worker.execute("INSERT INTO lists(id, name) VALUES (uuid(), 'Written by the worker')");
                await().atMost(Duration.ofSeconds(10)).until(() -> seen.contains(List.of("Written by the worker")));
            }
            assertThat(desktop.getUploadQueueStats(false).count()).isEqualTo(1);
        }
    }
}
