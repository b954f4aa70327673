package dev.hexsync.bootstrap.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.hexsync.adapters.h2.H2StorageEngine;
import dev.hexsync.ports.storage.StorageEngine;

/** Binds the storage port to H2 (pure Java, no native library): {@code hexsync-adapters-h2}. */
public final class H2StorageModule extends AbstractModule {
    @Provides
    @Singleton
    StorageEngine storageEngine() {
        return new H2StorageEngine();
    }
}
