package dev.hexsync.ports.api;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/** Runs blocking work on an executor as a future; an executor that refuses the work fails the future. */
final class Async {
    private Async() {
    }

    static <T> CompletableFuture<T> supply(Supplier<T> work, Executor executor) {
        try {
            return CompletableFuture.supplyAsync(work, executor);
        } catch (RuntimeException refused) {
            // A closed database's executor (or a saturated one) refuses at submission: report it the same way
            // as a failure of the work itself, so callers handle one path.
            return CompletableFuture.failedFuture(refused);
        }
    }
}
