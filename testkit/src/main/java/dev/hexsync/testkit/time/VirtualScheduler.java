package dev.hexsync.testkit.time;

import dev.hexsync.ports.time.Clock;
import dev.hexsync.ports.time.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * A scheduler on virtual time for tests: nothing runs until the test calls {@link #runReady()} or
 * {@link #advance(Duration)}, and then tasks run on the test's thread in due-time order (ties in submission
 * order). Time moves only when the test moves it, so throttles and TTLs are tested exactly.
 */
public final class VirtualScheduler implements Scheduler {
    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    private Instant now;
    private long sequence;

    public VirtualScheduler() {
        this(Instant.parse("2025-01-01T00:00:00Z"));
    }

    public VirtualScheduler(Instant start) {
        this.now = Objects.requireNonNull(start, "start is null");
    }

    @Override
    public synchronized void execute(Runnable task) {
        queue.add(new Task(now, sequence++, task));
    }

    @Override
    public synchronized ScheduledTask schedule(Duration delay, Runnable task) {
        Task scheduled = new Task(now.plus(delay.isNegative() ? Duration.ZERO : delay), sequence++, task);
        queue.add(scheduled);
        return () -> {
            synchronized (VirtualScheduler.this) {
                queue.remove(scheduled);
            }
        };
    }

    @Override
    public Clock clock() {
        return this::now;
    }

    /** The current virtual time. */
    public synchronized Instant now() {
        return now;
    }

    /** Runs every task that is due now, including tasks they submit for now. Returns how many ran. */
    public int runReady() {
        int ran = 0;
        while (true) {
            Task next;
            synchronized (this) {
                next = queue.peek();
                if (next == null || next.due.isAfter(now)) {
                    return ran;
                }
                queue.poll();
            }
            next.runnable.run();
            ran++;
        }
    }

    /** Moves time forward by {@code duration}, running tasks as their due time is reached. */
    public void advance(Duration duration) {
        Instant target;
        synchronized (this) {
            target = now.plus(duration);
        }
        while (true) {
            runReady();
            synchronized (this) {
                Task next = queue.peek();
                if (next == null || next.due.isAfter(target)) {
                    now = target;
                    break;
                }
                now = next.due;
            }
        }
        runReady();
    }

    /** How many tasks are waiting, due or not. */
    public synchronized int pending() {
        return queue.size();
    }

    /** The due times of waiting tasks, earliest first (for assertions on throttling). */
    public synchronized List<Instant> dueTimes() {
        List<Task> tasks = new ArrayList<>(queue);
        tasks.sort(null);
        return tasks.stream().map(t -> t.due).toList();
    }

    private record Task(Instant due, long order, Runnable runnable) implements Comparable<Task> {
        @Override
        public int compareTo(Task other) {
            int byDue = due.compareTo(other.due);
            return byDue != 0 ? byDue : Long.compare(order, other.order);
        }
    }
}
