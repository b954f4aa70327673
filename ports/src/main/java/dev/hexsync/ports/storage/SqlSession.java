package dev.hexsync.ports.storage;

import dev.hexsync.ports.api.ReadWork;
import dev.hexsync.ports.api.WriteWork;
import dev.hexsync.ports.schema.Schema;
import dev.hexsync.ports.storage.sync.SyncStorage;
import java.util.function.Predicate;

/**
 * An open local database: one writer connection and a pool of readers. Writes are serialized; reads run
 * concurrently with each other and with a write, seeing the last committed state. Safe for concurrent use.
 */
public interface SqlSession extends AutoCloseable {

    /** Where this database lives. */
    DatabaseLocation location();

    /**
     * Runs {@code work} in a read transaction on a reader connection; always rolled back. Called from inside
     * a write transaction on the same thread, it runs on the writer instead, so it sees the uncommitted
     * writes and cannot deadlock waiting for a reader.
     */
    <T> T read(ReadWork<T> work);

    /**
     * Runs {@code work} in a write transaction; commits when it returns, rolls back when it throws. A nested
     * call on the same thread runs inside the outer transaction as a unit of its own: if it throws, only its
     * effects are undone, and the outer work decides whether to go on; nothing commits before the outer
     * work returns.
     *
     * @throws StorageBusyException when another process holds the database lock past the busy timeout
     */
    <T> T write(WriteWork<T> work);

    /**
     * Runs {@code work} as {@link #write} does, except that when {@code mayHold} accepts its result the session
     * may hold the commit back, so that a run of such writes shares one commit (a group commit): the
     * transaction stays open and the next write of this kind continues it. Held writes are committed before
     * anything else uses the session (a read, which therefore sees them; any other write, committed separately
     * after them; {@link #close}), when another connection waits for the write lock (engines that can tell),
     * and at the latest after {@link StorageOptions#groupCommitWindow()}, also when no call follows. Until then
     * other processes do not see them, and a crash loses them.
     *
     * <p>A failing write leaves the held ones as they were when it changed nothing; when it had changed
     * something, the held writes are rolled back with it, and a busy failure is then reported as a plain
     * {@link StorageException} (retrying the write alone would not restore them). Held writes that could not be
     * committed are reported by the next call of this method, which throws a {@link StorageException} first.
     *
     * <p>The default commits every write at once.
     */
    default <T> T writeHoldingCommit(WriteWork<T> work, Predicate<? super T> mayHold) {
        return write(work);
    }

    /**
     * Makes the database's tables, views and capture triggers match {@code schema}, in one write transaction.
     *
     * @throws dev.hexsync.ports.schema.SchemaException when the storage engine cannot represent the schema
     */
    void applySchema(Schema schema);

    /**
     * Told by the sync engine whether a sync iteration is running on this database after each of its calls, so
     * that storage can refuse what the engine refuses during one (the SQL functions {@code powersync_clear} with a
     * soft clear and {@code powersync_trigger_resync}). The default ignores it.
     */
    default void syncIterationRunning(boolean running) {
    }

    /** The upload queue. */
    CrudQueue crudQueue();

    /** The sync engine's persistent state, one role port per concern; use them inside {@link #write} only. */
    SyncStorage syncStorage();

    /** Diff triggers and their destination tables; use it inside {@link #write} only. */
    TriggerStore triggerStore();

    /** Table changes: who hears each commit, and the names they carry. */
    TableChanges tableChanges();

    /** Closes every connection. Idempotent. */
    @Override
    void close();

    /**
     * Closes every connection and, when {@code deleteFiles}, deletes the database's files (for a file
     * database: the file and its {@code -wal}, {@code -shm} and {@code -journal} companions, wherever it lives).
     * Other processes must have closed it first: deleting a database another process has open corrupts theirs.
     *
     * @throws StorageException when a file exists but cannot be deleted; the message names it
     */
    default void close(boolean deleteFiles) {
        close();
        if (deleteFiles && location() instanceof DatabaseLocation.File file) {
            for (java.nio.file.Path path : file.files()) {
                try {
                    java.nio.file.Files.deleteIfExists(path);
                } catch (java.io.IOException e) {
                    throw new StorageException("Cannot delete " + path + ": " + e, e);
                }
            }
        }
    }

    /** Undoes a registration. Idempotent. */
    @FunctionalInterface
    interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
