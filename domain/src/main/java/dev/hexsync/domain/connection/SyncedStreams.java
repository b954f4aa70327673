package dev.hexsync.domain.connection;

import dev.hexsync.domain.status.StatusHolder;
import dev.hexsync.domain.stream.StreamKey;
import dev.hexsync.domain.stream.StreamRegistry;
import dev.hexsync.ports.model.StreamStatus;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Stream subscriptions of a database that syncs: persisted through the sync engine (the status shows them at once,
 * offline too), and every change of the active streams reaches a running iteration.
 */
public final class SyncedStreams implements StreamRegistry.Backend {
    private final Optional<SyncController> sync;
    private final StatusHolder status;

    /** @param sync the database's sync; empty for a database built without one (subscribing then fails) */
    public SyncedStreams(Optional<SyncController> sync, StatusHolder status) {
        this.sync = Objects.requireNonNull(sync, "sync is null");
        this.status = Objects.requireNonNull(status, "status is null");
    }

    @Override
    public void subscribe(StreamKey key, Integer priority, long ttlSeconds) {
        SyncController controller = requireSync();
        controller.engine().subscribe(key, priority, ttlSeconds);
        status.refreshOffline(controller.engine());
    }

    @Override
    public void unsubscribe(StreamKey key) {
        SyncController controller = requireSync();
        controller.engine().unsubscribe(key);
        status.refreshOffline(controller.engine());
    }

    @Override
    public void activeStreamsChanged(List<StreamKey> active) {
        sync.ifPresent(controller -> controller.activeStreamsChanged(active));
    }

    @Override
    public CompletableFuture<Void> firstSync(StreamKey key) {
        return status.waitFor(s -> s.forStream(key.name(), key.params()).map(StreamStatus::hasSynced).orElse(false));
    }

    private SyncController requireSync() {
        return sync.orElseThrow(() -> new IllegalStateException(
                "This database has no sync engine: build it with HexSync.builder()"));
    }
}
