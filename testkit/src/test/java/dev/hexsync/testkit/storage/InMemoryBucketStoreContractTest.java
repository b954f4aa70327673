package dev.hexsync.testkit.storage;

import java.nio.file.Path;

/** The {@link BucketStoreContractTest} on the in-memory fakes the domain's tests use. */
class InMemoryBucketStoreContractTest extends BucketStoreContractTest {
    @Override
    protected SyncStorageFixture openFixture(Path tempDir) {
        return new InMemorySyncStorageFixture();
    }
}
