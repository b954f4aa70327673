package dev.hexsync.bootstrap.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import dev.hexsync.adapters.locks.signal.CounterFileChangeSignal;
import dev.hexsync.ports.signal.ChangeSignal;
import dev.hexsync.ports.storage.DatabaseLocation;
import dev.hexsync.ports.time.Scheduler;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Binds the cross-process change signal: for a file database, a counter file beside it named after its
 * canonical path ({@code app.db-changes}), polled every {@value #POLL_MILLIS} ms; for an in-memory database,
 * or when switched off, {@link ChangeSignal#NONE}. Not a singleton: the database asks for it once, after the
 * file opened, and closes it with itself.
 */
public final class ChangeSignalModule extends AbstractModule {
    /** Short against the 30 ms watch throttle, and a poll is one memory read. */
    static final long POLL_MILLIS = 10;

    private final boolean enabled;

    /** @param enabled whether file databases share changes with other processes (the default) */
    public ChangeSignalModule(boolean enabled) {
        this.enabled = enabled;
    }

    /** The counter file of a database: its canonical path with {@code -changes} appended. */
    public static Path signalFile(DatabaseLocation.File file) {
        Path canonical = file.canonicalPath();
        return canonical.resolveSibling(canonical.getFileName() + "-changes");
    }

    @Provides
    ChangeSignal changeSignal(DatabaseLocation location, Scheduler scheduler) {
        if (!enabled || !(location instanceof DatabaseLocation.File file)) {
            return ChangeSignal.NONE;
        }
        return CounterFileChangeSignal.open(signalFile(file), scheduler, Duration.ofMillis(POLL_MILLIS));
    }
}
