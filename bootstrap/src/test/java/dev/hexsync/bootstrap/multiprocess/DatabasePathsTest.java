package dev.hexsync.bootstrap.multiprocess;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hexsync.bootstrap.HexSync;
import dev.hexsync.ports.api.SyncDatabase;
import dev.hexsync.ports.schema.Schema;
import dev.hexsync.ports.schema.Table;
import dev.hexsync.ports.storage.DatabaseLocation;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a database lives: absolute paths as given, plain names in the database directory, deletion on close. */
class DatabasePathsTest {
    private static final Schema SCHEMA = Schema.of(Table.builder("todos").text("description").build());

    @TempDir
    Path dir;

    @Test
    void aPlainNameResolvesAgainstTheDatabaseDirectoryAndAnAbsolutePathIsUsedAsGiven() throws Exception {
        Path appData = Files.createDirectories(dir.resolve("app-data"));
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere")).resolve("shared.db");
        try (SyncDatabase named = HexSync.builder().databaseDirectory(appData).sqlite("app.db").schema(SCHEMA).build();
                SyncDatabase absolute = HexSync.builder().databaseDirectory(appData).sqlite(elsewhere).schema(SCHEMA)
                        .build()) {
            named.execute("INSERT INTO todos(id, description) VALUES ('1', 'x')");
            absolute.execute("INSERT INTO todos(id, description) VALUES ('1', 'x')");
        }
        assertThat(appData.resolve("app.db")).exists();
        assertThat(elsewhere).exists();
        assertThat(appData.resolve("shared.db")).doesNotExist();
    }

    @Test
    void closeWithDeleteFilesRemovesTheDatabaseAndItsCompanionsWhereverItLives() throws Exception {
        Path nested = Files.createDirectories(dir.resolve("a/b")).resolve("gone.db");
        SyncDatabase db = HexSync.builder().sqlite(nested).schema(SCHEMA).build();
        db.execute("INSERT INTO todos(id, description) VALUES ('1', 'x')");
        assertThat(nested.resolveSibling("gone.db-wal")).exists();
        db.close(true);
        assertThat(nested).doesNotExist();
        assertThat(nested.resolveSibling("gone.db-wal")).doesNotExist();
        assertThat(nested.resolveSibling("gone.db-shm")).doesNotExist();
        try (var left = Files.list(nested.getParent())) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void theCanonicalPathIdentifiesADatabaseWhateverItsSpelling() throws Exception {
        Path real = Files.createDirectories(dir.resolve("real"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), real);
        DatabaseLocation.File viaLink = (DatabaseLocation.File) DatabaseLocation.file(link.resolve("x/../app.db"));
        DatabaseLocation.File direct = (DatabaseLocation.File) DatabaseLocation.file(real.resolve("app.db"));
        assertThat(viaLink.canonicalPath()).isEqualTo(direct.canonicalPath());
        Files.createFile(real.resolve("app.db"));
        assertThat(viaLink.canonicalPath()).isEqualTo(real.toRealPath().resolve("app.db"));
    }
}
