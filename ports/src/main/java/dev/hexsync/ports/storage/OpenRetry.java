package dev.hexsync.ports.storage;

import java.time.Duration;
import java.util.Objects;

/**
 * How opening a database retries while another process holds it locked. Opening runs statements SQLite does
 * not wait for even with a busy timeout (the switch to WAL mode, recovery of a WAL another process left
 * behind), so when several processes open one file at once some are refused at first; they try again after
 * {@code firstDelay}, doubling up to {@code maxDelay}, until {@code budget} is spent.
 *
 * @param firstDelay the wait after the first refusal
 * @param maxDelay the longest wait between two attempts
 * @param budget how long to keep trying in total; zero tries once
 */
public record OpenRetry(Duration firstDelay, Duration maxDelay, Duration budget) {

    /** 10 ms doubling to 250 ms, for about 5 s, as the PowerSync Swift SDK does. */
    public static final OpenRetry DEFAULT = new OpenRetry(Duration.ofMillis(10), Duration.ofMillis(250),
            Duration.ofSeconds(5));

    /** One attempt: a busy database fails the open at once. */
    public static final OpenRetry NONE = new OpenRetry(Duration.ofMillis(10), Duration.ofMillis(10), Duration.ZERO);

    public OpenRetry {
        Objects.requireNonNull(firstDelay, "firstDelay is null");
        Objects.requireNonNull(maxDelay, "maxDelay is null");
        Objects.requireNonNull(budget, "budget is null");
        if (firstDelay.isNegative() || firstDelay.isZero() || maxDelay.compareTo(firstDelay) < 0 || budget.isNegative()) {
            throw new IllegalArgumentException("need 0 < firstDelay <= maxDelay and budget >= 0, got " + firstDelay
                    + ", " + maxDelay + ", " + budget);
        }
    }

    /** The wait after {@code delay}: doubled, at most {@link #maxDelay()}. */
    public Duration next(Duration delay) {
        Duration doubled = delay.multipliedBy(2);
        return doubled.compareTo(maxDelay) > 0 ? maxDelay : doubled;
    }
}
