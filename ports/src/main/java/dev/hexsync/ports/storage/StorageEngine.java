package dev.hexsync.ports.storage;

/**
 * A database technology hexsync can keep its local replica in (SQLite, H2, ...). Opening a database
 * creates or migrates the internal tables of the PowerSync layout; the schema is applied separately.
 */
public interface StorageEngine {

    /** A short name for messages and configuration, e.g. {@code sqlite}. */
    String name();

    /**
     * Opens (creating if needed) a database.
     *
     * @throws StorageException when it cannot be opened; the message names the location
     */
    SqlSession open(DatabaseLocation location, StorageOptions options);
}
