package dev.hexsync.domain.collection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hexsync.ports.api.collection.Change;
import dev.hexsync.ports.api.collection.ChangeBatch;
import dev.hexsync.ports.api.collection.RowFilter;
import dev.hexsync.ports.schema.Schema;
import dev.hexsync.ports.schema.Table;
import dev.hexsync.testkit.time.VirtualScheduler;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

/**
 * The collection's in-memory logic without a database: pending writes replayed on the database's rows, rollback,
 * diffs in operation order, eviction on demand, subsets, and listeners on the executor the application chose
 * (here virtual time's, so nothing reaches a listener until the test lets the scheduler run).
 */
class CollectionStateTest {
    record Item(String id, String name, long count) {
    }

    private static final Table TABLE = Schema.of(Table.builder("items").text("name").integer("count").build())
            .tables().get(0);
    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final CollectionState<Item> state = new CollectionState<>("items",
            RecordMapping.of(Item.class, TABLE, Map.of()), scheduler::execute);
    private final List<Change<Item>> heard = new ArrayList<>();

    private static Map<String, Object> row(String id, String name, long count) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("name", name);
        row.put("count", count);
        return row;
    }

    private void listen(Flow.Publisher<ChangeBatch<Item>> publisher) {
        publisher.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ChangeBatch<Item> batch) {
                heard.addAll(batch.changes());
            }

            @Override
            public void onError(Throwable throwable) {
                throw new AssertionError(throwable);
            }

            @Override
            public void onComplete() {
            }
        });
    }

    private List<String> heard() {
        return heard.stream().map(change -> change.kind() + " " + change.id()).toList();
    }

    @Test
    void listenersHearTheCurrentRowsThenEachStepOnTheirExecutor() {
        state.replaceSynced(List.of(row("a", "A", 1)), RowFilter.all());
        listen(state.publisher());
        state.addPending(new PendingWrite(1, PendingWrite.Kind.INSERT, "b", row("b", "B", 2)));
        assertThat(heard).as("nothing runs before the executor does").isEmpty();

        scheduler.runReady();
        assertThat(heard()).containsExactly("ADDED a", "ADDED b");
    }

    @Test
    void aRolledBackWriteLeavesMemoryAsTheDatabaseHasIt() {
        state.replaceSynced(List.of(row("a", "A", 1)), RowFilter.all());
        listen(state.publisher());
        state.addPending(new PendingWrite(7, PendingWrite.Kind.UPDATE, "a", Map.of("name", "changed")));
        state.addPending(new PendingWrite(7, PendingWrite.Kind.INSERT, "b", row("b", "B", 2)));
        assertThat(state.values()).containsExactly(new Item("a", "changed", 1), new Item("b", "B", 2));

        state.dropPending(7);
        scheduler.runReady();
        assertThat(state.values()).containsExactly(new Item("a", "A", 1));
        assertThat(heard()).containsExactly("ADDED a", "UPDATED a", "ADDED b", "UPDATED a", "REMOVED b");
        assertThat(heard.get(3).previous()).contains(new Item("a", "changed", 1));
    }

    @Test
    void aPendingUpdateReplaysOnANewerDatabaseRowKeepingTheOtherWritersColumns() {
        state.replaceSynced(List.of(row("a", "A", 1)), RowFilter.all());
        state.addPending(new PendingWrite(1, PendingWrite.Kind.UPDATE, "a", Map.of("name", "mine")));
        state.applyDiff(List.of(new DiffRow("UPDATE", "a", row("a", "A", 42), 5)));
        assertThat(state.row("a").map(Row::value)).contains(new Item("a", "mine", 42));

        // The database echoes our write: the pending write goes, nothing visible changes.
        state.applyDiff(List.of(new DiffRow("UPDATE", "a", row("a", "mine", 42), 6)));
        state.dropPending(1);
        assertThat(state.hasPending()).isFalse();
        assertThat(state.row("a").map(Row::value)).contains(new Item("a", "mine", 42));
    }

    @Test
    void diffsApplyInOperationOrderSoADeleteThenInsertOfOneIdKeepsTheRow() {
        state.replaceSynced(List.of(row("a", "A", 1)), RowFilter.all());
        state.applyDiff(List.of(new DiffRow("DELETE", "a", row("a", "A", 1), 1),
                new DiffRow("INSERT", "a", row("a", "again", 2), 2)));
        assertThat(state.values()).containsExactly(new Item("a", "again", 2));
    }

    @Test
    void onDemandRowsNoLongerCoveredAreEvicted() {
        RowFilter small = new RowFilter.Compare("count", RowFilter.Operator.LT, 10L);
        state.replaceSynced(List.of(row("a", "A", 1), row("b", "B", 5)), small);
        state.applyDiff(List.of(new DiffRow("UPDATE", "b", row("b", "B", 50), 1),
                new DiffRow("INSERT", "c", row("c", "C", 99), 2)));
        assertThat(state.values()).extracting(Item::id).containsExactly("a");
    }

    @Test
    void subsetsFollowIncrementallyInTheirOwnOrder() {
        state.replaceSynced(List.of(row("a", "A", 3), row("b", "B", 1), row("c", "C", 2)), RowFilter.all());
        SubsetView<Item> odd = new SubsetView<>(state, row -> row.value().count() % 2 == 1, Optional.empty(),
                Comparator.comparingLong(Item::count).reversed(), () -> { });
        state.addSubset(odd);
        assertThat(odd.values()).extracting(Item::id).containsExactly("a", "b");
        listen(odd.changes());

        state.applyDiff(List.of(new DiffRow("UPDATE", "c", row("c", "C", 7), 1),
                new DiffRow("UPDATE", "a", row("a", "A", 4), 2)));
        scheduler.runReady();
        assertThat(odd.values()).extracting(Item::id).containsExactly("c", "b");
        assertThat(heard()).containsExactly("ADDED a", "ADDED b", "ADDED c", "REMOVED a");
    }

    @Test
    void aStoredRowThatDoesNotMapIsLeftOutNotFatal() {
        Map<String, Object> broken = row("x", "X", 1);
        broken.put("count", "not a number");
        state.replaceSynced(List.of(row("a", "A", 1), broken), RowFilter.all());
        assertThat(state.values()).extracting(Item::id).containsExactly("a");
    }
}
