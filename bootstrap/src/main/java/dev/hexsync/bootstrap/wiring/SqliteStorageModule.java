package dev.hexsync.bootstrap.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Singleton;
import dev.hexsync.adapters.sqlite.SqliteStorageEngine;
import dev.hexsync.ports.storage.StorageEngine;

/** Binds the storage port to SQLite (sqlite-jdbc), the embedded default. */
public final class SqliteStorageModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(StorageEngine.class).to(SqliteStorageEngine.class).in(Singleton.class);
    }
}
