package dev.hexsync.bootstrap.time;

import dev.hexsync.ports.time.Clock;
import dev.hexsync.ports.time.Scheduler;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The production {@link Scheduler}: a small pool of daemon threads on the system clock. One per database,
 * shut down when the database closes.
 */
public final class ExecutorScheduler implements Scheduler, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ExecutorScheduler.class);

    private final ScheduledThreadPoolExecutor executor;
    /** Long blocking work (stream reads, application uploads) gets threads of its own, created as needed. */
    private final ExecutorService blocking;

    public ExecutorScheduler(String name, int threads) {
        AtomicInteger counter = new AtomicInteger();
        ThreadFactory factory = runnable -> {
            Thread thread = new Thread(runnable, "hexsync-" + name + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        this.executor = new ScheduledThreadPoolExecutor(threads, factory);
        this.executor.setRemoveOnCancelPolicy(true);
        this.executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        AtomicInteger blockingCounter = new AtomicInteger();
        this.blocking = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "hexsync-" + name + "-io-" + blockingCounter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void executeBlocking(Runnable task) {
        try {
            blocking.execute(guarded(task));
        } catch (RejectedExecutionException closed) {
            // Closed: blocking work (a sync iteration, an upload) has nothing left to do.
        }
    }

    /**
     * Runs {@code task} on the pool; once the scheduler is closed, on the calling thread instead, so that the
     * last signals of a closing database (watch completions) are still delivered.
     */
    @Override
    public void execute(Runnable task) {
        try {
            executor.execute(guarded(task));
        } catch (RejectedExecutionException closed) {
            guarded(task).run();
        }
    }

    /** Delayed work after close is dropped: nothing is left to run it for. */
    @Override
    public ScheduledTask schedule(Duration delay, Runnable task) {
        try {
            ScheduledFuture<?> future = executor.schedule(guarded(task), Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
            return () -> future.cancel(false);
        } catch (RejectedExecutionException closed) {
            return () -> { };
        }
    }

    @Override
    public Clock clock() {
        return Clock.system();
    }

    /** Tasks must not kill pool threads silently: a failure is logged. */
    private static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                LOG.error("A scheduled hexsync task failed", e);
            }
        };
    }

    /**
     * Stops taking work; queued tasks (completions of closing watches) still run on the pool's daemon threads
     * as they free up, delayed tasks are dropped.
     */
    @Override
    public void close() {
        executor.shutdown();
        blocking.shutdown();
    }
}
