package dev.hexsync.ports.api;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How long and how urgently a stream subscription is kept.
 *
 * @param ttl how long the subscription outlives its last handle (default one day)
 * @param priority 0 (most urgent) .. 3: overrides the stream's own priority, when given
 */
public record SubscribeOptions(Optional<Duration> ttl, Optional<Integer> priority) {
    public static final SubscribeOptions DEFAULT = new SubscribeOptions(Optional.empty(), Optional.empty());

    public SubscribeOptions {
        Objects.requireNonNull(ttl, "ttl is null");
        Objects.requireNonNull(priority, "priority is null");
        ttl.ifPresent(t -> {
            if (t.isNegative()) {
                throw new IllegalArgumentException("ttl must not be negative: " + t);
            }
        });
        priority.ifPresent(p -> {
            if (p < 0 || p > 3) {
                throw new IllegalArgumentException("priority must be 0..3, was " + p);
            }
        });
    }

    public SubscribeOptions withTtl(Duration newTtl) {
        return new SubscribeOptions(Optional.of(newTtl), priority);
    }

    public SubscribeOptions withPriority(int newPriority) {
        return new SubscribeOptions(ttl, Optional.of(newPriority));
    }
}
