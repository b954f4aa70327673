package dev.hexsync.bootstrap.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import dev.hexsync.domain.connection.SyncLeadership;
import dev.hexsync.ports.claims.ClaimManager;
import dev.hexsync.ports.storage.DatabaseLocation;
import dev.hexsync.ports.time.Scheduler;
import java.time.Duration;
import java.util.Optional;

/**
 * Binds who may sync a database file: for a file database, the process holding the claim
 * {@value #LEADER_ID} in the database's claim backend ({@link ClaimsModule}: OS file locks beside the file by
 * default), asked again every {@value #RETRY_MILLIS} ms by followers; an in-memory database has no other
 * process to defer to.
 */
public final class SyncLeadershipModule extends AbstractModule {
    /** The id the syncing process claims. */
    public static final String LEADER_ID = "hexsync-sync-leader";
    /** A follower takes over within this long after the leader's lock is gone; a probe is a few system calls. */
    static final long RETRY_MILLIS = 100;

    @Provides
    Optional<SyncLeadership> syncLeadership(DatabaseLocation location, ClaimManager claims, Scheduler scheduler) {
        if (!(location instanceof DatabaseLocation.File)) {
            return Optional.empty();
        }
        return Optional.of(new SyncLeadership(claims, LEADER_ID, scheduler, Duration.ofMillis(RETRY_MILLIS)));
    }
}
