package dev.hexsync.domain.collection;

import dev.hexsync.ports.api.collection.ChangeBatch;
import dev.hexsync.ports.api.collection.LiveSubset;
import dev.hexsync.ports.api.collection.RowFilter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Flow;
import java.util.function.Predicate;

/**
 * A live subset: the visible rows of a collection that pass a test, kept in a sorted set (the comparator, then
 * the id) and updated from each step's changes rather than recomputed. Its lock is the collection state's.
 */
final class SubsetView<T> implements LiveSubset<T> {
    private final CollectionState<T> state;
    private final Predicate<Row<T>> test;
    private final Optional<RowFilter> demand;
    private final Comparator<? super T> comparator;
    private final Map<String, Row<T>> members = new HashMap<>();
    private final TreeSet<Row<T>> ordered;
    private final BatchPublisher<T> publisher;
    private final Runnable onClose;
    private boolean closed;

    /**
     * @param demand the stored filter an on-demand collection loads for this subset; empty when it loads nothing
     * @param comparator the order; null for the id's
     * @param onClose runs once when the subset closes (an on-demand collection then loads less)
     */
    SubsetView(CollectionState<T> state, Predicate<Row<T>> test, Optional<RowFilter> demand,
            Comparator<? super T> comparator, Runnable onClose) {
        this.state = state;
        this.test = test;
        this.demand = demand;
        this.comparator = comparator;
        Comparator<Row<T>> byId = Comparator.comparing(Row::id);
        this.ordered = new TreeSet<>(comparator == null ? byId
                : Comparator.<Row<T>, T>comparing(Row::value, comparator).thenComparing(byId));
        this.onClose = onClose;
        this.publisher = new BatchPublisher<>(state.listeners(), state,
                () -> CollectionState.additions(new ArrayList<>(ordered)));
    }

    Optional<RowFilter> demand() {
        return closed ? Optional.empty() : demand;
    }

    BatchPublisher<T> publisher() {
        return publisher;
    }

    /** Takes the rows visible when the subset opens; under the state's lock. */
    void fill(Iterable<Row<T>> rows) {
        for (Row<T> row : rows) {
            if (test.test(row)) {
                members.put(row.id(), row);
                ordered.add(row);
            }
        }
    }

    /** Follows one step of the collection; under the state's lock. */
    void apply(List<RowChange<T>> changes) {
        List<RowChange<T>> mine = new ArrayList<>();
        for (RowChange<T> change : changes) {
            Row<T> before = members.get(change.id());
            Row<T> after = change.after() != null && test.test(change.after()) ? change.after() : null;
            if (before != null) {
                ordered.remove(before);
                members.remove(change.id());
            }
            if (after != null) {
                members.put(change.id(), after);
                ordered.add(after);
            }
            if (before != null || after != null) {
                mine.add(new RowChange<>(change.id(), before, after));
            }
        }
        if (!mine.isEmpty() && publisher.hasSubscribers()) {
            publisher.queue(mine.stream().map(RowChange::toChange).toList());
        }
    }

    void complete() {
        publisher.complete();
    }

    @Override
    public int size() {
        synchronized (state) {
            return members.size();
        }
    }

    @Override
    public List<T> values() {
        synchronized (state) {
            List<T> values = new ArrayList<>(ordered.size());
            ordered.forEach(row -> values.add(row.value()));
            return values;
        }
    }

    @Override
    public Flow.Publisher<ChangeBatch<T>> changes() {
        return publisher;
    }

    @Override
    public LiveSubset<T> orderBy(Comparator<? super T> order) {
        SubsetView<T> sorted = new SubsetView<>(state, test, Optional.empty(), order, () -> { });
        state.addSubset(sorted);
        return sorted;
    }

    @Override
    public void close() {
        synchronized (state) {
            if (closed) {
                return;
            }
            closed = true;
            state.removeSubset(this);
            publisher.complete();
        }
        publisher.deliver();
        onClose.run();
    }
}
