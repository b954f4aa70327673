package dev.hexsync.ports.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A stream subscription as the sync status reports it.
 *
 * @param parameters the subscription's parameters as JSON text, or null
 * @param priority the largest priority number among the stream's buckets, once a checkpoint told
 * @param progress op counts of its buckets, while downloading
 */
public record StreamStatus(String name, String parameters, Optional<Integer> priority, boolean active, boolean isDefault,
        boolean hasExplicitSubscription, Optional<Instant> expiresAt, Optional<Instant> lastSyncedAt,
        Optional<SyncProgress.Counts> progress) {
    public StreamStatus {
        Objects.requireNonNull(name, "name is null");
    }

    public boolean hasSynced() {
        return lastSyncedAt.isPresent();
    }
}
