package dev.hexsync.ports.api.collection;

/**
 * Writes mutations of several collections of one database in one database write transaction: all or nothing,
 * in memory too. Transactions are written in the order they are committed.
 */
public interface Transactor {

    /** A new transaction; nothing is applied until its first mutation. */
    CollectionTransaction begin();
}
