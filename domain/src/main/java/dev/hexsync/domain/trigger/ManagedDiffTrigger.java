package dev.hexsync.domain.trigger;

import dev.hexsync.ports.api.DatabaseClosedException;
import dev.hexsync.ports.api.DiffTrigger;
import dev.hexsync.ports.api.TriggerStorage;
import dev.hexsync.ports.claims.Claim;
import dev.hexsync.ports.storage.SqlSession;
import dev.hexsync.ports.storage.TriggerStore;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A live diff trigger and what it owns: its triggers, its destination table, and (when persisted) the claim
 * that keeps the sweep away. Closing drops the first two in one write transaction, then releases the claim,
 * so the sweep can never see the triggers unclaimed while they exist.
 */
final class ManagedDiffTrigger implements DiffTrigger {
    private final SqlSession session;
    private final String id;
    private final String destination;
    private final TriggerStorage storage;
    private final List<String> triggerNames;
    private final Optional<Claim> claim;
    private final Consumer<ManagedDiffTrigger> onClose;
    private final AtomicBoolean closed = new AtomicBoolean();

    ManagedDiffTrigger(SqlSession session, String id, String destination, TriggerStorage storage,
            List<String> triggerNames, Optional<Claim> claim, Consumer<ManagedDiffTrigger> onClose) {
        this.session = session;
        this.id = id;
        this.destination = destination;
        this.storage = storage;
        this.triggerNames = List.copyOf(triggerNames);
        this.claim = claim;
        this.onClose = onClose;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String destination() {
        return destination;
    }

    @Override
    public TriggerStorage storage() {
        return storage;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            onClose.accept(this);
            session.write(tx -> {
                drop(session.triggerStore());
                return null;
            });
        } catch (DatabaseClosedException e) {
            // Temporary triggers went with the connection; persisted ones are swept once the claim is gone.
        } finally {
            claim.ifPresent(Claim::close);
        }
    }

    /** Drops the triggers and the destination table; inside a write transaction. */
    void drop(TriggerStore store) {
        for (String name : triggerNames) {
            store.dropTrigger(name);
        }
        store.dropTable(destination);
    }

    @Override
    public String toString() {
        return "DiffTrigger[" + storage.name().toLowerCase(java.util.Locale.ROOT) + " " + destination + " " + id + "]";
    }
}
