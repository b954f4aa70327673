package dev.hexsync.testkit.storage;

import java.nio.file.Path;

/** The {@link KeyValueStoreContractTest} on the in-memory fakes the domain's tests use. */
class InMemoryKeyValueStoreContractTest extends KeyValueStoreContractTest {
    @Override
    protected SyncStorageFixture openFixture(Path tempDir) {
        return new InMemorySyncStorageFixture();
    }
}
