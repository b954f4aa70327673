package dev.hexsync.adapters.h2;

import dev.hexsync.adapters.h2.schema.CrudCapture;
import dev.hexsync.adapters.h2.schema.H2SchemaApplier;
import dev.hexsync.ports.api.DatabaseClosedException;
import dev.hexsync.ports.api.ReadWork;
import dev.hexsync.ports.api.WriteWork;
import dev.hexsync.ports.schema.Schema;
import dev.hexsync.ports.schema.Table;
import dev.hexsync.ports.storage.CrudQueue;
import dev.hexsync.ports.storage.DatabaseLocation;
import dev.hexsync.ports.storage.SqlSession;
import dev.hexsync.ports.storage.StorageException;
import dev.hexsync.ports.storage.TableChange;
import dev.hexsync.ports.storage.TableChangeListener;
import dev.hexsync.ports.storage.TableChanges;
import dev.hexsync.ports.storage.TriggerStore;
import dev.hexsync.ports.storage.sync.SyncStorage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An H2 database behind the storage port: one writer connection guarded by a fair lock, and a pool of reader
 * connections that read the last committed state (MVStore's multi-version concurrency lets them run beside a
 * write). Nested writes are savepoints. Group commit is not offered (every write commits): MVStore commits are
 * cheap, there is no WAL whose syncs a group would share.
 *
 * <p>What a commit changed is known from the statements that ran: the target of each application write (a
 * schema view counts as its table, and as the upload queue when it captures) and the tables the sync roles
 * wrote; listeners hear it after the commit, named as {@link TableNaming} says.
 */
final class H2Session implements SqlSession {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(H2Session.class);

    private final DatabaseLocation location;
    private final Path baseName;
    private final Connection writer;
    private final ReentrantLock writeLock = new ReentrantLock(true);
    private final List<Connection> readers;
    private final BlockingQueue<Connection> idle;
    private final List<TableChangeListener> listeners = new CopyOnWriteArrayList<>();
    /** Tables the open write transaction touched, as stored names; only touched under the write lock. */
    private final Set<String> touched = new LinkedHashSet<>();
    private final H2CrudQueue crudQueue = new H2CrudQueue(this);
    private final SyncStorage syncStorage;
    private final H2TriggerStore triggerStore = new H2TriggerStore(this);
    private volatile Schema schema = Schema.empty();
    private int writeDepth;
    private volatile boolean closed;

    H2Session(DatabaseLocation location, Path baseName, Connection writer, List<Connection> readers) {
        this.location = location;
        this.baseName = baseName;
        this.writer = writer;
        this.readers = List.copyOf(readers);
        this.idle = new ArrayBlockingQueue<>(Math.max(1, readers.size()), true, readers);
        H2Statements statements = new H2Statements(this);
        this.syncStorage = new SyncStorage(new H2BucketStore(statements), new H2OplogStore(statements),
                new H2PublishStore(this, statements), new H2KeyValueStore(statements),
                new H2StreamSubscriptionStore(statements), new H2ReplicaStore(this));
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
            return work.run(new H2Context(writer, true, null));
        }
        Connection reader;
        try {
            reader = idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("Interrupted while waiting for a reader connection of " + location.describe(), e);
        }
        try {
            ensureOpen("read");
            try {
                return work.run(new H2Context(reader, true, null));
            } finally {
                reader.rollback();
            }
        } catch (SQLException e) {
            throw H2Errors.translate(e);
        } finally {
            idle.add(reader);
        }
    }

    @Override
    public <T> T write(WriteWork<T> work) {
        writeLock.lock();
        try {
            ensureOpen("write");
            if (writeDepth > 0) {
                writeDepth++;
                try {
                    return H2Context.inSavepoint(writer, () -> work.run(context()));
                } finally {
                    writeDepth--;
                }
            }
            writeDepth = 1;
            T result;
            try {
                result = work.run(context());
                try (Statement end = writer.createStatement()) {
                    end.executeUpdate(CrudCapture.END_TRANSACTION);
                }
                writer.commit();
            } catch (SQLException e) {
                rollbackQuietly();
                throw H2Errors.translate(e);
            } catch (RuntimeException | Error e) {
                rollbackQuietly();
                throw e;
            } finally {
                writeDepth = 0;
            }
            notifyListeners();
            return result;
        } finally {
            writeLock.unlock();
        }
    }

    private void rollbackQuietly() {
        touched.clear();
        try {
            writer.rollback();
        } catch (SQLException e) {
            LOG.debug("Rollback after a failed write: {}", e.getMessage());
        }
    }

    /** The application's view of the open write transaction: each write statement is looked at first. */
    private H2Context context() {
        return new H2Context(writer, false, this::beforeWrite);
    }

    /**
     * Before an application's write: notes the table it targets, and when that is a view that captures, takes the
     * transaction's CRUD id now (the engine does so when such a statement starts, even if it changes no row).
     */
    private void beforeWrite(Connection connection, String sql) throws SQLException {
        String target = CaptureTargets.target(sql);
        if (target == null) {
            return;
        }
        touched.add(target);
        for (Table table : schema.tables()) {
            if (!table.options().localOnly() && table.viewName().toLowerCase(Locale.ROOT).equals(target)) {
                touched.add(TableNaming.QUEUE);
                CrudCapture.allocate(connection);
                return;
            }
        }
    }

    /** Notes that the open write transaction touched a stored table (sync roles call it). */
    void touch(String storedName) {
        touched.add(storedName.toLowerCase(Locale.ROOT));
    }

    private void notifyListeners() {
        if (touched.isEmpty()) {
            return;
        }
        Set<String> names = TableNaming.fromApplication(touched, schema);
        touched.clear();
        TableChange change = TableChange.of(names, names.contains(TableNaming.QUEUE));
        for (TableChangeListener listener : listeners) {
            try {
                listener.onTablesChanged(change);
            } catch (RuntimeException e) {
                LOG.warn("A table change listener failed", e);
            }
        }
    }

    @Override
    public void applySchema(Schema newSchema) {
        write(tx -> {
            try {
                H2SchemaApplier.apply(writer, newSchema);
            } catch (SQLException e) {
                throw H2Errors.translate(e);
            }
            return null;
        });
        schema = newSchema;
    }

    /** The applied schema. */
    Schema schema() {
        return schema;
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

    /** Listeners, the tables a query reads and application names, as {@link TableNaming} names them. */
    private final TableChanges tableChanges = new TableChanges() {
        @Override
        public Registration addListener(TableChangeListener listener) {
            listeners.add(listener);
            return () -> listeners.remove(listener);
        }

        @Override
        public Set<String> tablesReadBy(String sql, List<?> params) {
            ensureOpen("tablesReadBy");
            return TablesRead.of(H2Session.this, sql);
        }

        @Override
        public Set<String> tableNames(Set<String> names) {
            return TableNaming.fromApplication(names, schema);
        }
    };

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

    /** {@inheritDoc} For a file database: H2's files, {@code <name>.mv.db} and {@code <name>.trace.db}. */
    @Override
    public void close(boolean deleteFiles) {
        close();
        if (deleteFiles && baseName != null) {
            for (String suffix : List.of(".mv.db", ".trace.db", ".lock.db")) {
                Path file = baseName.resolveSibling(baseName.getFileName() + suffix);
                try {
                    Files.deleteIfExists(file);
                } catch (java.io.IOException e) {
                    throw new StorageException("Cannot delete " + file + ": " + e, e);
                }
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
            try {
                write(tx -> {
                    triggerStore.dropTemporary();
                    return null;
                });
            } catch (RuntimeException e) {
                LOG.warn("Dropping the temporary diff triggers of " + location.describe()
                        + " failed", e);
            }
            closed = true;
            for (Connection reader : readers) {
                closeLogged(reader);
            }
            closeLogged(writer);
        } finally {
            writeLock.unlock();
        }
    }

    private void closeLogged(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.warn("Closing a connection of " + location.describe() + " failed", e);
        }
    }
}
