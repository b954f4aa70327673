package dev.hexsync.adapters.h2;

import dev.hexsync.testkit.storage.OplogStoreContractTest;
import dev.hexsync.testkit.storage.SyncStorageFixture;
import java.nio.file.Path;

/** The {@code OplogStore} contract on H2 file databases. */
class H2OplogStoreContractTest extends OplogStoreContractTest {
    @Override
    protected SyncStorageFixture openFixture(Path tempDir) {
        return H2SyncStorageFixture.open(tempDir);
    }
}
