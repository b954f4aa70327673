package dev.hexsync.ports.api.collection;

/** Opens live collections over the tables of one database, and the transactor that writes across them. */
public interface LiveCollections {

    /**
     * Opens a collection and hydrates it: pages the table (or, on demand, nothing until a subset asks) into
     * memory in the write transaction that creates its diff trigger, so no write is missed in between. Returns
     * once hydrated.
     *
     * @throws IllegalArgumentException when the table is not in the schema or the row type does not fit it
     */
    <T> LiveCollection<T> open(CollectionOptions<T> options);

    /** The transactor that writes mutations of several collections of this database in one transaction. */
    Transactor transactor();
}
