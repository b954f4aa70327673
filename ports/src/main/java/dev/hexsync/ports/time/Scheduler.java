package dev.hexsync.ports.time;

import java.time.Duration;

/**
 * Runs work later or elsewhere. The engine never sleeps and never starts threads of its own: every delay,
 * throttle and background task goes through this port, so tests can drive it on virtual time.
 * Implementations must be safe for concurrent use; tasks may run concurrently with each other.
 */
public interface Scheduler {

    /** Runs {@code task} as soon as possible, not on the calling thread's stack. */
    void execute(Runnable task);

    /** Runs {@code task} once after {@code delay}; the returned handle cancels it if it has not started. */
    ScheduledTask schedule(Duration delay, Runnable task);

    /**
     * Runs {@code task}, which may block for long (reading a sync stream, an application's upload), where it
     * does not hold up the short tasks of {@link #execute}.
     */
    default void executeBlocking(Runnable task) {
        execute(task);
    }

    /** The clock this scheduler's delays are measured on. */
    Clock clock();

    /** A scheduled task that may be cancelled. */
    @FunctionalInterface
    interface ScheduledTask {
        /** Cancels the task if it has not started; harmless when it already ran or was cancelled. */
        void cancel();
    }
}
