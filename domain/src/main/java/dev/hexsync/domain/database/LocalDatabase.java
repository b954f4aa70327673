package dev.hexsync.domain.database;

import dev.hexsync.domain.collection.Collections;
import dev.hexsync.domain.connection.SyncController;
import dev.hexsync.domain.connection.SyncedStreams;
import dev.hexsync.domain.status.StatusHolder;
import dev.hexsync.domain.stream.StreamRegistry;
import dev.hexsync.domain.sync.SyncEngine;
import dev.hexsync.domain.trigger.DiffTriggers;
import dev.hexsync.domain.watch.ChangeHub;
import dev.hexsync.domain.watch.ExternalChanges;
import dev.hexsync.domain.watch.Watches;
import dev.hexsync.ports.api.BackendConnector;
import dev.hexsync.ports.api.ConnectOptions;
import dev.hexsync.ports.api.DatabaseClosedException;
import dev.hexsync.ports.api.DiffHandler;
import dev.hexsync.ports.api.DiffTrigger;
import dev.hexsync.ports.api.DiffTriggerOptions;
import dev.hexsync.ports.api.QueryDiff;
import dev.hexsync.ports.api.ReadWork;
import dev.hexsync.ports.api.RowMapper;
import dev.hexsync.ports.api.SqlValues;
import dev.hexsync.ports.api.SyncDatabase;
import dev.hexsync.ports.api.SyncStream;
import dev.hexsync.ports.api.WatchOptions;
import dev.hexsync.ports.api.WriteWork;
import dev.hexsync.ports.api.collection.LiveCollections;
import dev.hexsync.ports.model.CrudBatch;
import dev.hexsync.ports.model.CrudTransaction;
import dev.hexsync.ports.model.SyncStatus;
import dev.hexsync.ports.model.UploadQueueStats;
import dev.hexsync.ports.schema.Schema;
import dev.hexsync.ports.signal.ChangeSignal;
import dev.hexsync.ports.storage.SqlSession;
import dev.hexsync.ports.time.Scheduler;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;

/**
 * The local database applications use: one face over the rooms that do the work (SQL access, watches, the
 * upload queue, diff triggers, the sync status, stream subscriptions and, when it syncs, the sync controller). It
 * owns the session and everything else it was set up with, and closes them.
 */
public final class LocalDatabase implements SyncDatabase {
    private static final String NO_TRANSPORT = "This database has no sync transport: build it with HexSync.builder()";
    private static final String NO_ENGINE = "This database has no sync engine: build it with HexSync.builder()";
    private final SqlSession session;
    private final SqlAccess sql;
    private final Watches watches;
    private final UploadQueue queue;
    private final DiffTriggers triggers;
    private final StatusHolder status;
    private final Optional<SyncController> sync;
    private final StreamRegistry streams;
    private final Optional<ExternalChanges> externalChanges;
    private final List<Runnable> afterClose;
    private final List<Runnable> afterDelete;
    private volatile boolean closed;
    private volatile Collections collections;

    /** The parts, each made by its own constructor; {@link #open} makes them from a {@link DatabaseSetup}. */
    public LocalDatabase(SqlSession session, SqlAccess sql, Watches watches, UploadQueue queue, DiffTriggers triggers,
            StatusHolder status, Optional<SyncController> sync, StreamRegistry streams, Optional<ExternalChanges> externalChanges,
            List<Runnable> afterClose, List<Runnable> afterDelete) {
        this.session = session;
        this.sql = sql;
        this.watches = watches;
        this.queue = queue;
        this.triggers = triggers;
        this.status = status;
        this.sync = sync;
        this.streams = streams;
        this.externalChanges = externalChanges;
        this.afterClose = List.copyOf(afterClose);
        this.afterDelete = List.copyOf(afterDelete);
    }

    /**
     * Opens a database over {@code session} that no other connection or process opens, validating and applying
     * {@code schema}; diff triggers are temporary, and it does not sync.
     *
     * @throws dev.hexsync.ports.schema.SchemaException when the schema is not valid; the session is closed
     */
    public static LocalDatabase open(SqlSession session, Scheduler scheduler, Schema schema) {
        return open(DatabaseSetup.of(session, scheduler, schema));
    }

    /**
     * Opens a database as {@code setup} says: validates and applies the schema, sweeps the persisted diff triggers
     * nobody claims (then again periodically), and, when it syncs, reads the stored sync state (so that
     * {@link #syncStatus()} knows whether it ever synced) and from then on publishes every status the engine
     * reports.
     *
     * @throws dev.hexsync.ports.schema.SchemaException when the schema is not valid
     * @throws RuntimeException whatever failed; everything in {@code setup} was closed and its hooks ran
     */
    public static LocalDatabase open(DatabaseSetup setup) {
        SqlSession session = setup.session();
        Scheduler scheduler = setup.scheduler();
        try {
            setup.schema().validate();
            session.applySchema(setup.schema());
        } catch (RuntimeException e) {
            session.close();
            setup.changeSignal().close();
            setup.afterClose().forEach(Runnable::run);
            throw e;
        }
        SqlAccess sql = new SqlAccess(session, setup.schema(), scheduler::executeBlocking);
        ChangeHub hub = new ChangeHub();
        Watches watches = new Watches(session, hub, scheduler);
        // Without a signal there is nothing to announce to or hear from.
        Optional<ExternalChanges> external = setup.changeSignal() == ChangeSignal.NONE ? Optional.empty()
                : Optional.of(new ExternalChanges(session, setup.changeSignal(), hub));
        StatusHolder status = new StatusHolder(scheduler);
        DiffTriggers triggers = new DiffTriggers(session, sql::schema, hub, scheduler, setup.triggers(),
                UUID::randomUUID);
        Optional<SyncController> sync = setup.sync().map(side -> new SyncController(
                new SyncEngine(session, side.decoder(), scheduler.clock(), status::engineReported),
                side.transport(), scheduler, session.crudQueue(), status, hub, side.leadership(), side.metrics()));
        StreamRegistry streams = new StreamRegistry(new SyncedStreams(sync, status));
        LocalDatabase database = new LocalDatabase(session, sql, watches, new UploadQueue(session), triggers, status,
                sync, streams, external, setup.afterClose(), setup.afterDelete());
        database.collections = new Collections(database, session, scheduler);
        try {
            triggers.start();
            sync.ifPresent(controller -> status.refreshOffline(controller.engine()));
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        return database;
    }

    // ---- SQL ----------------------------------------------------------------------------------------------

    @Override
    public <T> List<T> getAll(String query, List<?> params, RowMapper<T> mapper) {
        ensureOpen();
        return sql.getAll(query, params, mapper);
    }

    @Override
    public long execute(String statement, List<?> params) {
        ensureOpen();
        return sql.execute(statement, params);
    }

    @Override
    public void executeBatch(String statement, List<? extends List<?>> parameterSets) {
        ensureOpen();
        sql.executeBatch(statement, parameterSets);
    }

    @Override
    public <T> T readTransaction(ReadWork<T> work) {
        ensureOpen();
        return sql.readTransaction(work);
    }

    @Override
    public <T> T writeTransaction(WriteWork<T> work) {
        ensureOpen();
        return sql.writeTransaction(work);
    }

    /**
     * The scheduler's threads for blocking work: the engine starts no threads of its own. Work handed over after
     * {@link #close()} is refused with {@link DatabaseClosedException}.
     */
    @Override
    public Executor asyncExecutor() {
        return task -> {
            ensureOpen();
            sql.blockingWork().execute(task);
        };
    }

    @Override
    public LiveCollections collections() {
        ensureOpen();
        Collections live = collections;
        if (live == null) {
            throw new IllegalStateException("This database was not opened with LocalDatabase.open: it has no live"
                    + " collections");
        }
        return live;
    }

    @Override
    public Schema schema() {
        return sql.schema();
    }

    @Override
    public void updateSchema(Schema newSchema) {
        ensureOpen();
        sql.updateSchema(newSchema);
        triggers.schemaChanged();
        // Views may have been recreated over different tables: every watch re-runs.
        watches.everythingChanged();
    }

    // ---- watches and diff triggers ------------------------------------------------------------------------

    @Override
    public <T> Flow.Publisher<List<T>> watch(String query, List<?> params, RowMapper<T> mapper, WatchOptions options) {
        ensureOpen();
        return watches.watch(this, query, SqlValues.toSql(params), mapper, options);
    }

    @Override
    public <T> Flow.Publisher<QueryDiff<T>> watchDifferential(String query, List<?> params, RowMapper<T> mapper,
            String keyColumn, WatchOptions options) {
        ensureOpen();
        return watches.watchDifferential(this, query, SqlValues.toSql(params), mapper, keyColumn, options);
    }

    @Override
    public Flow.Publisher<Set<String>> onChange(WatchOptions options) {
        ensureOpen();
        return watches.onChange(options);
    }

    @Override
    public DiffTrigger createDiffTrigger(DiffTriggerOptions options) {
        ensureOpen();
        return triggers.create(options);
    }

    @Override
    public DiffTrigger trackTableDiff(DiffTriggerOptions options, Duration throttle, DiffHandler handler) {
        ensureOpen();
        return triggers.track(options, throttle, handler);
    }

    /** The diff triggers of this database, for the sweep and for tests. */
    public DiffTriggers diffTriggers() {
        return triggers;
    }

    // ---- the upload queue ---------------------------------------------------------------------------------

    @Override
    public Optional<CrudBatch> getCrudBatch(int limit) {
        ensureOpen();
        return queue.batch(limit);
    }

    @Override
    public Optional<CrudTransaction> getNextCrudTransaction() {
        ensureOpen();
        return queue.nextTransaction();
    }

    @Override
    public UploadQueueStats getUploadQueueStats(boolean includeSize) {
        ensureOpen();
        return queue.stats(includeSize);
    }

    // ---- syncing ------------------------------------------------------------------------------------------

    /** The sync engine, for benchmarks and tools that drive it directly. */
    public SyncEngine syncEngine() {
        return requireSync(NO_ENGINE).engine();
    }

    @Override
    public CompletableFuture<Void> connect(BackendConnector connector, ConnectOptions options) {
        ensureOpen();
        return requireSync(NO_TRANSPORT).connect(this, streams::active, connector, options);
    }

    @Override
    public void disconnect() {
        sync.ifPresent(SyncController::disconnect);
    }

    @Override
    public void disconnectAndClear(boolean clearLocal, boolean soft) {
        ensureOpen();
        requireSync(NO_ENGINE).disconnectAndClear(clearLocal, soft, sql.schema().rawTables());
        watches.everythingChanged();
    }

    @Override
    public CompletableFuture<Void> requestCheckpoint() {
        return sync.map(SyncController::requestCheckpoint).orElseGet(() -> CompletableFuture.failedFuture(
                new IllegalStateException("requestCheckpoint() needs a connected database")));
    }

    @Override
    public SyncStream syncStream(String name, Map<String, Object> parameters) {
        ensureOpen();
        return streams.stream(name, parameters);
    }

    @Override
    public SyncStatus syncStatus() {
        return status.current();
    }

    @Override
    public Flow.Publisher<SyncStatus> statusUpdates() {
        return status.publisher();
    }

    @Override
    public CompletableFuture<Void> waitForFirstSync(int priority) {
        return status.waitFor(s -> s.statusForPriority(priority).hasSynced().orElse(false));
    }

    private SyncController requireSync(String missing) {
        return sync.orElseThrow(() -> new IllegalStateException(missing));
    }

    // ---- lifecycle ----------------------------------------------------------------------------------------

    /** The storage session underneath, for the parts of hexsync that extend the database. */
    public SqlSession session() {
        return session;
    }

    private void ensureOpen() {
        if (closed) {
            throw new DatabaseClosedException("the database at " + session.location().describe() + " was closed");
        }
    }

    @Override
    public void close() {
        close(false);
    }

    @Override
    public void close(boolean deleteFiles) {
        synchronized (this) {
            if (closed) {
                if (deleteFiles) {
                    session.close(true);
                    afterDelete.forEach(Runnable::run);
                }
                return;
            }
            closed = true;
        }
        sync.ifPresent(SyncController::close);
        Collections live = collections;
        if (live != null) {
            live.close();
        }
        triggers.close();
        watches.close();
        status.close();
        try {
            session.close(deleteFiles);
        } finally {
            externalChanges.ifPresent(ExternalChanges::close);
            afterClose.forEach(Runnable::run);
        }
        if (deleteFiles) {
            afterDelete.forEach(Runnable::run);
        }
    }
}
