package dev.hexsync.adapters.h2;

import dev.hexsync.testkit.storage.ReplicaStoreContractTest;
import dev.hexsync.testkit.storage.SyncStorageFixture;
import java.nio.file.Path;

/** The {@code ReplicaStore} contract on H2 file databases. */
class H2ReplicaStoreContractTest extends ReplicaStoreContractTest {
    @Override
    protected SyncStorageFixture openFixture(Path tempDir) {
        return H2SyncStorageFixture.open(tempDir);
    }
}
