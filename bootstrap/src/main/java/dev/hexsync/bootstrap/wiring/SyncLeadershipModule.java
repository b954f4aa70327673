package dev.hexsync.bootstrap.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import dev.hexsync.adapters.locks.FileLockClaimManager;
import dev.hexsync.domain.sync.SyncLeadership;
import dev.hexsync.ports.storage.DatabaseLocation;
import dev.hexsync.ports.time.Scheduler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Binds who may sync a database file: for a file database, the process holding an OS file lock in the claims
 * directory beside it ({@code app.db.claims/}, named after the canonical path), asked again every
 * {@value #RETRY_MILLIS} ms by followers; an in-memory database has no other process to defer to.
 */
public final class SyncLeadershipModule extends AbstractModule {
    /** The id the syncing process claims. */
    public static final String LEADER_ID = "hexsync-sync-leader";
    /** A follower takes over within this long after the leader's lock is gone; a probe is a few system calls. */
    static final long RETRY_MILLIS = 100;

    /** The claims directory of a database: its canonical path with {@code .claims} appended. */
    public static Path claimsDirectory(DatabaseLocation.File file) {
        Path canonical = file.canonicalPath();
        return canonical.resolveSibling(canonical.getFileName() + ".claims");
    }

    @Provides
    Optional<SyncLeadership> syncLeadership(DatabaseLocation location, Scheduler scheduler) {
        if (!(location instanceof DatabaseLocation.File file)) {
            return Optional.empty();
        }
        return Optional.of(new SyncLeadership(new FileLockClaimManager(claimsDirectory(file)), LEADER_ID, scheduler,
                Duration.ofMillis(RETRY_MILLIS)));
    }
}
