package dev.hexsync.ports.api;

/**
 * A local database that applications read and write with plain SQL, whose writes to synced tables are
 * queued for upload. Every method is safe to call from any thread. Queries outside a transaction run on
 * a pooled reader and see the last committed state; writes are serialized on one writer.
 *
 * <p>Its methods are grouped by role: {@link SqlOperations} (statements, queries, transactions),
 * {@link ChangeWatching} (watched queries, differential watches, table changes), {@link DiffTracking} (diff
 * triggers), {@link UploadQueueAccess} (draining the upload queue), {@link SyncControl} (connecting, status,
 * sync streams) and {@link SchemaManagement} (the schema). This interface adds only closing.
 */
public interface SyncDatabase extends SqlOperations, ChangeWatching, DiffTracking, UploadQueueAccess, SyncControl,
        SchemaManagement, AutoCloseable {

    /** Live collections over this database's tables, and their transactor. */
    dev.hexsync.ports.api.collection.LiveCollections collections();

    /** Closes the database: running watches complete, later calls fail with {@link DatabaseClosedException}. */
    @Override
    void close();

    /**
     * Closes the database and, when {@code deleteFiles}, deletes its files: the database file with its
     * {@code -wal} and {@code -shm} companions wherever it lives, and the side files hexsync keeps beside it.
     * Other processes sharing the file must have closed it first.
     *
     * @throws dev.hexsync.ports.storage.StorageException when a file exists but cannot be deleted
     */
    void close(boolean deleteFiles);
}
