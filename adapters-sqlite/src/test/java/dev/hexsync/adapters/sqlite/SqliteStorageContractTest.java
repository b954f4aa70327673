package dev.hexsync.adapters.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hexsync.ports.storage.DatabaseLocation;
import dev.hexsync.ports.storage.SqlSession;
import dev.hexsync.ports.storage.StorageEngine;
import dev.hexsync.testkit.storage.StorageContractTest;
import dev.hexsync.testkit.time.VirtualScheduler;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The storage contract, run against SQLite file databases. */
class SqliteStorageContractTest extends StorageContractTest {

    @Override
    protected StorageEngine engine() {
        return new SqliteStorageEngine(new VirtualScheduler());
    }

    @Override
    protected DatabaseLocation newFileLocation(Path tempDir) {
        return DatabaseLocation.file(tempDir.resolve("contract.db"));
    }

    /** Readers only run beside the writer in WAL mode; in rollback-journal mode they would block each other. */
    @Test
    void fileDatabasesRunInWalMode() {
        SqlSession session = open();

        String mode = session.read(tx -> tx.get("PRAGMA journal_mode").getString("journal_mode"));

        assertThat(mode).isEqualToIgnoringCase("wal");
    }
}
