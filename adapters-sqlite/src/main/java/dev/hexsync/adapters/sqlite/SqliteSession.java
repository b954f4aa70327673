package dev.hexsync.adapters.sqlite;

import dev.hexsync.adapters.sqlite.schema.SchemaApplier;
import dev.hexsync.ports.api.DatabaseClosedException;
import dev.hexsync.ports.api.ReadWork;
import dev.hexsync.ports.api.WriteWork;
import dev.hexsync.ports.schema.Schema;
import dev.hexsync.ports.storage.CrudQueue;
import dev.hexsync.ports.storage.DatabaseBusyException;
import dev.hexsync.ports.storage.DatabaseLocation;
import dev.hexsync.ports.storage.SqlSession;
import dev.hexsync.ports.storage.StorageBusyException;
import dev.hexsync.ports.storage.StorageException;
import dev.hexsync.ports.storage.StorageOptions;
import dev.hexsync.ports.storage.SyncStore;
import dev.hexsync.ports.storage.TableChange;
import dev.hexsync.ports.storage.TableChangeListener;
import dev.hexsync.ports.storage.TriggerStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import org.sqlite.SQLiteCommitListener;
import org.sqlite.SQLiteConnection;
import org.sqlite.core.DB;

/**
 * A SQLite database behind the storage port: one writer connection guarded by a fair lock, and a fixed pool
 * of query-only reader connections (WAL lets them read the last committed state while a write runs). An
 * in-memory database has only the writer, which then also serves reads.
 *
 * <p>Group commit ({@link #writeHoldingCommit}, file databases only): a commit in WAL mode appends every page
 * the transaction dirtied to the WAL, and checkpoints copy them on; a sync data line dirties pages all over
 * the oplog's indexes, so committing lines one by one writes the same index pages again and again. Held
 * writes share one commit instead, made before any other use of the session, when a held write finds the
 * group older than the window ({@link StorageOptions#groupCommitWindow()}), by a timer when no write
 * follows, and as soon as another connection waits for the write lock. Each group commit is followed by a
 * checkpoint that copies every page the group dirtied, so longer windows write less (1 M random-id ops: 16.3 s
 * of data lines with 1 s groups, 13.0 s with 10 s groups).
 *
 * <p>Waiting connections knock ({@link WriteWaits}, {@link KnockingBusyHandler}): the holder looks after each
 * held write and every {@value #CHECK_MILLIS} ms in between, commits when someone knocked, and before it takes
 * the lock again pauses until the knocking has stopped for a moment, so that the waiters get their turn
 * instead of losing the race against its next write. Held writes are visible to the session's users at once,
 * so the window only bounds what a crash loses (fetched again on the next connection) and how long programs
 * that do not knock wait.
 */
final class SqliteSession implements SqlSession {
    private static final System.Logger LOG = System.getLogger(SqliteSession.class.getName());
    /** How often a held group looks for knocks and its age while no write comes. */
    static final long CHECK_MILLIS = 2;
    /** A hand-over ends once nobody knocked for this long (several of a waiter's retries)... */
    static final long HAND_OVER_QUIET_MILLIS = 4 * KnockingBusyHandler.RETRY_MILLIS;
    /** ...or after this long at most: waiters still knocking then wait for the lock as usual. */
    static final long HAND_OVER_MAX_MILLIS = 100;
    /** Checks held groups; one daemon thread for every session of the process. */
    private static final ScheduledThreadPoolExecutor HELD_COMMITS = new ScheduledThreadPoolExecutor(1, task -> {
        Thread thread = new Thread(task, "hexsync-held-commit");
        thread.setDaemon(true);
        return thread;
    });

    static {
        HELD_COMMITS.setRemoveOnCancelPolicy(true);
    }

    private final DatabaseLocation location;
    private final Connection writer;
    private final ReentrantLock writeLock = new ReentrantLock(true);
    private final BlockingQueue<Connection> idleReaders;
    private final List<Connection> readers;
    private final List<TableChangeListener> listeners = new CopyOnWriteArrayList<>();
    /** Tables touched by the open write transaction; only touched under {@link #writeLock}. */
    private final Set<String> touched = new HashSet<>();
    private final SqliteCrudQueue crudQueue = new SqliteCrudQueue(this);
    private final SqliteSyncStore syncStore = new SqliteSyncStore(this);
    private final SqliteTriggerStore triggerStore = new SqliteTriggerStore(this);
    private final CaptureViews captureViews = new CaptureViews();
    /** What the engine's SQL functions know of this database (see {@link EngineSqlFunctions}). */
    private final DatabaseState state;
    private int writeDepth;
    /** A read runs on the writer with {@code PRAGMA query_only} on; only touched under {@link #writeLock}. */
    private boolean writerQueryOnly;
    private volatile boolean closed;

    // ---- group commit; touched only under writeLock, except the volatile mirror ----
    private final long holdNanos;
    private final WriteWaits waits;
    private final DB database;
    /** The open transaction holds writes that returned (see {@link #writeHoldingCommit}). */
    private boolean holding;
    /** {@link #holding}, for a read's check without the lock. */
    private volatile boolean holdingSeen;
    private long holdingSince;
    /** {@link WriteWaits#knocks()} when the held group began. */
    private long knocksAtStart;
    /** Checks the held group while no write comes; cancelled when the group ends. */
    private ScheduledFuture<?> heldCheck;
    /** The last group was committed for a waiter: the next one lets the waiters in first. */
    private volatile boolean handOver;
    /** Counts held groups, so that a timer only commits the group it was started for. */
    private long holdGeneration;
    /** Set by SQLite's rollback hook: the transaction ended without a commit (also by itself, after an error). */
    private boolean rolledBack;
    /** Held writes that could not be committed, not yet reported to a holding write. */
    private StorageException lostHeldWrites;

    SqliteSession(DatabaseLocation location, Connection writer, List<Connection> readers, long holdNanos,
            WriteWaits waits, DatabaseState state) throws SQLException {
        this.location = location;
        this.state = state;
        this.writer = writer;
        this.readers = List.copyOf(readers);
        this.idleReaders = readers.isEmpty() ? null : new ArrayBlockingQueue<>(readers.size(), true, readers);
        this.holdNanos = holdNanos;
        this.waits = waits;
        SQLiteConnection sqlite = writer.unwrap(SQLiteConnection.class);
        this.database = sqlite.getDatabase();
        sqlite.addUpdateListener((type, database, table, rowId) -> touched.add(table));
        sqlite.addCommitListener(new SQLiteCommitListener() {
            @Override
            public void onCommit() {
                // Nothing: a commit is always ours.
            }

            @Override
            public void onRollback() {
                rolledBack = true;
            }
        });
    }

    @Override
    public DatabaseLocation location() {
        return location;
    }

    @Override
    public <T> T read(ReadWork<T> work) {
        ensureOpen("read");
        if (writeLock.isHeldByCurrentThread()) {
            // Inside a write on this thread: read the writer's own (uncommitted) state; never wait for a reader.
            // Query-only meanwhile, as a reader is: a read must not write, whichever connection serves it.
            return writerQueryOnly(() -> work.run(new SqliteContext(writer, true)));
        }
        commitHeldWrites();
        if (idleReaders == null) {
            writeLock.lock();
            try {
                return writerQueryOnly(() -> inReadTransaction(writer, work));
            } finally {
                writeLock.unlock();
            }
        }
        Connection reader;
        try {
            reader = idleReaders.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("Interrupted while waiting for a reader connection of " + location.describe(), e);
        }
        try {
            ensureOpen("read");
            return inReadTransaction(reader, work);
        } finally {
            idleReaders.add(reader);
        }
    }

    /**
     * Runs a read on the writer (an in-memory database has no readers; a read inside a write uses the writer)
     * with {@code PRAGMA query_only} on, as the readers of a file database always have it, so that a statement
     * that writes fails the same way on both. Under the write lock.
     */
    private <T> T writerQueryOnly(java.util.function.Supplier<T> read) {
        if (writerQueryOnly) {
            return read.get();
        }
        setWriterQueryOnly(true);
        try {
            return read.get();
        } finally {
            setWriterQueryOnly(false);
        }
    }

    private void setWriterQueryOnly(boolean on) {
        try {
            execute(writer, on ? "PRAGMA query_only = ON" : "PRAGMA query_only = OFF");
        } catch (SQLException e) {
            throw SqliteErrors.translate(e);
        }
        writerQueryOnly = on;
    }

    private <T> T inReadTransaction(Connection connection, ReadWork<T> work) {
        try {
            execute(connection, "BEGIN");
            try {
                return work.run(new SqliteContext(connection, true));
            } finally {
                execute(connection, "ROLLBACK");
            }
        } catch (SQLException e) {
            throw SqliteErrors.translate(e);
        }
    }

    @Override
    public <T> T write(WriteWork<T> work) {
        writeLock.lock();
        try {
            ensureOpen("write");
            if (writeDepth > 0) {
                // Nested on the same thread: a savepoint of the open transaction, undone alone if it fails.
                // (Called from a read inside that write, it may write again.)
                boolean fromRead = writerQueryOnly;
                if (fromRead) {
                    setWriterQueryOnly(false);
                }
                writeDepth++;
                try {
                    return SqliteContext.inSavepoint(writer, "hexsync_nested_" + writeDepth, () -> work.run(writeContext()));
                } finally {
                    writeDepth--;
                    if (fromRead) {
                        setWriterQueryOnly(true);
                    }
                }
            }
            if (holding) {
                // Held writes commit first, on their own: this write's failure must not undo them.
                commitHeld();
            }
            return topLevelWrite(work);
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public <T> T writeHoldingCommit(WriteWork<T> work, Predicate<? super T> mayHold) {
        if (handOver) {
            handOver();
        }
        writeLock.lock();
        try {
            ensureOpen("write");
            if (writeDepth > 0 || idleReaders == null || holdNanos == 0) {
                // Nested, an in-memory database (no WAL to spare), or group commit switched off: an ordinary write.
                return write(work);
            }
            if (lostHeldWrites != null) {
                StorageException lost = lostHeldWrites;
                lostHeldWrites = null;
                throw lost;
            }
            boolean joined = holding;
            if (!joined) {
                touched.clear();
                try {
                    execute(writer, "BEGIN IMMEDIATE");
                } catch (SQLException e) {
                    throw SqliteErrors.translate(e);
                }
                holdingSince = System.nanoTime();
                knocksAtStart = waits.knocks();
            }
            rolledBack = false;
            long changes = totalChanges();
            writeDepth = 1;
            T result;
            try {
                result = work.run(writeContext());
            } catch (RuntimeException | Error e) {
                throw failedHoldingWrite(e, joined, changes);
            } finally {
                writeDepth = 0;
            }
            boolean knocked = waits.knocks() != knocksAtStart;
            if (mayHold.test(result) && System.nanoTime() - holdingSince < holdNanos && !knocked) {
                if (!joined) {
                    holding = true;
                    holdingSeen = true;
                    long generation = ++holdGeneration;
                    heldCheck = HELD_COMMITS.scheduleWithFixedDelay(() -> checkHeldGroup(generation), CHECK_MILLIS,
                            CHECK_MILLIS, TimeUnit.MILLISECONDS);
                }
                return result;
            }
            handOver = knocked;
            clearHolding();
            try {
                execute(writer, "COMMIT");
            } catch (SQLException e) {
                rollbackQuietly();
                throw SqliteErrors.translate(e);
            }
            notifyListeners();
            return result;
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * After a holding write threw: keeps the held writes when it changed nothing and the transaction is still
     * open, else rolls everything back. Returns what to throw.
     */
    private RuntimeException failedHoldingWrite(Throwable failure, boolean joined, long changesBefore) {
        boolean untouched = !rolledBack && totalChanges() == changesBefore;
        if (joined && untouched) {
            return rethrowable(failure);
        }
        clearHolding();
        rollbackQuietly();
        if (joined && failure instanceof StorageBusyException busy) {
            return new StorageException("A write failed after changes and the held writes before it were rolled"
                    + " back with it: " + busy.getMessage(), busy.vendorCode(), busy);
        }
        return rethrowable(failure);
    }

    /** Rows changed on the writer since it opened (SQLite's total_changes: not those of failed statements). */
    private long totalChanges() {
        try {
            return database.total_changes();
        } catch (SQLException e) {
            throw SqliteErrors.translate(e);
        }
    }

    private static RuntimeException rethrowable(Throwable failure) {
        if (failure instanceof Error error) {
            throw error;
        }
        return (RuntimeException) failure;
    }

    /** Commits held writes, if any, so that a read on another connection sees them. */
    private void commitHeldWrites() {
        if (!holdingSeen) {
            return;
        }
        writeLock.lock();
        try {
            if (holding) {
                commitHeld();
            }
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * The timer's look at the group it was scheduled for, if that is still held: commits it when it grew too
     * old or someone knocked. A write under way will look itself when it ends, so a busy lock is left alone.
     */
    private void checkHeldGroup(long generation) {
        if (!writeLock.tryLock()) {
            return;
        }
        try {
            if (closed || !holding || holdGeneration != generation) {
                return;
            }
            boolean knocked = waits.knocks() != knocksAtStart;
            if (knocked || System.nanoTime() - holdingSince >= holdNanos) {
                handOver = knocked;
                commitHeld();
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Committing held writes failed", e);
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Before a new group after one was committed for a waiter: pauses until nobody knocked for
     * {@value #HAND_OVER_QUIET_MILLIS} ms (the waiters got the lock, or gave up), at most
     * {@value #HAND_OVER_MAX_MILLIS} ms. Without it the holder's next write would take the lock back between
     * two of the waiters' retries, again and again.
     */
    private void handOver() {
        handOver = false;
        long start = System.nanoTime();
        long quietSince = start;
        long last = waits.knocks();
        long now = start;
        while (now - quietSince < TimeUnit.MILLISECONDS.toNanos(HAND_OVER_QUIET_MILLIS)
                && now - start < TimeUnit.MILLISECONDS.toNanos(HAND_OVER_MAX_MILLIS)) {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            now = System.nanoTime();
            long knocks = waits.knocks();
            if (knocks != last) {
                last = knocks;
                quietSince = now;
            }
        }
    }

    /**
     * Commits the held writes; under the write lock, with {@link #holding} set. A failed commit rolls them back
     * and is kept for the next holding write to report (the writer that held them is the one that must know).
     */
    private void commitHeld() {
        clearHolding();
        try {
            execute(writer, "COMMIT");
        } catch (SQLException e) {
            rollbackQuietly();
            StorageException translated = SqliteErrors.translate(e);
            lostHeldWrites = new StorageException("Held writes could not be committed and were rolled back: "
                    + translated.getMessage(), translated.vendorCode(), e);
            LOG.log(System.Logger.Level.WARNING, lostHeldWrites.getMessage());
            return;
        }
        notifyListeners();
    }

    private void clearHolding() {
        holding = false;
        holdingSeen = false;
        holdGeneration++;
        if (heldCheck != null) {
            heldCheck.cancel(false);
            heldCheck = null;
        }
    }

    private <T> T topLevelWrite(WriteWork<T> work) {
        touched.clear();
        long start = System.nanoTime();
        try {
            execute(writer, "BEGIN IMMEDIATE");
        } catch (SQLException e) {
            throw busyNamed(SqliteErrors.translate(e), start);
        }
        writeDepth = 1;
        T result;
        try {
            result = work.run(writeContext());
            execute(writer, "COMMIT");
        } catch (SQLException e) {
            rollbackQuietly();
            throw busyNamed(SqliteErrors.translate(e), start);
        } catch (StorageBusyException e) {
            rollbackQuietly();
            throw busyNamed(e, start);
        } catch (RuntimeException | Error e) {
            rollbackQuietly();
            throw e;
        } finally {
            writeDepth = 0;
        }
        notifyListeners();
        return result;
    }

    /** Tells the listeners which tables the transaction that just committed touched. */
    private void notifyListeners() {
        if (!touched.isEmpty()) {
            TableChange change = TableChange.of(new LinkedHashSet<>(touched));
            touched.clear();
            for (TableChangeListener listener : listeners) {
                try {
                    listener.onTablesChanged(change);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "A table change listener failed", e);
                }
            }
        }
    }

    /**
     * A write refused as busy (past the busy timeout) becomes the typed error that names the database and the
     * time spent; the transaction was rolled back, so nothing of it was written, and the caller sees it.
     */
    private StorageException busyNamed(StorageException error, long startNanos) {
        if (!(error instanceof StorageBusyException) || error instanceof DatabaseBusyException) {
            return error;
        }
        return new DatabaseBusyException(location.describe(), "write to", java.time.Duration.ofNanos(System.nanoTime() - startNanos),
                error.getCause() instanceof SQLException sql ? SqliteErrors.nativeMessage(sql) : error.getMessage(),
                error.vendorCode(), error);
    }

    /** Allocates the transaction's CRUD id before a write to a capturing table or view (see CaptureViews). */
    SqliteContext.WriteHook captureHook() {
        return captureViews::allocateIfCapturing;
    }

    private SqliteContext writeContext() {
        return new SqliteContext(writer, false, captureViews::allocateIfCapturing);
    }

    private void rollbackQuietly() {
        touched.clear();
        try {
            execute(writer, "ROLLBACK");
        } catch (SQLException e) {
            // SQLite may already have rolled back by itself (some errors end the transaction).
            LOG.log(System.Logger.Level.DEBUG, "Rollback after a failed write: {0}", e.getMessage());
        }
    }

    @Override
    public void applySchema(Schema schema) {
        write(tx -> {
            try {
                SchemaApplier.apply(writer, schema);
            } catch (SQLException e) {
                throw SqliteErrors.translate(e);
            }
            return null;
        });
        state.rawTables(schema.rawTables());
    }

    /** {@inheritDoc} {@code powersync_clear} (soft) and {@code powersync_trigger_resync} refuse to run meanwhile. */
    @Override
    public void syncIterationRunning(boolean running) {
        state.syncIterationRunning(running);
    }

    @Override
    public CrudQueue crudQueue() {
        return crudQueue;
    }

    @Override
    public SyncStore syncStore() {
        return syncStore;
    }

    @Override
    public TriggerStore triggerStore() {
        return triggerStore;
    }

    @Override
    public Registration addTableChangeListener(TableChangeListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public Set<String> tablesReadBy(String sql, List<?> params) {
        ensureOpen("tablesReadBy");
        if (idleReaders == null || writeLock.isHeldByCurrentThread()) {
            writeLock.lock();
            try {
                return resolveTables(writer, sql, params);
            } finally {
                writeLock.unlock();
            }
        }
        Connection reader;
        try {
            reader = idleReaders.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("Interrupted while waiting for a reader connection of " + location.describe(), e);
        }
        try {
            return resolveTables(reader, sql, params);
        } finally {
            idleReaders.add(reader);
        }
    }

    /** The tables a statement opens for reading, from its bytecode (OpenRead opcodes name root pages). */
    private static Set<String> resolveTables(Connection connection, String sql, List<?> params) {
        List<Long> rootPages = new ArrayList<>();
        try (PreparedStatement explain = connection.prepareStatement("EXPLAIN " + sql)) {
            SqliteContext.bind(explain, params);
            try (ResultSet rows = explain.executeQuery()) {
                while (rows.next()) {
                    if ("OpenRead".equals(rows.getString("opcode")) && rows.getLong("p3") == 0) {
                        rootPages.add(rows.getLong("p2"));
                    }
                }
            }
            Set<String> tables = new LinkedHashSet<>();
            if (rootPages.isEmpty()) {
                return tables;
            }
            String marks = String.join(",", rootPages.stream().map(p -> "?").toList());
            try (PreparedStatement names = connection.prepareStatement(
                    "SELECT DISTINCT tbl_name FROM sqlite_master WHERE rootpage IN (" + marks + ")")) {
                for (int i = 0; i < rootPages.size(); i++) {
                    names.setLong(i + 1, rootPages.get(i));
                }
                try (ResultSet rows = names.executeQuery()) {
                    while (rows.next()) {
                        tables.add(rows.getString(1));
                    }
                }
            }
            return tables;
        } catch (SQLException e) {
            throw SqliteErrors.translate(e);
        }
    }

    /** The writer, for adapter-internal statements inside {@link #write}; callers hold the write lock. */
    Connection writerConnection() {
        if (!writeLock.isHeldByCurrentThread()) {
            throw new IllegalStateException("writer used outside a write transaction");
        }
        return writer;
    }

    private void ensureOpen(String what) {
        if (closed) {
            throw new DatabaseClosedException(what + " on " + location.describe());
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** {@inheritDoc} The write-wait file beside it goes too, best effort (on Windows it stays while mapped). */
    @Override
    public void close(boolean deleteFiles) {
        SqlSession.super.close(deleteFiles);
        if (deleteFiles && waits.file() != null) {
            try {
                java.nio.file.Files.deleteIfExists(waits.file());
            } catch (java.io.IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "Could not delete " + waits.file() + ": " + e);
            }
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        writeLock.lock();
        try {
            if (closed) {
                return;
            }
            if (holding) {
                commitHeld();
            }
            closed = true;
            // The store's cached statements belong to the writer: finalize them before it closes.
            syncStore.close();
            List<Connection> all = new ArrayList<>(readers);
            all.add(writer);
            for (Connection connection : all) {
                try {
                    connection.close();
                } catch (SQLException e) {
                    LOG.log(System.Logger.Level.WARNING, "Closing a connection of " + location.describe() + " failed", e);
                }
            }
        } finally {
            writeLock.unlock();
        }
    }
}
