package dev.hexsync.adapters.h2;

import dev.hexsync.ports.storage.DatabaseLocation;
import dev.hexsync.ports.storage.StorageEngine;
import dev.hexsync.testkit.storage.TransactionContractTest;
import java.nio.file.Path;

/** The {@code Transaction} contract on H2 file databases. */
class H2TransactionContractTest extends TransactionContractTest {
    @Override
    protected StorageEngine engine() {
        return new H2StorageEngine();
    }

    @Override
    protected DatabaseLocation newFileLocation(Path tempDir) {
        return DatabaseLocation.file(tempDir.resolve("contract.h2"));
    }
}
