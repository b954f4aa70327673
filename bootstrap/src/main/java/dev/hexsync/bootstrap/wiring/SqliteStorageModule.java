package dev.hexsync.bootstrap.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.hexsync.adapters.sqlite.SqliteStorageEngine;
import dev.hexsync.ports.storage.StorageEngine;
import dev.hexsync.ports.time.Scheduler;

/**
 * Binds the storage port to SQLite (sqlite-jdbc), the embedded default, on the database's {@link Scheduler} (its
 * group commit and its waits between attempts to open a locked file run there).
 */
public final class SqliteStorageModule extends AbstractModule {
    @Provides
    @Singleton
    StorageEngine storageEngine(Scheduler scheduler) {
        return new SqliteStorageEngine(scheduler);
    }
}
