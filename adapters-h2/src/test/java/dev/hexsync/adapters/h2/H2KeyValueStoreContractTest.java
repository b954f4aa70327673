package dev.hexsync.adapters.h2;

import dev.hexsync.testkit.storage.KeyValueStoreContractTest;
import dev.hexsync.testkit.storage.SyncStorageFixture;
import java.nio.file.Path;

/** The {@code KeyValueStore} contract on H2 file databases. */
class H2KeyValueStoreContractTest extends KeyValueStoreContractTest {
    @Override
    protected SyncStorageFixture openFixture(Path tempDir) {
        return H2SyncStorageFixture.open(tempDir);
    }
}
