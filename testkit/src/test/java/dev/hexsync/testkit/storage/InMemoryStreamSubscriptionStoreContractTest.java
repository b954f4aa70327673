package dev.hexsync.testkit.storage;

import java.nio.file.Path;

/** The {@link StreamSubscriptionStoreContractTest} on the in-memory fakes the domain's tests use. */
class InMemoryStreamSubscriptionStoreContractTest extends StreamSubscriptionStoreContractTest {
    @Override
    protected SyncStorageFixture openFixture(Path tempDir) {
        return new InMemorySyncStorageFixture();
    }
}
