package dev.hexsync.bootstrap.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.hexsync.adapters.locks.FileLockClaimManager;
import dev.hexsync.adapters.locks.InJvmClaimManager;
import dev.hexsync.domain.claim.TriggerSettings;
import dev.hexsync.ports.api.TriggerStorage;
import dev.hexsync.ports.claims.ClaimManager;
import dev.hexsync.ports.storage.DatabaseLocation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Diff-trigger defaults. A database file may be opened by more connections and processes than this one, and
 * temporary triggers would miss their writes, so triggers on files are persisted by default and their owners
 * claim ids with OS file locks in {@code <database>.claims/} beside the file; an in-memory database is private
 * to this instance, so its triggers are temporary and claims stay in the JVM. Override the
 * {@link ClaimManager} binding to use another backend (every process sharing the file must use the same).
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
    ClaimManager claims(DatabaseLocation location) {
        if (location instanceof DatabaseLocation.File file) {
            return new FileLockClaimManager(claimDirectory(file.path()));
        }
        return new InJvmClaimManager();
    }

    @Provides
    @Singleton
    TriggerSettings triggerSettings(DatabaseLocation location, ClaimManager claims) {
        TriggerStorage fallback = location instanceof DatabaseLocation.File
                ? TriggerStorage.PERSISTED : TriggerStorage.TEMPORARY;
        return new TriggerSettings(claims, storage.orElse(fallback), sweepInterval);
    }

    /** {@code app.db.claims} beside {@code app.db}: every process opening the file finds the same directory. */
    static Path claimDirectory(Path database) {
        Path absolute = database.toAbsolutePath().normalize();
        return absolute.resolveSibling(absolute.getFileName() + ".claims");
    }
}
