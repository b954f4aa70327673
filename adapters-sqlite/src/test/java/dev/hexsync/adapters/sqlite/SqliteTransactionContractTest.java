package dev.hexsync.adapters.sqlite;

import dev.hexsync.ports.storage.DatabaseLocation;
import dev.hexsync.ports.storage.StorageEngine;
import dev.hexsync.testkit.storage.TransactionContractTest;
import java.nio.file.Path;
import dev.hexsync.testkit.time.VirtualScheduler;

/** The transaction contract on SQLite. */
class SqliteTransactionContractTest extends TransactionContractTest {
    @Override
    protected StorageEngine engine() {
        return new SqliteStorageEngine(new VirtualScheduler());
    }

    @Override
    protected DatabaseLocation newFileLocation(Path tempDir) {
        return DatabaseLocation.file(tempDir.resolve("contract.db"));
    }
}
