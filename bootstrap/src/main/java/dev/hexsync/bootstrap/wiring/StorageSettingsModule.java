package dev.hexsync.bootstrap.wiring;

import com.google.inject.AbstractModule;
import dev.hexsync.ports.storage.DatabaseLocation;
import dev.hexsync.ports.storage.StorageOptions;
import java.util.Objects;

/** Binds where the database lives and how it is opened, as the builder was told. */
public final class StorageSettingsModule extends AbstractModule {
    private final DatabaseLocation location;
    private final StorageOptions options;

    public StorageSettingsModule(DatabaseLocation location, StorageOptions options) {
        this.location = Objects.requireNonNull(location, "location is null");
        this.options = Objects.requireNonNull(options, "options is null");
    }

    @Override
    protected void configure() {
        bind(DatabaseLocation.class).toInstance(location);
        bind(StorageOptions.class).toInstance(options);
    }
}
