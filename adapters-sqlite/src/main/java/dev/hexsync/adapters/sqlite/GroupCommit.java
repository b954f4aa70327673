package dev.hexsync.adapters.sqlite;

import dev.hexsync.ports.time.Clock;
import dev.hexsync.ports.time.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * When a held group of writes must be committed (see {@link SqliteSession#writeHoldingCommit}): once it is older
 * than the window, or as soon as another connection knocked ({@link WriteWaits}) since it began. While a group is
 * held, a look is scheduled every {@value #CHECK_MILLIS} ms, so that a group is committed also when no write
 * follows. After a group was committed for a waiter, the next one first pauses until the knocking has stopped for
 * {@value #HAND_OVER_QUIET_MILLIS} ms (at most {@value #HAND_OVER_MAX_MILLIS} ms), so that the waiters get the lock
 * instead of losing the race against the holder's next write. Every wait and every age is on the
 * {@link Scheduler} and its clock.
 *
 * <p>Why groups: a commit in WAL mode appends every page the transaction dirtied to the WAL, and checkpoints copy
 * them on; a sync data line dirties pages all over the oplog's indexes, so committing lines one by one writes the
 * same index pages again and again. Each group commit is followed by a checkpoint that copies every page the
 * group dirtied, so longer windows write less (1 M random-id ops: 16.3 s of data lines with 1 s groups, 13.0 s
 * with 10 s groups). Held writes are visible to the session's users at once, so the window only bounds what a
 * crash loses (fetched again on the next connection) and how long programs that do not knock wait.
 *
 * <p>Touched under the session's write lock, except the looks, which run on the scheduler and only read.
 */
final class GroupCommit {
    /** How often a held group looks for knocks and its age while no write comes. */
    static final long CHECK_MILLIS = 2;
    /** A hand-over ends once nobody knocked for this long (several of a waiter's retries)... */
    static final long HAND_OVER_QUIET_MILLIS = 4 * KnockingBusyHandler.RETRY_MILLIS;
    /** ...or after this long at most: waiters still knocking then wait for the lock as usual. */
    static final long HAND_OVER_MAX_MILLIS = 100;

    private final Duration window;
    private final WriteWaits waits;
    private final Scheduler scheduler;
    private final Clock clock;
    /** A group is held (its transaction is open). */
    private boolean holding;
    /** {@link #holding}, for a read's check without the lock. */
    private volatile boolean holdingSeen;
    private Instant since;
    /** {@link WriteWaits#knocks()} when the group began. */
    private long knocksAtStart;
    /** Counts held groups, so that a look only commits the group it was scheduled for. */
    private volatile long generation;
    private volatile Scheduler.ScheduledTask nextLook;
    /** The last group was committed for a waiter: the next one lets the waiters in first. */
    private volatile boolean handOver;

    GroupCommit(Duration window, WriteWaits waits, Scheduler scheduler) {
        this.window = window;
        this.waits = waits;
        this.scheduler = scheduler;
        this.clock = scheduler.clock();
    }

    /** Group commit is switched off: every write commits. */
    boolean isOff() {
        return window.isZero();
    }

    /** A group begins now. */
    void begin() {
        since = clock.now();
        knocksAtStart = waits.knocks();
    }

    /** Another connection knocked since the group began. */
    boolean knocked() {
        return waits.knocks() != knocksAtStart;
    }

    /** The group may take one more write: it is younger than the window and nobody knocked. */
    boolean mayGrow() {
        return Duration.between(since, clock.now()).compareTo(window) < 0 && !knocked();
    }

    /** The held group must be committed now: someone knocked, or it reached the window. */
    boolean isDue() {
        return knocked() || Duration.between(since, clock.now()).compareTo(window) >= 0;
    }

    boolean isHolding() {
        return holding;
    }

    /** Whether a group may be held, without the lock (a read then takes the lock to commit it). */
    boolean mayBeHolding() {
        return holdingSeen;
    }

    /**
     * The group is held now: {@code look} runs every {@value #CHECK_MILLIS} ms with the group's generation until
     * the group {@linkplain #ended ends}.
     */
    void held(java.util.function.LongConsumer look) {
        holding = true;
        holdingSeen = true;
        long current = ++generation;
        scheduleLook(current, look);
    }

    private void scheduleLook(long current, java.util.function.LongConsumer look) {
        nextLook = scheduler.schedule(Duration.ofMillis(CHECK_MILLIS), () -> {
            if (generation != current) {
                return;
            }
            look.accept(current);
            if (generation == current) {
                scheduleLook(current, look);
            }
        });
    }

    /** Whether {@code look} was scheduled for the group held now. */
    boolean isCurrent(long lookGeneration) {
        return holding && generation == lookGeneration;
    }

    /**
     * The group ended (committed or rolled back): no more looks.
     *
     * @param forWaiter it was committed because someone knocked: the next group lets the waiters in first
     */
    void ended(boolean forWaiter) {
        holding = false;
        holdingSeen = false;
        generation++;
        Scheduler.ScheduledTask look = nextLook;
        if (look != null) {
            look.cancel();
            nextLook = null;
        }
        if (forWaiter) {
            handOver = true;
        }
    }

    /**
     * Before a new group after one was committed for a waiter: pauses until nobody knocked for
     * {@value #HAND_OVER_QUIET_MILLIS} ms (the waiters got the lock, or gave up), at most
     * {@value #HAND_OVER_MAX_MILLIS} ms. Without it the holder's next write would take the lock back between two
     * of the waiters' retries, again and again. Call it without the write lock.
     */
    void letWaitersIn() {
        if (!handOver) {
            return;
        }
        handOver = false;
        CountDownLatch quiet = new CountDownLatch(1);
        Instant start = clock.now();
        watchKnocks(start, start, waits.knocks(), quiet);
        try {
            // The looks end it; the bound only matters if the scheduler stopped running them.
            quiet.await(HAND_OVER_MAX_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void watchKnocks(Instant start, Instant quietSince, long lastKnocks, CountDownLatch quiet) {
        scheduler.schedule(Duration.ofMillis(KnockingBusyHandler.RETRY_MILLIS), () -> {
            Instant now = clock.now();
            long knocks = waits.knocks();
            Instant quietFrom = knocks != lastKnocks ? now : quietSince;
            if (Duration.between(quietFrom, now).toMillis() >= HAND_OVER_QUIET_MILLIS
                    || Duration.between(start, now).toMillis() >= HAND_OVER_MAX_MILLIS) {
                quiet.countDown();
            } else {
                watchKnocks(start, quietFrom, knocks, quiet);
            }
        });
    }
}
