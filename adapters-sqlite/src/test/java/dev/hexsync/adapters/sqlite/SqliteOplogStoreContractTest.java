package dev.hexsync.adapters.sqlite;

import dev.hexsync.ports.storage.DatabaseLocation;
import dev.hexsync.ports.storage.StorageEngine;
import dev.hexsync.testkit.storage.OplogStoreContractTest;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import dev.hexsync.testkit.time.VirtualScheduler;

/** The {@code OplogStore} contract on SQLite, plus the statements it caches on the writer. */
class SqliteOplogStoreContractTest extends OplogStoreContractTest {
    @Test
    void closingTheSessionFinalizesTheStoresStatements() {
        store(s -> {
            long bucket = s.buckets().lookupBucket("a").id();
            s.oplog().insertOp(bucket, put(1, "todos", "t1", "{}", 1));
            return s.oplog().supersede(bucket, "todos/t1/null");
        });

        session().close();
        session().close();
    }

    @Override
    protected StorageEngine engine() {
        return new SqliteStorageEngine(new VirtualScheduler());
    }

    @Override
    protected DatabaseLocation newFileLocation(Path tempDir) {
        return DatabaseLocation.file(tempDir.resolve("sync-store.db"));
    }
}
