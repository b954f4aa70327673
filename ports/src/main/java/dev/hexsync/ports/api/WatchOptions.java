package dev.hexsync.ports.api;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How a watch reacts to changes.
 *
 * @param throttle the least time between two re-runs; changes within it are gathered into one (trailing edge)
 * @param tables the tables to watch; empty means the tables the query reads, as the database resolves them
 * @param triggerImmediately for {@code onChange}: emit once right after subscribing, before any change
 */
public record WatchOptions(Duration throttle, Optional<Set<String>> tables, boolean triggerImmediately) {

    /** The PowerSync SDKs' default throttle. */
    public static final Duration DEFAULT_THROTTLE = Duration.ofMillis(30);

    public static final WatchOptions DEFAULT = new WatchOptions(DEFAULT_THROTTLE, Optional.empty(), false);

    public WatchOptions {
        Objects.requireNonNull(throttle, "throttle is null");
        if (throttle.isNegative()) {
            throw new IllegalArgumentException("throttle must not be negative: " + throttle);
        }
        tables = tables.map(Set::copyOf);
    }

    public WatchOptions withThrottle(Duration newThrottle) {
        return new WatchOptions(newThrottle, tables, triggerImmediately);
    }

    public WatchOptions withTables(Set<String> newTables) {
        return new WatchOptions(throttle, Optional.of(newTables), triggerImmediately);
    }

    public WatchOptions withTriggerImmediately(boolean trigger) {
        return new WatchOptions(throttle, tables, trigger);
    }
}
