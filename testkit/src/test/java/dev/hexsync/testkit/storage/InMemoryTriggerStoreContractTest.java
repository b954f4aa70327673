package dev.hexsync.testkit.storage;

import java.nio.file.Path;

/** The {@link TriggerStoreContractTest} on {@link InMemoryTriggerStore}, the fake the domain's tests use. */
class InMemoryTriggerStoreContractTest extends TriggerStoreContractTest {
    private final TriggerStoreFixture store = new InMemoryTriggerStoreFixture();

    @Override
    protected SyncStorageFixture openFixture(Path tempDir) {
        return new InMemorySyncStorageFixture();
    }

    @Override
    protected TriggerStoreFixture triggerStore() {
        return store;
    }
}
