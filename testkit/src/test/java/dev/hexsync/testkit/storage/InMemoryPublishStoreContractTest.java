package dev.hexsync.testkit.storage;

import java.nio.file.Path;

/** The {@link PublishStoreContractTest} on the in-memory fakes the domain's tests use. */
class InMemoryPublishStoreContractTest extends PublishStoreContractTest {
    @Override
    protected SyncStorageFixture openFixture(Path tempDir) {
        return new InMemorySyncStorageFixture();
    }
}
