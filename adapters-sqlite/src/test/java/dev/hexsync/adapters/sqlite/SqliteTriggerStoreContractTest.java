package dev.hexsync.adapters.sqlite;

import dev.hexsync.ports.storage.DatabaseLocation;
import dev.hexsync.ports.storage.StorageEngine;
import dev.hexsync.testkit.storage.TriggerStoreContractTest;
import java.nio.file.Path;
import dev.hexsync.testkit.time.VirtualScheduler;

/** The {@code TriggerStore} contract on SQLite. */
class SqliteTriggerStoreContractTest extends TriggerStoreContractTest {
    @Override
    protected StorageEngine engine() {
        return new SqliteStorageEngine(new VirtualScheduler());
    }

    @Override
    protected DatabaseLocation newFileLocation(Path tempDir) {
        return DatabaseLocation.file(tempDir.resolve("sync-store.db"));
    }
}
