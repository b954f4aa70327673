package dev.hexsync.domain.database;

import dev.hexsync.domain.claim.DiffTriggers;
import dev.hexsync.domain.claim.TriggerSettings;
import dev.hexsync.domain.crud.CrudEntries;
import dev.hexsync.domain.watch.DifferentialWatch;
import dev.hexsync.ports.api.DiffHandler;
import dev.hexsync.ports.api.DiffTrigger;
import dev.hexsync.ports.api.DiffTriggerOptions;
import dev.hexsync.ports.api.QueryDiff;
import java.time.Duration;
import java.util.UUID;
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
import dev.hexsync.ports.storage.TableChange;
import dev.hexsync.ports.signal.ChangeSignal;
import dev.hexsync.ports.sync.SyncLineDecoder;
import dev.hexsync.ports.transport.SyncTransport;
import dev.hexsync.ports.api.BackendConnector;
import dev.hexsync.ports.api.ConnectOptions;
import dev.hexsync.domain.sync.SyncConnection;
import dev.hexsync.domain.sync.SyncLeadership;
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
    /** What another process's commit looks like here: unknown tables changed. */
    private static final TableChange EXTERNAL_CHANGE = new TableChange(Set.of(), true);
    private static final java.time.Duration FOLLOWER_REFRESH = java.time.Duration.ofSeconds(1);
    private final SqlSession session;
    private final Scheduler scheduler;
    private final ChangeHub hub = new ChangeHub();
    private final SqlSession.Registration hubRegistration;
    private final List<Runnable> closeHooks = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<Runnable> deleteHooks = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final LatestValuePublisher<SyncStatus> status;
    private volatile SyncEngine syncEngine;
    private volatile SyncTransport transport;
    private SyncConnection connection;
    private final dev.hexsync.domain.stream.StreamRegistry streams =
            new dev.hexsync.domain.stream.StreamRegistry(new StreamBackend());
    private AutoCloseable uploadTrigger;
    private SyncLeadership leadership;
    private SyncLeadership.Candidacy candidacy;
    private AutoCloseable followerRefresh;
    private final DiffTriggers triggers;
    private volatile Schema schema;
    private volatile boolean closed;

    private LocalDatabase(SqlSession session, Scheduler scheduler, Schema schema, TriggerSettings triggerSettings) {
        this.session = Objects.requireNonNull(session, "session is null");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler is null");
        this.schema = schema;
        this.hubRegistration = session.addTableChangeListener(hub);
        this.status = new LatestValuePublisher<>(scheduler, SyncStatus.UNKNOWN);
        this.triggers = new DiffTriggers(session, this::schema, hub, scheduler, triggerSettings, UUID::randomUUID);
    }

    /**
     * Opens a database over {@code session} that no other connection or process opens, validating and
     * applying {@code schema}; diff triggers are temporary by default.
     *
     * @throws dev.hexsync.ports.schema.SchemaException when the schema is not valid; the session is closed
     */
    public static LocalDatabase open(SqlSession session, Scheduler scheduler, Schema schema) {
        return open(session, scheduler, schema, TriggerSettings.singleConnection());
    }

    /**
     * Opens a database over {@code session}, validating and applying {@code schema}, and sweeps the persisted
     * diff triggers nobody claims (then again periodically).
     *
     * @throws dev.hexsync.ports.schema.SchemaException when the schema is not valid; the session is closed
     */
    public static LocalDatabase open(SqlSession session, Scheduler scheduler, Schema schema,
            TriggerSettings triggerSettings) {
        LocalDatabase database;
        try {
            schema.validate();
            session.applySchema(schema);
            database = new LocalDatabase(session, scheduler, schema, triggerSettings);
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
        try {
            database.triggers.start();
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        return database;
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
        triggers.schemaChanged();
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
    public <T> Flow.Publisher<QueryDiff<T>> watchDifferential(String sql, List<?> params, RowMapper<T> mapper,
            String keyColumn, WatchOptions options) {
        return new DifferentialWatch<>(watch(sql, params, RowMapper.rows(), options), mapper, keyColumn);
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

    /** Attaches the sync engine and the transport {@link #connect} uses. */
    public synchronized SyncEngine attachSync(SyncLineDecoder decoder, SyncTransport syncTransport) {
        this.transport = java.util.Objects.requireNonNull(syncTransport, "syncTransport is null");
        return attachSync(decoder);
    }

    /**
     * From now on, {@link #connect} syncs only while this process leads the database file; otherwise it waits
     * as a follower (its status says so) and takes over when the leader goes.
     */
    public synchronized void useSyncLeadership(SyncLeadership syncLeadership) {
        this.leadership = java.util.Objects.requireNonNull(syncLeadership, "syncLeadership is null");
    }

    @Override
    public synchronized CompletableFuture<Void> connect(BackendConnector connector, ConnectOptions options) {
        ensureOpen();
        if (syncEngine == null || transport == null) {
            throw new IllegalStateException("This database has no sync transport: build it with HexSync.builder()");
        }
        disconnect();
        if (leadership == null) {
            return startConnection(connector, options);
        }
        CompletableFuture<Void> begun = new CompletableFuture<>();
        SyncLeadership.Candidacy[] self = new SyncLeadership.Candidacy[1];
        candidacy = self[0] = leadership.stand(() -> {
            synchronized (LocalDatabase.this) {
                // A candidacy replaced or ended while its election ran must not start anything.
                if (closed || (self[0] != null && candidacy != self[0])) {
                    begun.complete(null);
                    return;
                }
                stopFollowing();
                status.update(previous -> previous.withFollower(false));
                startConnection(connector, options).whenComplete((ok, error) -> begun.complete(null));
            }
        }, () -> {
            status.update(previous -> previous.withFollower(true));
            followUp();
            begun.complete(null);
        });
        return begun;
    }

    /**
     * While following, the leader's progress reaches this process only as external changes: re-read the stored
     * sync state after them (at most once a second; it takes the write lock), so that waitForFirstSync and
     * hasSynced work here too.
     */
    private synchronized void followUp() {
        if (followerRefresh != null) {
            return;
        }
        Runnable refresh = () -> {
            try {
                if (!closed) {
                    refreshOfflineStatus();
                }
            } catch (RuntimeException e) {
                // Busy or closing: the next external change refreshes again.
            }
        };
        java.util.concurrent.atomic.AtomicBoolean pending = new java.util.concurrent.atomic.AtomicBoolean();
        followerRefresh = hub.register(new ChangeHub.Watcher() {
            @Override
            public void changed(Set<String> tables, boolean external) {
                if (external && pending.compareAndSet(false, true)) {
                    scheduler.schedule(FOLLOWER_REFRESH, () -> {
                        pending.set(false);
                        refresh.run();
                    });
                }
            }

            @Override
            public void closed() {
            }
        });
        // The leader may have synced before this process started following, and may stay quiet from now on.
        scheduler.execute(refresh);
    }

    private synchronized void stopFollowing() {
        if (followerRefresh != null) {
            closeQuietly(followerRefresh);
            followerRefresh = null;
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private CompletableFuture<Void> startConnection(BackendConnector connector, ConnectOptions options) {
        SyncConnection started = new SyncConnection(syncEngine, transport, connector, options, scheduler, this,
                session.crudQueue(), streams::active, this::updateStatus);
        connection = started;
        uploadTrigger = hub.register(new ChangeHub.Watcher() {
            @Override
            public void changed(Set<String> tables, boolean external) {
                if (external || tables.contains("ps_crud")) {
                    started.triggerUpload();
                }
            }

            @Override
            public void closed() {
            }
        });
        return started.start();
    }

    @Override
    public dev.hexsync.ports.api.SyncStream syncStream(String name, java.util.Map<String, Object> parameters) {
        ensureOpen();
        return streams.stream(name, parameters);
    }

    /** Subscriptions persist through the sync engine and reach a running iteration at once. */
    private final class StreamBackend implements dev.hexsync.domain.stream.StreamRegistry.Backend {
        @Override
        public void subscribe(dev.hexsync.domain.stream.StreamKey key, Integer priority, long ttlSeconds) {
            requireEngine().subscribe(key, priority, ttlSeconds);
            refreshOfflineStatus();
        }

        @Override
        public void unsubscribe(dev.hexsync.domain.stream.StreamKey key) {
            requireEngine().unsubscribe(key);
            refreshOfflineStatus();
        }

        @Override
        public void activeStreamsChanged(java.util.List<dev.hexsync.domain.stream.StreamKey> active) {
            SyncConnection current;
            synchronized (LocalDatabase.this) {
                current = connection;
            }
            if (current != null) {
                current.subscriptionsChanged(active);
            }
        }

        @Override
        public CompletableFuture<Void> firstSync(dev.hexsync.domain.stream.StreamKey key) {
            return waitFor(status -> status.forStream(key.name(), key.params())
                    .map(dev.hexsync.ports.model.StreamStatus::hasSynced).orElse(false));
        }
    }

    private SyncEngine requireEngine() {
        SyncEngine engine = syncEngine;
        if (engine == null) {
            throw new IllegalStateException("This database has no sync engine: build it with HexSync.builder()");
        }
        return engine;
    }

    /** While not syncing, the status shows the stored subscriptions, so changes made offline are visible. */
    private void refreshOfflineStatus() {
        SyncEngine engine = syncEngine;
        if (engine != null && !engine.isRunning()) {
            status.update(previous -> StatusMapper.toPublic(engine.offlineStatus(), previous));
        }
    }

    @Override
    public synchronized void disconnect() {
        SyncLeadership.Candidacy ending = candidacy;
        candidacy = null;
        if (ending != null) {
            stopFollowing();
            status.update(previous -> previous.withFollower(false));
        }
        if (connection != null) {
            connection.stop();
            connection = null;
        }
        if (uploadTrigger != null) {
            closeQuietly(uploadTrigger);
            uploadTrigger = null;
        }
        if (ending != null) {
            // Only now that this process stopped syncing may a follower elsewhere take over.
            ending.close();
        }
    }

    @Override
    public synchronized void disconnectAndClear(boolean clearLocal, boolean soft) {
        ensureOpen();
        disconnect();
        requireEngine().clear(clearLocal, soft, schema.rawTables());
        refreshOfflineStatus();
        hub.everythingChanged();
    }

    @Override
    public synchronized CompletableFuture<Void> requestCheckpoint() {
        if (connection == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("requestCheckpoint() needs a connected database"));
        }
        return connection.requestCheckpoint();
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
        return waitFor(status -> status.statusForPriority(priority).hasSynced().orElse(false));
    }

    /** Completes once the status satisfies {@code condition} (at once if it does now). */
    private CompletableFuture<Void> waitFor(java.util.function.Predicate<SyncStatus> condition) {
        CompletableFuture<Void> reached = new CompletableFuture<>();
        status.subscribe(new Flow.Subscriber<>() {
            private Flow.Subscription subscription;

            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscription = s;
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(SyncStatus item) {
                if (condition.test(item)) {
                    reached.complete(null);
                    subscription.cancel();
                }
            }

            @Override
            public void onError(Throwable throwable) {
                reached.completeExceptionally(throwable);
            }

            @Override
            public void onComplete() {
                reached.completeExceptionally(new DatabaseClosedException("closed before the status was reached"));
            }
        });
        return reached;
    }

    /**
     * Shares commits with the other processes on this database file: after each local commit the signal is
     * announced, and each announcement heard from another process reaches watches as an external change (any
     * table may have changed) and the upload loop as a possible new queue entry. The signal closes with the
     * database.
     */
    public void attachChangeSignal(ChangeSignal signal) {
        ensureOpen();
        SqlSession.Registration announcing = session.addTableChangeListener(change -> {
            if (!change.external()) {
                signal.announce();
            }
        });
        ChangeSignal.Registration hearing = signal.subscribe(() -> hub.onTablesChanged(EXTERNAL_CHANGE));
        onClose(() -> {
            hearing.close();
            announcing.close();
            signal.close();
        });
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

    /** Runs {@code hook} after {@link #close(boolean) close(true)} deleted the database (to delete side files). */
    public void onDelete(Runnable hook) {
        deleteHooks.add(hook);
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
                    deleteHooks.forEach(Runnable::run);
                }
                return;
            }
            closed = true;
        }
        disconnect();
        triggers.close();
        hubRegistration.close();
        hub.close();
        status.close();
        try {
            session.close(deleteFiles);
        } finally {
            for (Runnable hook : closeHooks) {
                hook.run();
            }
        }
        if (deleteFiles) {
            deleteHooks.forEach(Runnable::run);
        }
    }
}
