package dev.hexsync.bootstrap.failfast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.hexsync.bootstrap.HexSync;
import dev.hexsync.ports.api.SyncDatabase;
import dev.hexsync.ports.schema.Schema;
import dev.hexsync.ports.schema.Table;
import dev.hexsync.ports.storage.StorageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database path that cannot work fails at {@code build()} with one typed, short error naming the path,
 * before anything is created beside it (before: Guice's CreationException of thousands of characters, and a
 * missing directory created silently by the claims wiring).
 */
class DatabasePathTest {
    private static final Schema SCHEMA = Schema.of(Table.builder("todos").text("description").build());

    @TempDir
    Path dir;

    @Test
    void aPathUnderAFileIsRefusedNamingThePath() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-directory"), "x");
        Path database = file.resolve("app.db");

        assertThatThrownBy(() -> HexSync.builder().sqlite(database).schema(SCHEMA).build())
                .isExactlyInstanceOf(StorageException.class)
                .hasMessageContaining(database.toString()).hasMessageContaining("is a file, not a directory")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(400));
    }

    @Test
    void aMissingDirectoryIsRefusedAndNotCreated() {
        Path parent = dir.resolve("missing").resolve("deeper");
        Path database = parent.resolve("app.db");

        assertThatThrownBy(() -> HexSync.builder().sqlite(database).schema(SCHEMA).build())
                .isExactlyInstanceOf(StorageException.class)
                .hasMessageContaining(database.toString()).hasMessageContaining("does not exist");
        assertThat(dir.resolve("missing")).doesNotExist();
    }

    @Test
    void aDirectoryIsNotADatabaseFile() throws Exception {
        Path database = Files.createDirectory(dir.resolve("app.db"));

        assertThatThrownBy(() -> HexSync.builder().sqlite(database).schema(SCHEMA).build())
                .isExactlyInstanceOf(StorageException.class).hasMessageContaining("it is a directory");
    }

    @Test
    void aReadOnlyDirectoryIsRefusedNamingThePath() throws Exception {
        Path readOnly = Files.createDirectory(dir.resolve("read-only"));
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            // The superuser writes anywhere: there is nothing to refuse then.
            assumeFalse(Files.isWritable(readOnly), "running with rights that ignore directory permissions");
            Path database = readOnly.resolve("app.db");

            assertThatThrownBy(() -> HexSync.builder().sqlite(database).schema(SCHEMA).build())
                    .isExactlyInstanceOf(StorageException.class)
                    .hasMessageContaining(database.toString()).hasMessageContaining("not writable");
        } finally {
            Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void aFileInAnExistingDirectoryStillOpens() throws Exception {
        Path database = dir.resolve("app.db");
        try (SyncDatabase db = HexSync.builder().sqlite(database).schema(SCHEMA).build()) {
            db.execute("INSERT INTO todos(id, description) VALUES ('t1', 'milk')");
        }
        try (SyncDatabase db = HexSync.builder().sqlite(database).schema(SCHEMA).build()) {
            assertThat(db.get("SELECT description FROM todos WHERE id = 't1'").getString("description")).isEqualTo("milk");
        }
    }
}
