package dev.hexsync.testkit.storage;

import java.nio.file.Path;

/** The {@link ReplicaStoreContractTest} on the in-memory fakes the domain's tests use. */
class InMemoryReplicaStoreContractTest extends ReplicaStoreContractTest {
    @Override
    protected SyncStorageFixture openFixture(Path tempDir) {
        return new InMemorySyncStorageFixture();
    }
}
