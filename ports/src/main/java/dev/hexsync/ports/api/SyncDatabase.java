package dev.hexsync.ports.api;

import dev.hexsync.ports.model.CrudBatch;
import dev.hexsync.ports.model.CrudTransaction;
import dev.hexsync.ports.model.SyncStatus;
import dev.hexsync.ports.model.UploadQueueStats;
import dev.hexsync.ports.schema.Schema;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * A local database that applications read and write with plain SQL, whose writes to synced tables are
 * queued for upload. Every method is safe to call from any thread. Queries outside a transaction run on
 * a pooled reader and see the last committed state; writes are serialized on one writer.
 */
public interface SyncDatabase extends WriteContext, AutoCloseable {

    /** Runs {@code work} in a read transaction: a consistent snapshot, always rolled back. */
    <T> T readTransaction(ReadWork<T> work);

    /** Runs {@code work} in a write transaction: committed when it returns, rolled back when it throws. */
    <T> T writeTransaction(WriteWork<T> work);

    /** The schema the database currently has. */
    Schema schema();

    /**
     * Replaces the schema, as the PowerSync engine's {@code powersync_replace_schema} does: unchanged tables are
     * kept; a synced table that is dropped, or turned local-only, keeps its rows aside until a synced table of
     * that name comes back (the local-only one starts empty).
     *
     * <p><b>Local-only rows are dropped</b> when their table leaves the schema or becomes synced (switching it
     * back later does not restore them): they were never uploaded, and the engine keeps no copy either. hexsync
     * logs a WARNING naming the table and the number of rows dropped; copy rows you want to keep into another
     * table first. The same applies to a changed schema given to {@code HexSync.builder().schema(..)} when an
     * existing database is opened.
     */
    void updateSchema(Schema schema);

    /**
     * Re-runs a query whenever a table it reads changes, and publishes each result that differs from the
     * previous one. The first result is published right after subscribing.
     */
    default <T> Flow.Publisher<List<T>> watch(String sql, List<?> params, RowMapper<T> mapper) {
        return watch(sql, params, mapper, WatchOptions.DEFAULT);
    }

    /** As {@link #watch(String, List, RowMapper)}, with options. */
    <T> Flow.Publisher<List<T>> watch(String sql, List<?> params, RowMapper<T> mapper, WatchOptions options);

    /**
     * Watches a query and publishes how its result changed, row by row, keyed by the {@code id} column: rows
     * added, removed, updated (with their previous version) and unchanged (the previous objects, reused).
     * The first emission has every row as added; nothing is published for an empty first result, nor for a
     * re-run that changed nothing.
     */
    default <T> Flow.Publisher<QueryDiff<T>> watchDifferential(String sql, List<?> params, RowMapper<T> mapper) {
        return watchDifferential(sql, params, mapper, "id", WatchOptions.DEFAULT);
    }

    /**
     * As {@link #watchDifferential(String, List, RowMapper)}, keyed by {@code keyColumn} of the result (two rows
     * with one key are an error), with options.
     */
    <T> Flow.Publisher<QueryDiff<T>> watchDifferential(String sql, List<?> params, RowMapper<T> mapper,
            String keyColumn, WatchOptions options);

    /** Publishes the names of changed tables (among {@code tables}) after each commit that touched them. */
    default Flow.Publisher<Set<String>> onChange(Set<String> tables) {
        return onChange(WatchOptions.DEFAULT.withTables(tables));
    }

    /** As {@link #onChange(Set)}, with options; {@code options.tables()} empty means every table. */
    Flow.Publisher<Set<String>> onChange(WatchOptions options);

    /**
     * Creates a diff trigger: from now on every recorded change of {@code options.source()} lands as a row in
     * the destination table, until the returned trigger is closed. Setup (the {@code beforeCreate} hook, the
     * destination table, the triggers) runs in one write transaction; called inside
     * {@link #writeTransaction}, it runs in that transaction instead and is undone with it.
     *
     * @throws IllegalArgumentException when the source is not a table of the schema, or a column is not one of
     *     its columns
     */
    DiffTrigger createDiffTrigger(DiffTriggerOptions options);

    /**
     * Creates a diff trigger and calls {@code handler} with the recorded changes, at most once per
     * {@code throttle} after changes were recorded, in a write transaction that then empties the destination.
     * The handler is not called while nothing was recorded. Closing the returned trigger stops the calls. The
     * handler runs on the database's scheduler while holding the write lock: keep it short.
     */
    DiffTrigger trackTableDiff(DiffTriggerOptions options, java.time.Duration throttle, DiffHandler handler);

    /** {@link #trackTableDiff(DiffTriggerOptions, java.time.Duration, DiffHandler)} with the 30 ms default. */
    default DiffTrigger trackTableDiff(DiffTriggerOptions options, DiffHandler handler) {
        return trackTableDiff(options, WatchOptions.DEFAULT_THROTTLE, handler);
    }

    /** The oldest queued changes, at most {@code limit} entries; empty when the queue is empty. */
    Optional<CrudBatch> getCrudBatch(int limit);

    /** The oldest queued changes, at most 100 entries. */
    default Optional<CrudBatch> getCrudBatch() {
        return getCrudBatch(100);
    }

    /** The queued changes of the oldest local transaction; empty when the queue is empty. */
    Optional<CrudTransaction> getNextCrudTransaction();

    /** How much is queued; counting the size reads every entry, so ask for it only when needed. */
    UploadQueueStats getUploadQueueStats(boolean includeSize);

    /**
     * Connects to the sync service: keeps the local replica live and uploads local changes through
     * {@code connector}, retrying after failures, until {@link #disconnect()} or {@link #close()}. Calling it
     * again replaces the options (the latest call wins). Only one process syncs a database file: while another
     * does, this one waits as a follower ({@link SyncStatus#follower()}) and takes over when that process
     * disconnects, closes or dies.
     *
     * @return completes once connecting has begun, a download error was recorded, or this process follows
     */
    CompletableFuture<Void> connect(BackendConnector connector, ConnectOptions options);

    /** {@link #connect(BackendConnector, ConnectOptions)} with the default options. */
    default CompletableFuture<Void> connect(BackendConnector connector) {
        return connect(connector, ConnectOptions.DEFAULT);
    }

    /** Stops syncing; local reads and writes go on, writes queue until the next connect. */
    void disconnect();

    /**
     * Disconnects and clears the local replica: synced rows, the upload queue (unsent writes are lost), sync
     * state and stream subscriptions; the client id stays.
     *
     * @param clearLocal also clear local-only tables
     * @param soft keep downloaded buckets internally, so that reconnecting as the same user downloads little
     */
    void disconnectAndClear(boolean clearLocal, boolean soft);

    /** {@link #disconnectAndClear(boolean, boolean)}: everything, local-only tables included, hard. */
    default void disconnectAndClear() {
        disconnectAndClear(true, false);
    }

    /**
     * In checkpoint-requests mode: asks the service for a checkpoint covering everything it has seen of this
     * client, and completes once it was applied locally. It does not hold back other downloaded data.
     */
    CompletableFuture<Void> requestCheckpoint();

    /**
     * A sync stream with parameters (JSON-compatible values; empty for none). Nothing is subscribed until
     * {@link SyncStream#subscribe}.
     */
    SyncStream syncStream(String name, Map<String, Object> parameters);

    /** A sync stream without parameters. */
    default SyncStream syncStream(String name) {
        return syncStream(name, Map.of());
    }

    /** The current sync status. */
    SyncStatus syncStatus();

    /** The sync status now and after every change (conflated to the latest for slow subscribers). */
    Flow.Publisher<SyncStatus> statusUpdates();

    /** Completes once a complete sync has finished (at once if one ever did, even before a restart). */
    default CompletableFuture<Void> waitForFirstSync() {
        return waitForFirstSync(SyncStatus.FULL_SYNC_PRIORITY);
    }

    /**
     * Completes once the buckets of {@code priority} and every more important priority have been synced
     * (a complete sync counts for every priority).
     */
    CompletableFuture<Void> waitForFirstSync(int priority);

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
