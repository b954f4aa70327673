package dev.hexsync.domain.trigger;

import dev.hexsync.ports.api.DiffTriggerOperation;
import dev.hexsync.ports.claims.ClaimManager;
import dev.hexsync.ports.storage.TriggerStore;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Drops persisted diff triggers whose owner is gone: for every owner found in the stored trigger names whose
 * id nobody claims, all its triggers and its destination table. Run it inside one write transaction, so a
 * crash mid-sweep leaves every owner either whole or gone, and no process can create triggers meanwhile.
 * Temporary triggers are never looked at: they die with their connection.
 */
public final class TriggerSweep {
    private TriggerSweep() {
    }

    /** A trigger owner recovered from the names: its id and its destination table. */
    public record Owner(String destination, String id) {
    }

    /**
     * Sweeps once.
     *
     * @return the owners whose triggers and destination were dropped, in name order
     */
    public static List<Owner> sweep(TriggerStore store, ClaimManager claims) {
        Set<Owner> owners = new LinkedHashSet<>();
        for (String name : store.storedTriggerNames(TriggerName.PREFIX)) {
            TriggerName.parse(name).ifPresent(parsed -> owners.add(new Owner(parsed.destination(), parsed.id())));
        }
        List<Owner> dropped = new ArrayList<>();
        for (Owner owner : owners) {
            if (claims.isClaimed(owner.id())) {
                continue;
            }
            // Names are not tracked per owner, so every operation's name is dropped; missing ones are skipped.
            for (DiffTriggerOperation operation : DiffTriggerOperation.values()) {
                store.dropTrigger(new TriggerName(operation, owner.destination(), owner.id()).format());
            }
            store.dropTable(owner.destination());
            dropped.add(owner);
        }
        return dropped;
    }
}
