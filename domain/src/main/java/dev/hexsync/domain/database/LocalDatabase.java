package dev.hexsync.domain.database;

import dev.hexsync.domain.crud.CrudEntries;
import dev.hexsync.domain.watch.ChangeFeed;
import dev.hexsync.domain.sync.StatusMapper;
import dev.hexsync.domain.sync.SyncEngine;
import dev.hexsync.domain.watch.ChangeHub;
import dev.hexsync.domain.watch.LatestValuePublisher;
import dev.hexsync.domain.watch.QueryWatch;
import dev.hexsync.domain.watch.TableNames;
import dev.hexsync.ports.api.DatabaseClosedException;
import dev.hexsync.ports.api.ReadWork;
import dev.hexsync.ports.api.RowMapper;
import dev.hexsync.ports.api.SyncDatabase;
import dev.hexsync.ports.api.WatchOptions;
import dev.hexsync.ports.api.WriteWork;
import dev.hexsync.ports.model.CrudBatch;
import dev.hexsync.ports.model.CrudEntry;
import dev.hexsync.ports.model.CrudTransaction;
import dev.hexsync.ports.model.SyncStatus;
import dev.hexsync.ports.model.UploadQueueStats;
import dev.hexsync.ports.schema.Schema;
import dev.hexsync.ports.storage.CrudRecord;
import dev.hexsync.ports.storage.SqlSession;
import dev.hexsync.ports.sync.SyncLineDecoder;
import dev.hexsync.ports.time.Scheduler;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * The local database applications use: SQL on the storage session, watches, and the upload queue. It
 * owns the session and closes it.
 */
public final class LocalDatabase implements SyncDatabase {
    private final SqlSession session;
    private final Scheduler scheduler;
    private final ChangeHub hub = new ChangeHub();
    private final SqlSession.Registration hubRegistration;
    private final List<Runnable> closeHooks = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final LatestValuePublisher<SyncStatus> status;
    private volatile SyncEngine syncEngine;
    private volatile Schema schema;
    private volatile boolean closed;

    private LocalDatabase(SqlSession session, Scheduler scheduler, Schema schema) {
        this.session = Objects.requireNonNull(session, "session is null");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler is null");
        this.schema = schema;
        this.hubRegistration = session.addTableChangeListener(hub);
        this.status = new LatestValuePublisher<>(scheduler, SyncStatus.UNKNOWN);
    }

    /**
     * Opens a database over {@code session}, validating and applying {@code schema}.
     *
     * @throws dev.hexsync.ports.schema.SchemaException when the schema is not valid; the session is closed
     */
    public static LocalDatabase open(SqlSession session, Scheduler scheduler, Schema schema) {
        try {
            schema.validate();
            session.applySchema(schema);
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
        return new LocalDatabase(session, scheduler, schema);
    }

    @Override
    public <T> List<T> getAll(String sql, List<?> params, RowMapper<T> mapper) {
        ensureOpen();
        return session.read(tx -> tx.getAll(sql, params, mapper));
    }

    @Override
    public long execute(String sql, List<?> params) {
        ensureOpen();
        return session.write(tx -> tx.execute(sql, params));
    }

    @Override
    public void executeBatch(String sql, List<? extends List<?>> parameterSets) {
        ensureOpen();
        session.write(tx -> {
            tx.executeBatch(sql, parameterSets);
            return null;
        });
    }

    @Override
    public <T> T readTransaction(ReadWork<T> work) {
        ensureOpen();
        return session.read(work);
    }

    @Override
    public <T> T writeTransaction(WriteWork<T> work) {
        ensureOpen();
        return session.write(work);
    }

    @Override
    public Schema schema() {
        return schema;
    }

    @Override
    public void updateSchema(Schema newSchema) {
        ensureOpen();
        newSchema.validate();
        session.applySchema(newSchema);
        schema = newSchema;
        // Views may have been recreated over different tables: every watch re-runs.
        hub.everythingChanged();
    }

    @Override
    public <T> Flow.Publisher<List<T>> watch(String sql, List<?> params, RowMapper<T> mapper, WatchOptions options) {
        ensureOpen();
        return new QueryWatch<>(this, () -> options.tables()
                .map(names -> TableNames.fromApplication(names, schema))
                .orElseGet(() -> TableNames.fromStored(session.tablesReadBy(sql, params))),
                hub, scheduler, sql, params, mapper, options);
    }

    @Override
    public Flow.Publisher<Set<String>> onChange(WatchOptions options) {
        ensureOpen();
        Set<String> tables = options.tables().map(names -> TableNames.fromApplication(names, schema)).orElse(Set.of());
        return new ChangeFeed(hub, scheduler, tables, options);
    }

    @Override
    public Optional<CrudBatch> getCrudBatch(int limit) {
        ensureOpen();
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        List<CrudRecord> records = session.crudQueue().peek(limit + 1);
        if (records.isEmpty()) {
            return Optional.empty();
        }
        boolean hasMore = records.size() > limit;
        List<CrudEntry> entries = records.subList(0, Math.min(limit, records.size())).stream()
                .map(CrudEntries::parse).toList();
        return Optional.of(new CrudBatch(entries, hasMore, session.crudQueue()::complete));
    }

    @Override
    public Optional<CrudTransaction> getNextCrudTransaction() {
        ensureOpen();
        List<CrudRecord> records = session.crudQueue().peekTransaction();
        if (records.isEmpty()) {
            return Optional.empty();
        }
        List<CrudEntry> entries = records.stream().map(CrudEntries::parse).toList();
        return Optional.of(new CrudTransaction(records.get(0).transactionId(), entries, session.crudQueue()::complete));
    }

    @Override
    public UploadQueueStats getUploadQueueStats(boolean includeSize) {
        ensureOpen();
        return session.crudQueue().stats(includeSize);
    }

    /**
     * Attaches the sync engine: reads the stored sync state (so {@link #syncStatus()} knows whether this
     * database ever synced) and from then on publishes every status the engine reports.
     */
    public synchronized SyncEngine attachSync(SyncLineDecoder decoder) {
        ensureOpen();
        if (syncEngine == null) {
            SyncEngine engine = new SyncEngine(session, decoder, scheduler.clock(),
                    engineStatus -> status.update(previous -> StatusMapper.toPublic(engineStatus, previous)));
            status.update(previous -> StatusMapper.toPublic(engine.offlineStatus(), previous));
            syncEngine = engine;
        }
        return syncEngine;
    }

    /** Changes the SDK-side parts of the status (uploading, errors), as the connection and upload loops do. */
    public void updateStatus(java.util.function.UnaryOperator<SyncStatus> change) {
        status.update(change);
    }

    @Override
    public SyncStatus syncStatus() {
        return status.current();
    }

    @Override
    public Flow.Publisher<SyncStatus> statusUpdates() {
        return status;
    }

    @Override
    public CompletableFuture<Void> waitForFirstSync(int priority) {
        CompletableFuture<Void> synced = new CompletableFuture<>();
        status.subscribe(new Flow.Subscriber<>() {
            private Flow.Subscription subscription;

            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscription = s;
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(SyncStatus item) {
                if (item.statusForPriority(priority).hasSynced().orElse(false)) {
                    synced.complete(null);
                    subscription.cancel();
                }
            }

            @Override
            public void onError(Throwable throwable) {
                synced.completeExceptionally(throwable);
            }

            @Override
            public void onComplete() {
                synced.completeExceptionally(new DatabaseClosedException("closed before the first sync"));
            }
        });
        return synced;
    }

    /** The storage session underneath, for the parts of hexsync that extend the database (sync, streams). */
    public SqlSession session() {
        return session;
    }

    /** Runs {@code hook} after the database closed (to release what its creator set up for it). */
    public void onClose(Runnable hook) {
        closeHooks.add(hook);
    }

    private void ensureOpen() {
        if (closed) {
            throw new DatabaseClosedException("the database at " + session.location().describe() + " was closed");
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        hubRegistration.close();
        hub.close();
        status.close();
        session.close();
        for (Runnable hook : closeHooks) {
            hook.run();
        }
    }
}
