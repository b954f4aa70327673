package dev.hexsync.adapters.h2;

import dev.hexsync.testkit.storage.BucketStoreContractTest;
import dev.hexsync.testkit.storage.SyncStorageFixture;
import java.nio.file.Path;

/** The {@code BucketStore} contract on H2 file databases. */
class H2BucketStoreContractTest extends BucketStoreContractTest {
    @Override
    protected SyncStorageFixture openFixture(Path tempDir) {
        return H2SyncStorageFixture.open(tempDir);
    }
}
