package dev.hexsync.domain.collection;

import dev.hexsync.ports.api.WriteContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Which written rows the collection's diff trigger has echoed back into memory. A write notes, inside its
 * transaction, the trigger's generation and the last operation id recorded so far; it is persisted (memory
 * reflects the database) once a flush of that generation applied that operation, or once a newer generation's
 * snapshot, taken after the write committed, replaced memory. Operation ids, not timestamps: two changes in
 * the same millisecond (a delete and an insert of one id) never leave a write waiting.
 */
final class Echoes {
    /** A write's position in the recorded changes. */
    record Target(long generation, long operationId) {
    }

    /** A write waiting for its echo, and what to do then. */
    private record Waiter(Target target, Runnable settle, CompletableFuture<Void> done) {
    }

    private final Executor completions;
    private final List<Waiter> waiting = new ArrayList<>();
    private long generation;
    private String destination;
    private long applied;
    private boolean closed;

    /** @param completions where persisted futures complete (never on the writer's thread inside a flush) */
    Echoes(Executor completions) {
        this.completions = completions;
    }

    synchronized long nextGeneration() {
        return generation + 1;
    }

    /** A new trigger records into {@code table}; inside the transaction that created it. */
    synchronized void started(long newGeneration, String table) {
        generation = newGeneration;
        destination = table;
        applied = 0;
    }

    synchronized boolean isCurrent(long flushed) {
        return flushed == generation && !closed;
    }

    /** The write's target; inside its write transaction, after its statements. */
    Target target(WriteContext tx) {
        long current;
        String table;
        synchronized (this) {
            current = generation;
            table = destination;
        }
        if (table == null) {
            return new Target(current, 0);
        }
        Object last = tx.getAll("SELECT MAX(operation_id) FROM " + Filters.identifier(table), List.of(),
                row -> row.get(0)).get(0);
        return new Target(current, last == null ? 0 : ((Number) last).longValue());
    }

    /**
     * Runs {@code settle} (drops the write's optimistic state) once the write was echoed, then completes the
     * returned future.
     */
    CompletableFuture<Void> await(Target target, Runnable settle) {
        Waiter waiter = new Waiter(target, settle, new CompletableFuture<>());
        boolean now;
        synchronized (this) {
            if (closed) {
                settle.run();
                waiter.done().completeExceptionally(new IllegalStateException(
                        "The collection closed before the write was echoed back"));
                return waiter.done();
            }
            now = echoed(target);
            if (!now) {
                waiting.add(waiter);
            }
        }
        if (now) {
            settle(waiter);
        }
        return waiter.done();
    }

    /** A flush of {@code flushed} applied changes up to {@code operationId}. */
    void applied(long flushed, long operationId) {
        List<Waiter> ready = new ArrayList<>();
        synchronized (this) {
            if (flushed != generation) {
                return;
            }
            applied = Math.max(applied, operationId);
            waiting.removeIf(waiter -> echoed(waiter.target()) && ready.add(waiter));
        }
        ready.forEach(this::settle);
    }

    /** After a rebuild committed: writes noted in older generations are in the new snapshot. */
    void settleOlderGenerations() {
        List<Waiter> ready = new ArrayList<>();
        synchronized (this) {
            waiting.removeIf(waiter -> echoed(waiter.target()) && ready.add(waiter));
        }
        ready.forEach(this::settle);
    }

    private boolean echoed(Target target) {
        return target.generation() < generation || target.operationId() <= applied;
    }

    private void settle(Waiter waiter) {
        waiter.settle().run();
        completions.execute(() -> waiter.done().complete(null));
    }

    /** Fails the writes still waiting: the collection closed. */
    void close() {
        List<Waiter> left;
        synchronized (this) {
            closed = true;
            left = List.copyOf(waiting);
            waiting.clear();
        }
        for (Waiter waiter : left) {
            waiter.settle().run();
            waiter.done().completeExceptionally(new IllegalStateException(
                    "The collection closed before the write was echoed back"));
        }
    }
}
