package dev.hexsync.testkit.storage;

import java.nio.file.Path;

/** The {@link OplogStoreContractTest} on the in-memory fakes the domain's tests use. */
class InMemoryOplogStoreContractTest extends OplogStoreContractTest {
    @Override
    protected SyncStorageFixture openFixture(Path tempDir) {
        return new InMemorySyncStorageFixture();
    }
}
