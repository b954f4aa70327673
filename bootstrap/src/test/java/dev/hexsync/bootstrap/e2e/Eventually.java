package dev.hexsync.bootstrap.e2e;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.awaitility.Awaitility;

/**
 * Bounded waits for the end-to-end tests. The bounds only guard against hangs: a passing test never waits
 * this long, and nothing asserts how fast anything happens, because build machines are shared and noisy.
 */
final class Eventually {
    /** Generous on purpose; see the class comment. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** Short enough not to slow the suite, long enough not to spin a core that the client needs. */
    private static final Duration POLL = Duration.ofMillis(10);

    private Eventually() {
    }

    /** Polls until {@code condition} holds; fails naming {@code what} (and the last state) on timeout. */
    static void await(String what, BooleanSupplier condition) {
        await(what, condition, () -> "");
    }

    /** As {@link #await(String, BooleanSupplier)}, describing the state seen last when giving up. */
    static void await(String what, BooleanSupplier condition, Supplier<String> state) {
        Awaitility.await(what).atMost(TIMEOUT).pollInterval(POLL).pollInSameThread().untilAsserted(() -> {
            if (!condition.getAsBoolean()) {
                throw new AssertionError("Gave up after " + TIMEOUT.toSeconds() + " s waiting for " + what
                        + describe(state.get()));
            }
        });
    }

    /** The future's value; fails on timeout or with the future's own failure. */
    static <T> T join(String what, CompletableFuture<T> future) {
        try {
            return future.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("Gave up after " + TIMEOUT.toSeconds() + " s waiting for " + what, e);
        } catch (ExecutionException e) {
            throw new AssertionError(what + " failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while waiting for " + what, e);
        }
    }

    private static String describe(String state) {
        return state == null || state.isEmpty() ? "" : "; last seen: " + state;
    }
}
