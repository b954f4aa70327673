package dev.hexsync.domain.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hexsync.ports.api.DiffTriggerOperation;
import dev.hexsync.ports.claims.Claim;
import dev.hexsync.ports.schema.Table;
import dev.hexsync.ports.storage.DiffTriggerDefinition;
import dev.hexsync.testkit.storage.InMemoryTriggerStore;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The sweep's decisions on the in-memory trigger store: which owners go, which stay. */
class TriggerSweepTest {
    private static final Table TODOS = Table.builder("todos").text("description").build();

    private final InMemoryTriggerStore store = new InMemoryTriggerStore();
    private final InstanceClaims claims = new InstanceClaims();

    @Test
    void dropsEveryTriggerAndTheDestinationOfUnclaimedOwnersOnly() {
        String gone = owner("gone_changes", false, DiffTriggerOperation.values());
        String held = owner("held_changes", false, DiffTriggerOperation.INSERT);
        try (Claim claim = claims.claim(held)) {
            var dropped = TriggerSweep.sweep(store, claims);

            assertThat(dropped).containsExactly(new TriggerSweep.Owner("gone_changes", gone));
            assertThat(store.tables()).containsExactly("held_changes");
            assertThat(store.triggers()).containsOnlyKeys(name(DiffTriggerOperation.INSERT, "held_changes", held));
        }
        assertThat(TriggerSweep.sweep(store, claims)).extracting(TriggerSweep.Owner::id).containsExactly(held);
        assertThat(store.tables()).isEmpty();
        assertThat(store.triggers()).isEmpty();
    }

    @Test
    void leavesTemporaryTriggersAndForeignTriggersAlone() {
        String temporary = owner("temp_changes", true, DiffTriggerOperation.INSERT);
        store.createDestination("app_log", false);
        store.createTrigger(new DiffTriggerDefinition("app_audit", DiffTriggerOperation.INSERT, TODOS, "app_log",
                Optional.empty(), Optional.empty(), false));
        store.createTrigger(new DiffTriggerDefinition("__ps_temp_trigger_insert__app_log__not_an_id",
                DiffTriggerOperation.INSERT, TODOS, "app_log", Optional.empty(), Optional.empty(), false));

        assertThat(TriggerSweep.sweep(store, claims)).isEmpty();
        assertThat(store.tables()).containsExactlyInAnyOrder("app_log", "temp_changes");
        assertThat(store.triggers()).containsKeys("app_audit", name(DiffTriggerOperation.INSERT, "temp_changes", temporary));
    }

    @Test
    void anOwnerWhoseTableIsAlreadyGoneIsStillSweptCleanly() {
        String id = owner("half_gone", false, DiffTriggerOperation.DELETE);
        store.dropTable("half_gone");

        assertThat(TriggerSweep.sweep(store, claims)).extracting(TriggerSweep.Owner::id).containsExactly(id);
        assertThat(store.triggers()).isEmpty();
    }

    private String owner(String destination, boolean temporary, DiffTriggerOperation... operations) {
        String id = TriggerName.newId(UUID.randomUUID());
        store.createDestination(destination, temporary);
        for (DiffTriggerOperation operation : operations) {
            store.createTrigger(new DiffTriggerDefinition(name(operation, destination, id), operation, TODOS,
                    destination, Optional.empty(), Optional.empty(), temporary));
        }
        return id;
    }

    private static String name(DiffTriggerOperation operation, String destination, String id) {
        return new TriggerName(operation, destination, id).format();
    }
}
