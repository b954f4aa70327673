package dev.hexsync.domain.connection;

import dev.hexsync.ports.claims.AlreadyClaimedException;
import dev.hexsync.ports.claims.Claim;
import dev.hexsync.ports.claims.ClaimBackendException;
import dev.hexsync.ports.claims.ClaimManager;
import dev.hexsync.ports.time.Scheduler;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Elects the one process that syncs a database file. Two processes syncing one file would download the same
 * data twice and upload the same queue entries twice, so {@code connect()} first claims the file's leader id;
 * the process holding the claim syncs, the others follow: they wait, asking again every retry interval, and
 * take over when the leader disconnects, closes or dies (the claim is hold-based, so it dies with its holder,
 * SIGKILL included). Followers read, write and watch as usual; the leader uploads their writes, which it hears
 * of through the change signal.
 */
public final class SyncLeadership {
    private static final Logger LOG = LoggerFactory.getLogger(SyncLeadership.class);

    private final ClaimManager claims;
    private final String leaderId;
    private final Scheduler scheduler;
    private final Duration retryInterval;

    /**
     * @param claims claims every process on the file shares (file locks beside it, for one machine)
     * @param leaderId the id the leader claims
     * @param retryInterval how often a follower asks again
     */
    public SyncLeadership(ClaimManager claims, String leaderId, Scheduler scheduler, Duration retryInterval) {
        this.claims = Objects.requireNonNull(claims, "claims is null");
        this.leaderId = ClaimManager.requireValidResourceId(leaderId);
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler is null");
        this.retryInterval = Objects.requireNonNull(retryInterval, "retryInterval is null");
    }

    /** Whether some process (this one included) leads now. */
    public boolean isLed() {
        return claims.isClaimed(leaderId);
    }

    /**
     * Stands for election: claims leadership at once if it is free (then {@code onElected} runs on the calling
     * thread before this returns), else runs {@code onFollowing} once and keeps asking on the scheduler until
     * elected. The callbacks run outside any lock of this class.
     *
     * @return the candidacy; closing it stops asking and gives up a leadership it won
     */
    public Candidacy stand(Runnable onElected, Runnable onFollowing) {
        Candidacy candidacy = new Candidacy(onElected, onFollowing);
        candidacy.attempt();
        return candidacy;
    }

    /** One process's bid for leadership, from {@link #stand} until closed. */
    public final class Candidacy implements AutoCloseable {
        private final Runnable onElected;
        private final Runnable onFollowing;
        private Claim claim;
        private Scheduler.ScheduledTask retry;
        private boolean following;
        private boolean closed;

        private Candidacy(Runnable onElected, Runnable onFollowing) {
            this.onElected = onElected;
            this.onFollowing = onFollowing;
        }

        private void attempt() {
            Runnable then;
            synchronized (this) {
                if (closed || claim != null) {
                    return;
                }
                retry = null;
                try {
                    claim = claims.claim(leaderId);
                    then = onElected;
                } catch (AlreadyClaimedException e) {
                    // Another process leads (or another database instance over this file in this process).
                    then = following ? null : onFollowing;
                    following = true;
                    retry = scheduler.schedule(retryInterval, this::attempt);
                } catch (ClaimBackendException e) {
                    LOG.warn("Could not ask who syncs this database; asking again: "
                            + e.getMessage());
                    then = following ? null : onFollowing;
                    following = true;
                    retry = scheduler.schedule(retryInterval, this::attempt);
                }
            }
            if (then != null) {
                then.run();
            }
        }

        /** Whether this candidacy won: this process syncs. */
        public synchronized boolean isLeader() {
            return claim != null && !closed;
        }

        /** Stops asking; a won leadership is given up, so a follower elsewhere takes over. Idempotent. */
        @Override
        public void close() {
            Claim held;
            synchronized (this) {
                if (closed) {
                    return;
                }
                closed = true;
                if (retry != null) {
                    retry.cancel();
                    retry = null;
                }
                held = claim;
                claim = null;
            }
            if (held != null) {
                held.close();
            }
        }
    }
}
