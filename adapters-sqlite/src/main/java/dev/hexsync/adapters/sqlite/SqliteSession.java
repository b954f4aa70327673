package dev.hexsync.adapters.sqlite;

import dev.hexsync.adapters.sqlite.schema.SchemaApplier;
import dev.hexsync.ports.api.DatabaseClosedException;
import dev.hexsync.ports.api.ReadWork;
import dev.hexsync.ports.api.WriteWork;
import dev.hexsync.ports.schema.Schema;
import dev.hexsync.ports.storage.CrudQueue;
import dev.hexsync.ports.storage.DatabaseBusyException;
import dev.hexsync.ports.storage.DatabaseLocation;
import dev.hexsync.ports.storage.StorageBusyException;
import dev.hexsync.ports.storage.SqlSession;
import dev.hexsync.ports.storage.StorageException;
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
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.SQLiteConnection;

/**
 * A SQLite database behind the storage port: one writer connection guarded by a fair lock, and a fixed pool
 * of query-only reader connections (WAL lets them read the last committed state while a write runs). An
 * in-memory database has only the writer, which then also serves reads.
 */
final class SqliteSession implements SqlSession {
    private static final System.Logger LOG = System.getLogger(SqliteSession.class.getName());

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
    private int writeDepth;
    private volatile boolean closed;

    SqliteSession(DatabaseLocation location, Connection writer, List<Connection> readers) throws SQLException {
        this.location = location;
        this.writer = writer;
        this.readers = List.copyOf(readers);
        this.idleReaders = readers.isEmpty() ? null : new ArrayBlockingQueue<>(readers.size(), true, readers);
        writer.unwrap(SQLiteConnection.class).addUpdateListener((type, database, table, rowId) -> touched.add(table));
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
            return work.run(new SqliteContext(writer, true));
        }
        if (idleReaders == null) {
            writeLock.lock();
            try {
                return inReadTransaction(writer, work);
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
                writeDepth++;
                try {
                    return SqliteContext.inSavepoint(writer, "hexsync_nested_" + writeDepth, () -> work.run(writeContext()));
                } finally {
                    writeDepth--;
                }
            }
            return topLevelWrite(work);
        } finally {
            writeLock.unlock();
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
        return result;
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
