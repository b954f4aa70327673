package dev.hexsync.testkit.time;

import dev.hexsync.ports.time.Clock;
import dev.hexsync.ports.time.Scheduler;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A scheduler on real threads and the system clock, for the tests whose work really blocks or really races
 * (stream reads, a second connection waiting for a lock): one timer thread, and a cached pool of daemon threads
 * for the work. Prefer {@link VirtualScheduler} wherever time itself is under test. Close it after the test.
 */
public final class ThreadScheduler implements Scheduler, AutoCloseable {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("timer"));
    private final ExecutorService workers = Executors.newCachedThreadPool(daemon("worker"));

    private static java.util.concurrent.ThreadFactory daemon(String role) {
        return task -> {
            Thread thread = new Thread(task, "test-scheduler-" + role);
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void execute(Runnable task) {
        workers.execute(task);
    }

    @Override
    public ScheduledTask schedule(Duration delay, Runnable task) {
        ScheduledFuture<?> future = timer.schedule(() -> workers.execute(task), Math.max(0, delay.toNanos()),
                TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }

    @Override
    public Clock clock() {
        return Clock.system();
    }

    /** Stops the threads; scheduled tasks are dropped, running ones interrupted. */
    @Override
    public void close() {
        timer.shutdownNow();
        workers.shutdownNow();
    }
}
