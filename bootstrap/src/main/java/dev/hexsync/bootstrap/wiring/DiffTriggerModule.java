package dev.hexsync.bootstrap.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.hexsync.domain.trigger.TriggerSettings;
import dev.hexsync.ports.api.TriggerStorage;
import dev.hexsync.ports.claims.ClaimManager;
import dev.hexsync.ports.storage.DatabaseLocation;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Diff-trigger defaults. A database file may be opened by more connections and processes than this one, and
 * temporary triggers would miss their writes, so triggers on files are persisted by default, their owners
 * claiming ids with the database's {@link ClaimManager} (see {@link ClaimsModule}); an in-memory database is
 * private to this instance, so its triggers are temporary.
 */
public final class DiffTriggerModule extends AbstractModule {
    private final Optional<TriggerStorage> storage;
    private final Duration sweepInterval;

    /**
     * @param storage where triggers live when a call does not say; empty for the default by location
     * @param sweepInterval how often unclaimed persisted triggers are swept
     */
    public DiffTriggerModule(Optional<TriggerStorage> storage, Duration sweepInterval) {
        this.storage = Objects.requireNonNull(storage, "storage is null");
        this.sweepInterval = Objects.requireNonNull(sweepInterval, "sweepInterval is null");
    }

    @Provides
    @Singleton
    TriggerSettings triggerSettings(DatabaseLocation location, ClaimManager claims) {
        TriggerStorage fallback = location instanceof DatabaseLocation.File
                ? TriggerStorage.PERSISTED : TriggerStorage.TEMPORARY;
        return new TriggerSettings(claims, storage.orElse(fallback), sweepInterval);
    }
}
