package dev.hexsync.ports.api.collection;

import java.util.function.UnaryOperator;

/**
 * Mutations of one or several collections that commit together. Each mutation applies to memory at once;
 * {@link #commit()} writes them all in one database transaction, {@link #rollback()} (or a failed write) undoes
 * them in memory. Not for concurrent use by several threads.
 */
public interface CollectionTransaction {

    /** See {@link LiveCollection#insert}. */
    <T> CollectionTransaction insert(LiveCollection<T> collection, T row);

    /** See {@link LiveCollection#update}. */
    <T> CollectionTransaction update(LiveCollection<T> collection, String id, UnaryOperator<T> mutator);

    /** See {@link LiveCollection#delete}. */
    <T> CollectionTransaction delete(LiveCollection<T> collection, String id);

    /**
     * Metadata written with every mutation of this transaction to tables that track it ({@code _metadata}; it
     * reaches the upload queue's entries); tables that do not track metadata ignore it.
     */
    CollectionTransaction metadata(String metadata);

    /** Writes the mutations in one write transaction, in the order they were made. */
    Mutation commit();

    /** Undoes the mutations in memory; nothing was written. */
    void rollback();
}
