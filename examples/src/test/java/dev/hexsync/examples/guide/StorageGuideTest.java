package dev.hexsync.examples.guide;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hexsync.bootstrap.HexSync;
import dev.hexsync.examples.todo.TodoApp;
import dev.hexsync.ports.api.SyncDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The guide's page on choosing a storage engine and its settings. */
class StorageGuideTest {
    @TempDir
    Path dir;

    @Test
    void aFileOrMemory() {
        Path path = dir.resolve("app.db");
        // tag::sqlite[]
        SyncDatabase onDisk = HexSync.builder().sqlite(path).schema(TodoApp.SCHEMA)
                .readers(4)                                   // pooled read connections beside the one writer
                .busyTimeout(Duration.ofSeconds(30))          // how long a write waits for another process's lock
                .groupCommitWindow(Duration.ofSeconds(10))    // large downloads share commits up to this long
                .build();
        SyncDatabase scratch = HexSync.builder().inMemory().schema(TodoApp.SCHEMA).build();   // gone when closed
        // end::sqlite[]
        try (scratch) {
            scratch.execute("INSERT INTO lists(id, name) VALUES ('l1', 'x')");
        }
        // tag::delete[]
        onDisk.close(true);      // close and delete the file, its -wal and -shm files and hexsync's side files
        // end::delete[]
        assertThat(Files.exists(path)).isFalse();
    }
}
