package dev.hexsync.ports.api.collection;

import java.util.Comparator;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The rows of one table (keyed by {@code id}) as typed values, kept in step with the database by a diff
 * trigger. Reads are synchronous and never touch the database. Mutations apply to memory at once and are
 * written by the database's {@link Transactor}; their {@link Mutation#persisted()} completes once the row is in
 * the database and memory reflects it. Safe for concurrent use.
 */
public interface LiveCollection<T> extends LiveView<T> {

    /** The table. */
    String table();

    /** The row with this id as memory holds it now. */
    Optional<T> get(String id);

    /**
     * A live subset of the rows matching {@code filter}, updated as the collection changes. In an on-demand
     * collection the filter also decides what is loaded: the collection holds the rows some open subset covers.
     */
    LiveSubset<T> where(RowFilter filter);

    /**
     * A live subset of the rows matching {@code predicate} (evaluated in memory only; an on-demand collection
     * needs {@link #where(RowFilter)} to load anything).
     */
    LiveSubset<T> where(Predicate<? super T> predicate);

    /** Every row, ordered by {@code comparator}, as a live subset. */
    default LiveSubset<T> orderBy(Comparator<? super T> comparator) {
        return where(RowFilter.all()).orderBy(comparator);
    }

    /**
     * Inserts a row.
     *
     * @throws InvalidRowException when the validation hook rejects it (nothing changes)
     * @throws MutationRejectedException when a row with its id is already in memory
     */
    Mutation insert(T row);

    /**
     * Updates a row with {@code mutator}; only the columns it changed are written, so another writer's change to
     * other columns of the row is kept.
     *
     * @throws InvalidRowException when the validation hook rejects the result (nothing changes)
     * @throws MutationRejectedException when no row has that id, or the mutator changed the id
     */
    Mutation update(String id, UnaryOperator<T> mutator);

    /**
     * Deletes a row.
     *
     * @throws MutationRejectedException when no row has that id
     */
    Mutation delete(String id);
}
