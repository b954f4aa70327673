package dev.hexsync.domain.collection;

import dev.hexsync.ports.api.collection.Change;
import dev.hexsync.ports.api.collection.InvalidRowException;
import dev.hexsync.ports.api.collection.RowFilter;
import dev.hexsync.ports.api.collection.RowMapping;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a collection holds in memory, without any I/O: the rows as the database has them ({@code synced}, as
 * hydrated and then changed by the diff trigger), the pending optimistic writes on top, and what is visible:
 * for each id, the database's row with its pending writes replayed in order. Every step recomputes the touched
 * ids and hands one batch of changes to the collection's listeners and its subsets. One lock (this object)
 * guards it all; listeners are called after it is released.
 */
final class CollectionState<T> {
    private static final Logger LOG = LoggerFactory.getLogger(CollectionState.class);

    private final String table;
    private final RowMapping<T> mapping;
    private final Map<String, Map<String, Object>> synced = new HashMap<>();
    private final Map<String, List<PendingWrite>> pending = new HashMap<>();
    private final TreeMap<String, Row<T>> visible = new TreeMap<>();
    private final List<SubsetView<T>> subsets = new CopyOnWriteArrayList<>();
    private final BatchPublisher<T> publisher;
    private final Executor listeners;
    private RowFilter coverage = RowFilter.all();

    CollectionState(String table, RowMapping<T> mapping, Executor listeners) {
        this.table = table;
        this.mapping = mapping;
        this.listeners = listeners;
        this.publisher = new BatchPublisher<>(listeners, this, () -> additions(visible.values()));
    }

    String table() {
        return table;
    }

    RowMapping<T> mapping() {
        return mapping;
    }

    BatchPublisher<T> publisher() {
        return publisher;
    }

    // ---- the database's side ------------------------------------------------------------------------------

    /**
     * Replaces the database's rows by a fresh snapshot of those {@code covered} (a stored filter); rows it no
     * longer covers are evicted.
     */
    void replaceSynced(List<Map<String, Object>> rows, RowFilter covered) {
        synchronized (this) {
            Set<String> touched = new LinkedHashSet<>(synced.keySet());
            synced.clear();
            coverage = covered;
            for (Map<String, Object> row : rows) {
                String id = (String) row.get("id");
                synced.put(id, row);
                touched.add(id);
            }
            recompute(touched);
        }
        deliver();
    }

    /** Applies what the diff trigger recorded, in operation order. */
    void applyDiff(List<DiffRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        synchronized (this) {
            Set<String> touched = new LinkedHashSet<>();
            for (DiffRow row : rows) {
                if (row.isDelete() || !Filters.matches(coverage, row.columns())) {
                    synced.remove(row.id());
                } else {
                    synced.put(row.id(), row.columns());
                }
                touched.add(row.id());
            }
            recompute(touched);
        }
        deliver();
    }

    // ---- optimistic writes --------------------------------------------------------------------------------

    void addPending(PendingWrite write) {
        synchronized (this) {
            pending.computeIfAbsent(write.id(), id -> new ArrayList<>()).add(write);
            recompute(Set.of(write.id()));
        }
        deliver();
    }

    /** Forgets the writes of a transaction: confirmed (the database has them now) or rolled back. */
    void dropPending(long transaction) {
        synchronized (this) {
            Set<String> touched = new LinkedHashSet<>();
            pending.entrySet().removeIf(entry -> {
                if (entry.getValue().removeIf(write -> write.transaction() == transaction)) {
                    touched.add(entry.getKey());
                }
                return entry.getValue().isEmpty();
            });
            recompute(touched);
        }
        deliver();
    }

    boolean hasPending() {
        synchronized (this) {
            return !pending.isEmpty();
        }
    }

    // ---- reads --------------------------------------------------------------------------------------------

    synchronized Optional<Row<T>> row(String id) {
        return Optional.ofNullable(visible.get(id));
    }

    synchronized int size() {
        return visible.size();
    }

    synchronized List<T> values() {
        List<T> values = new ArrayList<>(visible.size());
        visible.values().forEach(row -> values.add(row.value()));
        return values;
    }

    synchronized List<Row<T>> rows() {
        return new ArrayList<>(visible.values());
    }

    /** The stored filters of the subsets that decide what an on-demand collection loads. */
    synchronized List<RowFilter> demanded() {
        List<RowFilter> filters = new ArrayList<>();
        for (SubsetView<T> subset : subsets) {
            subset.demand().ifPresent(filters::add);
        }
        return filters;
    }

    // ---- subsets ------------------------------------------------------------------------------------------

    Executor listeners() {
        return listeners;
    }

    synchronized void addSubset(SubsetView<T> subset) {
        subsets.add(subset);
        subset.fill(visible.values());
    }

    synchronized void removeSubset(SubsetView<T> subset) {
        subsets.remove(subset);
    }

    /** Completes the listeners of the collection and its subsets. */
    void close() {
        synchronized (this) {
            publisher.complete();
            subsets.forEach(SubsetView::complete);
        }
        deliver();
    }

    // ---- the work -----------------------------------------------------------------------------------------

    private void recompute(Set<String> ids) {
        List<RowChange<T>> changes = new ArrayList<>();
        for (String id : ids) {
            Row<T> before = visible.get(id);
            Map<String, Object> columns = replay(id);
            Row<T> after = columns == null ? null : decode(id, columns, before);
            if (after == null) {
                if (before != null) {
                    visible.remove(id);
                    changes.add(new RowChange<>(id, before, null));
                }
            } else if (before == null || !sameColumns(before.columns(), after.columns())) {
                visible.put(id, after);
                changes.add(new RowChange<>(id, before, after));
            }
        }
        if (changes.isEmpty()) {
            return;
        }
        if (publisher.hasSubscribers()) {
            List<Change<T>> batch = new ArrayList<>(changes.size());
            changes.forEach(change -> batch.add(change.toChange()));
            publisher.queue(batch);
        }
        for (SubsetView<T> subset : subsets) {
            subset.apply(changes);
        }
    }

    /** The database's row with the pending writes replayed on it; null when not visible. */
    private Map<String, Object> replay(String id) {
        Map<String, Object> columns = synced.get(id);
        for (PendingWrite write : pending.getOrDefault(id, List.of())) {
            switch (write.kind()) {
                case INSERT -> columns = write.columns();
                case UPDATE -> {
                    if (columns != null) {
                        Map<String, Object> updated = new LinkedHashMap<>(columns);
                        updated.putAll(write.columns());
                        columns = updated;
                    }
                }
                case DELETE -> columns = null;
                default -> throw new IllegalStateException("Unknown write " + write.kind());
            }
        }
        return columns;
    }

    /** The typed row; a row that does not map is left out, loudly, rather than failing every later flush. */
    private Row<T> decode(String id, Map<String, Object> columns, Row<T> before) {
        if (before != null && sameColumns(before.columns(), columns)) {
            return before;
        }
        try {
            return new Row<>(id, columns, mapping.fromColumns(columns));
        } catch (InvalidRowException e) {
            LOG.warn("Row '{}' of {} does not map and is left out of the"
                    + " collection: {}", id, table, e.getMessage());
            return null;
        }
    }

    private static boolean sameColumns(Map<String, Object> a, Map<String, Object> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (Map.Entry<String, Object> entry : a.entrySet()) {
            if (!b.containsKey(entry.getKey()) || !ColumnValues.same(entry.getValue(), b.get(entry.getKey()))) {
                return false;
            }
        }
        return true;
    }

    static <T> List<Change<T>> additions(Iterable<Row<T>> rows) {
        List<Change<T>> changes = new ArrayList<>();
        for (Row<T> row : rows) {
            changes.add(new Change<>(Change.Kind.ADDED, row.id(), row.value(), Optional.empty()));
        }
        return changes;
    }

    /** Hands queued batches to the listeners; never called under the lock. */
    private void deliver() {
        publisher.deliver();
        for (SubsetView<T> subset : subsets) {
            subset.publisher().deliver();
        }
    }

    /** For a subset opened or closed: its listeners' batches go out like the collection's. */
    void deliverSubset(SubsetView<T> subset) {
        subset.publisher().deliver();
    }
}
