package dev.hexsync.adapters.sqlite;

import dev.hexsync.adapters.sqlite.schema.SchemaApplier;
import dev.hexsync.ports.api.DatabaseClosedException;
import dev.hexsync.ports.api.ReadWork;
import dev.hexsync.ports.api.WriteWork;
import dev.hexsync.ports.schema.Schema;
import dev.hexsync.ports.storage.CrudQueue;
import dev.hexsync.ports.storage.DatabaseLocation;
import dev.hexsync.ports.storage.SqlSession;
import dev.hexsync.ports.storage.StorageBusyException;
import dev.hexsync.ports.storage.StorageException;
import dev.hexsync.ports.storage.StorageOptions;
import dev.hexsync.ports.storage.TableChangeListener;
import dev.hexsync.ports.storage.TableChanges;
import dev.hexsync.ports.storage.TriggerStore;
import dev.hexsync.ports.storage.sync.SyncStorage;
import dev.hexsync.ports.time.Scheduler;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A SQLite database behind the storage port: one writer connection guarded by a fair lock, and a fixed pool
 * of query-only reader connections (WAL lets them read the last committed state while a write runs). An
 * in-memory database has only the writer, which then also serves reads.
 *
 * <p>Group commit ({@link #writeHoldingCommit}, file databases only): held writes share one commit, made before
 * any other use of the session, when the group is older than the window
 * ({@link StorageOptions#groupCommitWindow()}), by a timer when no write follows, and as soon as another
 * connection waits for the write lock; why and when is {@link GroupCommit}'s part. Held writes are visible to
 * the session's users at once. Table changes reach listeners named as {@link TableNaming} says.
 */
final class SqliteSession implements SqlSession {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteSession.class);

    private final DatabaseLocation location;
    private final WriterConnection writer;
    private final ReentrantLock writeLock = new ReentrantLock(true);
    /** Null for an in-memory database: the writer serves reads. */
    private final ReaderPool readers;
    private final SqliteCrudQueue crudQueue = new SqliteCrudQueue(this);
    /** The writer's statements the sync stores cache; finalized before the writer closes. */
    private final WriterStatements syncStatements = new WriterStatements(this);
    private final SyncStorage syncStorage = new SyncStorage(new SqliteBucketStore(syncStatements),
            new SqliteOplogStore(syncStatements), new SqlitePublishStore(this, syncStatements),
            new SqliteKeyValueStore(syncStatements), new SqliteStreamSubscriptionStore(syncStatements),
            new SqliteReplicaStore(this));
    private final SqliteTriggerStore triggerStore = new SqliteTriggerStore(this);
    private final TableChanges tableChanges = new Tables();
    private final WriteWaits waits;
    private final GroupCommit group;
    /** What the engine's SQL functions know of this database (see {@link EngineSqlFunctions}). */
    private final DatabaseState state;
    private volatile Schema schema = Schema.empty();
    /** Only touched under {@link #writeLock}. */
    private int writeDepth;
    private volatile boolean closed;
    /** Held writes that could not be committed, not yet reported to a holding write. */
    private StorageException lostHeldWrites;

    /**
     * @param groupCommitWindow how long held writes may wait for a commit (zero: group commit is off)
     * @param scheduler runs the looks at held groups and measures their age
     * @param state what the engine's SQL functions on this database's connections know of it
     */
    SqliteSession(DatabaseLocation location, Connection writer, List<Connection> readers, Duration groupCommitWindow,
            WriteWaits waits, Scheduler scheduler, DatabaseState state) throws SQLException {
        this.location = location;
        this.state = state;
        this.writer = new WriterConnection(writer);
        this.readers = readers.isEmpty() ? null : new ReaderPool(location, readers);
        this.waits = waits;
        this.group = new GroupCommit(groupCommitWindow, waits, scheduler);
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
            return writer.queryOnly(() -> work.run(new SqliteContext(writer.connection(), true)));
        }
        commitHeldWrites();
        if (readers == null) {
            writeLock.lock();
            try {
                return writer.queryOnly(() -> SqliteContext.inReadTransaction(writer.connection(), work));
            } finally {
                writeLock.unlock();
            }
        }
        return readers.withReader(reader -> {
            ensureOpen("read");
            return SqliteContext.inReadTransaction(reader, work);
        });
    }

    @Override
    public <T> T write(WriteWork<T> work) {
        writeLock.lock();
        try {
            ensureOpen("write");
            if (writeDepth > 0) {
                // Nested on the same thread: a savepoint of the open transaction, undone alone if it fails.
                // (Called from a read inside that write, it may write again.)
                writeDepth++;
                try {
                    return writer.writable(() -> SqliteContext.inSavepoint(writer.connection(),
                            "hexsync_nested_" + writeDepth, () -> work.run(writer.context())));
                } finally {
                    writeDepth--;
                }
            }
            if (group.isHolding()) {
                // Held writes commit first, on their own: this write's failure must not undo them.
                commitHeld(false);
            }
            return topLevelWrite(work);
        } finally {
            writeLock.unlock();
        }
    }

    private <T> T topLevelWrite(WriteWork<T> work) {
        long start = System.nanoTime();
        try {
            writer.begin();
        } catch (SQLException e) {
            throw SqliteErrors.busyNamed(SqliteErrors.translate(e), location, start);
        }
        writeDepth = 1;
        T result;
        try {
            result = work.run(writer.context());
            writer.commit();
        } catch (SQLException e) {
            writer.rollbackQuietly();
            throw SqliteErrors.busyNamed(SqliteErrors.translate(e), location, start);
        } catch (StorageBusyException e) {
            writer.rollbackQuietly();
            throw SqliteErrors.busyNamed(e, location, start);
        } catch (RuntimeException | Error e) {
            writer.rollbackQuietly();
            throw e;
        } finally {
            writeDepth = 0;
        }
        writer.notifyListeners();
        return result;
    }

    @Override
    public <T> T writeHoldingCommit(WriteWork<T> work, Predicate<? super T> mayHold) {
        group.letWaitersIn();
        writeLock.lock();
        try {
            ensureOpen("write");
            if (writeDepth > 0 || readers == null || group.isOff()) {
                // Nested, an in-memory database (no WAL to spare), or group commit switched off: an ordinary write.
                return write(work);
            }
            if (lostHeldWrites != null) {
                StorageException lost = lostHeldWrites;
                lostHeldWrites = null;
                throw lost;
            }
            boolean joined = group.isHolding();
            if (!joined) {
                try {
                    writer.begin();
                } catch (SQLException e) {
                    throw SqliteErrors.translate(e);
                }
                group.begin();
            }
            writer.clearRolledBack();
            long changes = writer.totalChanges();
            writeDepth = 1;
            T result;
            try {
                result = work.run(writer.context());
            } catch (RuntimeException | Error e) {
                throw failedHoldingWrite(e, joined, changes);
            } finally {
                writeDepth = 0;
            }
            boolean knocked = group.knocked();
            if (mayHold.test(result) && group.mayGrow()) {
                if (!joined) {
                    group.held(this::lookAtHeldGroup);
                }
                return result;
            }
            group.ended(knocked);
            try {
                writer.commit();
            } catch (SQLException e) {
                writer.rollbackQuietly();
                throw SqliteErrors.translate(e);
            }
            writer.notifyListeners();
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
        boolean untouched = !writer.rolledBack() && writer.totalChanges() == changesBefore;
        if (joined && untouched) {
            return WriterConnection.rethrowable(failure);
        }
        group.ended(false);
        writer.rollbackQuietly();
        if (joined && failure instanceof StorageBusyException busy) {
            return new StorageException("A write failed after changes and the held writes before it were rolled"
                    + " back with it: " + busy.getMessage(), busy.vendorCode(), busy);
        }
        return WriterConnection.rethrowable(failure);
    }

    /** Commits held writes, if any, so that a read on another connection sees them. */
    private void commitHeldWrites() {
        if (!group.mayBeHolding()) {
            return;
        }
        writeLock.lock();
        try {
            if (group.isHolding()) {
                commitHeld(false);
            }
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * A look at the group it was scheduled for, if that is still held: commits it when it grew too old or someone
     * knocked. A write under way will look itself when it ends, so a busy lock is left alone.
     */
    private void lookAtHeldGroup(long generation) {
        if (!writeLock.tryLock()) {
            return;
        }
        try {
            if (closed || !group.isCurrent(generation)) {
                return;
            }
            if (group.isDue()) {
                commitHeld(group.knocked());
            }
        } catch (RuntimeException e) {
            LOG.warn("Committing held writes failed", e);
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Commits the held writes; under the write lock, with a group held. A failed commit rolls them back and is
     * kept for the next holding write to report (the writer that held them is the one that must know).
     *
     * @param forWaiter committed because another connection knocked
     */
    private void commitHeld(boolean forWaiter) {
        group.ended(forWaiter);
        try {
            writer.commit();
        } catch (SQLException e) {
            writer.rollbackQuietly();
            StorageException translated = SqliteErrors.translate(e);
            lostHeldWrites = new StorageException("Held writes could not be committed and were rolled back: "
                    + translated.getMessage(), translated.vendorCode(), e);
            LOG.warn(lostHeldWrites.getMessage());
            return;
        }
        writer.notifyListeners();
    }

    /** Allocates the transaction's CRUD id before a write to a capturing table or view (see CaptureViews). */
    SqliteContext.WriteHook captureHook() {
        return writer.captureHook();
    }

    @Override
    public void applySchema(Schema newSchema) {
        write(tx -> {
            try {
                SchemaApplier.apply(writer.connection(), newSchema);
            } catch (SQLException e) {
                throw SqliteErrors.translate(e);
            }
            return null;
        });
        schema = newSchema;
        state.rawTables(newSchema.rawTables());
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
    public SyncStorage syncStorage() {
        return syncStorage;
    }

    @Override
    public TriggerStore triggerStore() {
        return triggerStore;
    }

    @Override
    public TableChanges tableChanges() {
        return tableChanges;
    }

    /** The writer, for adapter-internal statements inside {@link #write}; callers hold the write lock. */
    Connection writerConnection() {
        if (!writeLock.isHeldByCurrentThread()) {
            throw new IllegalStateException("writer used outside a write transaction");
        }
        return writer.connection();
    }

    private void ensureOpen(String what) {
        if (closed) {
            throw new DatabaseClosedException(what + " on " + location.describe());
        }
    }

    /** {@inheritDoc} The write-wait file beside it goes too, best effort. */
    @Override
    public void close(boolean deleteFiles) {
        SqlSession.super.close(deleteFiles);
        if (deleteFiles) {
            waits.deleteFile();
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
            if (group.isHolding()) {
                commitHeld(false);
            }
            closed = true;
            // The stores' cached statements belong to the writer: finalize them before it closes.
            syncStatements.close();
            if (readers != null) {
                readers.close();
            }
            ReaderPool.closeLogged(writer.connection(), location);
        } finally {
            writeLock.unlock();
        }
    }

    /** Listeners on the writer; names as {@link TableNaming} spells them. */
    private final class Tables implements TableChanges {
        @Override
        public Registration addListener(TableChangeListener listener) {
            return writer.addListener(listener);
        }

        @Override
        public Set<String> tablesReadBy(String sql, List<?> params) {
            ensureOpen("tablesReadBy");
            if (readers == null || writeLock.isHeldByCurrentThread()) {
                writeLock.lock();
                try {
                    return TableNaming.fromStored(TablesRead.of(writer.connection(), sql, params));
                } finally {
                    writeLock.unlock();
                }
            }
            return TableNaming.fromStored(readers.withReader(reader -> TablesRead.of(reader, sql, params)));
        }

        @Override
        public Set<String> tableNames(Set<String> names) {
            return TableNaming.fromApplication(names, schema);
        }
    }
}
