package dev.hexsync.adapters.h2;

import dev.hexsync.testkit.storage.PublishStoreContractTest;
import dev.hexsync.testkit.storage.SyncStorageFixture;
import java.nio.file.Path;

/** The {@code PublishStore} contract on H2 file databases. */
class H2PublishStoreContractTest extends PublishStoreContractTest {
    @Override
    protected SyncStorageFixture openFixture(Path tempDir) {
        return H2SyncStorageFixture.open(tempDir);
    }
}
