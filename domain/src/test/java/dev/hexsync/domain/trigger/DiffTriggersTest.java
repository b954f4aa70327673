package dev.hexsync.domain.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hexsync.domain.watch.ChangeHub;
import dev.hexsync.ports.api.DiffTrigger;
import dev.hexsync.ports.api.DiffTriggerOperation;
import dev.hexsync.ports.api.DiffTriggerOptions;
import dev.hexsync.ports.api.ReadWork;
import dev.hexsync.ports.api.RowMapper;
import dev.hexsync.ports.api.TriggerStorage;
import dev.hexsync.ports.api.WriteContext;
import dev.hexsync.ports.api.WriteWork;
import dev.hexsync.ports.claims.ClaimedInThisProcessException;
import dev.hexsync.ports.schema.Schema;
import dev.hexsync.ports.schema.Table;
import dev.hexsync.ports.storage.CrudQueue;
import dev.hexsync.ports.storage.DatabaseLocation;
import dev.hexsync.ports.storage.DiffTriggerDefinition;
import dev.hexsync.ports.storage.SqlSession;
import dev.hexsync.ports.storage.TableChanges;
import dev.hexsync.ports.storage.TriggerStore;
import dev.hexsync.ports.storage.sync.SyncStorage;
import dev.hexsync.testkit.storage.InMemoryTriggerStore;
import dev.hexsync.testkit.storage.NoTableChanges;
import dev.hexsync.testkit.time.VirtualScheduler;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Trigger setup, claims and the sweep schedule on the in-memory fakes and virtual time: no SQL, no threads. */
class DiffTriggersTest {
    private static final Schema SCHEMA = Schema.of(Table.builder("todos").text("description").integer("done")
            .viewName("todo_view").build());
    private static final Table TODOS = SCHEMA.tables().get(0);

    private final InMemoryTriggerStore store = new InMemoryTriggerStore();
    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final InstanceClaims claims = new InstanceClaims();
    private final Deque<UUID> uuids = new ArrayDeque<>(List.of(
            UUID.fromString("00000000-0000-4000-8000-000000000001"),
            UUID.fromString("00000000-0000-4000-8000-000000000002"),
            UUID.fromString("00000000-0000-4000-8000-000000000003")));
    private final DiffTriggers triggers = new DiffTriggers(new StoreSession(), () -> SCHEMA, new ChangeHub(), scheduler,
            new TriggerSettings(claims, TriggerStorage.PERSISTED, Duration.ofMinutes(2)), uuids::removeFirst);

    @Test
    void createsOneNamedTriggerPerOperationAndClaimsPersistedOnes() {
        DiffTrigger trigger = triggers.create(DiffTriggerOptions.of("todo_view", DiffTriggerOperation.INSERT,
                DiffTriggerOperation.DELETE).withWhen(DiffTriggerOperation.DELETE, "OLD.id = 'x'").withColumns("done"));

        String id = "00000000_0000_4000_8000_000000000001";
        assertThat(trigger.id()).isEqualTo(id);
        assertThat(trigger.destination()).isEqualTo("__ps_temp_diff_todo_view_" + id);
        assertThat(store.triggers()).containsOnlyKeys(
                "__ps_temp_trigger_insert____ps_temp_diff_todo_view_" + id + "__" + id,
                "__ps_temp_trigger_delete____ps_temp_diff_todo_view_" + id + "__" + id);
        DiffTriggerDefinition delete = store.triggers().get("__ps_temp_trigger_delete____ps_temp_diff_todo_view_" + id
                + "__" + id);
        assertThat(delete.source()).isEqualTo(TODOS);
        assertThat(delete.condition()).contains("OLD.id = 'x'");
        assertThat(delete.columns()).contains(List.of("done"));
        assertThat(delete.temporary()).isFalse();
        assertThat(claims.isClaimed(id)).isTrue();
        assertThatThrownBy(() -> claims.claim(id)).isInstanceOf(ClaimedInThisProcessException.class);

        trigger.close();
        assertThat(store.triggers()).isEmpty();
        assertThat(store.tables()).isEmpty();
        assertThat(claims.isClaimed(id)).isFalse();
        assertThat(triggers.liveCount()).isZero();
    }

    @Test
    void temporaryTriggersClaimNothing() {
        DiffTrigger trigger = triggers.create(DiffTriggerOptions.of("todos").withStorage(TriggerStorage.TEMPORARY)
                .withDestination("recent"));
        assertThat(store.triggers().values()).allMatch(DiffTriggerDefinition::temporary);
        assertThat(claims.isClaimed(trigger.id())).isFalse();
        trigger.close();
    }

    @Test
    void sweepsAtStartAndThenEveryIntervalOnTheScheduler() {
        String orphan = TriggerName.newId(UUID.randomUUID());
        store.createDestination("orphan", false);
        store.createTrigger(new DiffTriggerDefinition(new TriggerName(DiffTriggerOperation.INSERT, "orphan", orphan)
                .format(), DiffTriggerOperation.INSERT, TODOS, "orphan", Optional.empty(), Optional.empty(), false));

        triggers.start();
        assertThat(store.tables()).as("swept at start").isEmpty();

        DiffTrigger live = triggers.create(DiffTriggerOptions.of("todos"));
        String later = TriggerName.newId(UUID.randomUUID());
        store.createDestination("later", false);
        store.createTrigger(new DiffTriggerDefinition(new TriggerName(DiffTriggerOperation.UPDATE, "later", later)
                .format(), DiffTriggerOperation.UPDATE, TODOS, "later", Optional.empty(), Optional.empty(), false));

        scheduler.advance(Duration.ofSeconds(119));
        assertThat(store.tables()).contains("later");
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(store.tables()).as("swept after 2 minutes, the claimed one kept").containsExactly(live.destination());

        triggers.close();
        assertThat(store.tables()).as("live triggers dropped at close").isEmpty();
        assertThat(scheduler.pending()).as("no sweep scheduled after close").isZero();
    }

    @Test
    void aFailedSetupReleasesTheClaim() {
        store.createDestination("taken", false);
        assertThatThrownBy(() -> triggers.create(DiffTriggerOptions.of("todos").withDestination("taken")))
                .hasMessageContaining("taken");
        assertThat(claims.isClaimed("00000000_0000_4000_8000_000000000001")).isFalse();
    }

    /**
     * A session whose writes only reach the trigger store; a failed write leaves the store as it was, as a
     * rolled-back transaction would.
     */
    private final class StoreSession implements SqlSession {
        @Override
        public DatabaseLocation location() {
            return DatabaseLocation.inMemory("triggers");
        }

        @Override
        public <T> T read(ReadWork<T> work) {
            throw new UnsupportedOperationException("no reads here");
        }

        @Override
        public synchronized <T> T write(WriteWork<T> work) {
            Set<String> tablesBefore = Set.copyOf(store.tables());
            Set<String> triggersBefore = Set.copyOf(store.triggers().keySet());
            try {
                return work.run(new NoSql());
            } catch (RuntimeException e) {
                store.triggers().keySet().stream().filter(name -> !triggersBefore.contains(name))
                        .forEach(store::dropTrigger);
                store.tables().stream().filter(name -> !tablesBefore.contains(name)).forEach(store::dropTable);
                throw e;
            }
        }

        @Override
        public void applySchema(Schema schema) {
        }

        @Override
        public CrudQueue crudQueue() {
            throw new UnsupportedOperationException("no queue here");
        }

        @Override
        public SyncStorage syncStorage() {
            throw new UnsupportedOperationException("no sync storage here");
        }

        @Override
        public TriggerStore triggerStore() {
            return store;
        }

        @Override
        public TableChanges tableChanges() {
            return NoTableChanges.INSTANCE;
        }

        @Override
        public void close() {
        }
    }

    private static final class NoSql implements WriteContext {
        @Override
        public <T> List<T> getAll(String sql, List<?> params, RowMapper<T> mapper) {
            throw new UnsupportedOperationException(sql);
        }

        @Override
        public long execute(String sql, List<?> params) {
            throw new UnsupportedOperationException(sql);
        }

        @Override
        public void executeBatch(String sql, List<? extends List<?>> parameterSets) {
            throw new UnsupportedOperationException(sql);
        }
    }
}
