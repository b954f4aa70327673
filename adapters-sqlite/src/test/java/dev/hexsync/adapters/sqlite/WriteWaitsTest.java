package dev.hexsync.adapters.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hexsync.ports.storage.StorageException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The knock counter: shared by every mapping of one file, nothing for in-memory databases. */
class WriteWaitsTest {
    @TempDir
    Path dir;

    @Test
    void knocksThroughOneMappingAreSeenThroughAnother() {
        Path file = WriteWaits.fileOf(dir.resolve("app.db"));
        WriteWaits holder = WriteWaits.open(file);
        WriteWaits waiter = WriteWaits.open(file);
        long before = holder.knocks();

        waiter.knock();
        waiter.knock();

        assertThat(holder.knocks()).isEqualTo(before + 2);
        assertThat(file.getFileName().toString()).isEqualTo("app.db-waiting");
        assertThat(file).hasSize(Long.BYTES);
    }

    @Test
    void noneNeverChanges() {
        WriteWaits.NONE.knock();

        assertThat(WriteWaits.NONE.knocks()).isZero();
        assertThat(WriteWaits.NONE.file()).isNull();
    }

    @Test
    void aFileThatCannotBeCreatedIsATypedErrorNamingIt() throws Exception {
        Path blocker = Files.createFile(dir.resolve("not-a-directory"));
        Path file = blocker.resolve("app.db-waiting");

        assertThatThrownBy(() -> WriteWaits.open(file)).isInstanceOf(StorageException.class)
                .hasMessageContaining(file.toString());
    }
}
