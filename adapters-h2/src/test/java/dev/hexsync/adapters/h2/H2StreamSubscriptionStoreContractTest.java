package dev.hexsync.adapters.h2;

import dev.hexsync.testkit.storage.StreamSubscriptionStoreContractTest;
import dev.hexsync.testkit.storage.SyncStorageFixture;
import java.nio.file.Path;

/** The {@code StreamSubscriptionStore} contract on H2 file databases. */
class H2StreamSubscriptionStoreContractTest extends StreamSubscriptionStoreContractTest {
    @Override
    protected SyncStorageFixture openFixture(Path tempDir) {
        return H2SyncStorageFixture.open(tempDir);
    }
}
