package dev.hexsync.domain.trigger;

import dev.hexsync.ports.api.TriggerStorage;
import dev.hexsync.ports.claims.ClaimManager;
import java.time.Duration;
import java.util.Objects;

/**
 * How a database manages diff triggers.
 *
 * @param claims where owners of persisted triggers claim their ids; every process sharing the database file
 *     must use the same backend (for files, the lock directory beside the database)
 * @param defaultStorage where triggers live when a call does not say
 * @param sweepInterval how often the sweep of unclaimed persisted triggers runs after the one at open
 */
public record TriggerSettings(ClaimManager claims, TriggerStorage defaultStorage, Duration sweepInterval) {
    /** The PowerSync SDKs' sweep interval. */
    public static final Duration DEFAULT_SWEEP_INTERVAL = Duration.ofMinutes(2);

    public TriggerSettings {
        Objects.requireNonNull(claims, "claims is null");
        Objects.requireNonNull(defaultStorage, "defaultStorage is null");
        Objects.requireNonNull(sweepInterval, "sweepInterval is null");
        if (sweepInterval.isNegative() || sweepInterval.isZero()) {
            throw new IllegalArgumentException("sweepInterval must be positive, was " + sweepInterval);
        }
    }

    /**
     * For a database no other connection or process opens: temporary triggers by default, and claims that
     * live in this database instance only.
     */
    public static TriggerSettings singleConnection() {
        return new TriggerSettings(new InstanceClaims(), TriggerStorage.TEMPORARY, DEFAULT_SWEEP_INTERVAL);
    }
}
