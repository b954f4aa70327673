package dev.hexsync.adapters.sqlite;

import dev.hexsync.ports.storage.SqlSession;
import dev.hexsync.ports.storage.TableChange;
import dev.hexsync.ports.storage.TableChangeListener;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.sqlite.SQLiteCommitListener;
import org.sqlite.SQLiteConnection;
import org.sqlite.core.DB;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writer connection of a session and what its transactions did: the tables they touched (SQLite's update
 * hook), whether SQLite rolled one back by itself, and the listeners told of each commit. Used only under the
 * session's write lock.
 */
final class WriterConnection {
    private static final Logger LOG = LoggerFactory.getLogger(WriterConnection.class);

    private final Connection connection;
    private final DB database;
    private final CaptureViews captureViews = new CaptureViews();
    private final List<TableChangeListener> listeners = new CopyOnWriteArrayList<>();
    /** Tables touched by the open transaction. */
    private final Set<String> touched = new HashSet<>();
    /** Set by SQLite's rollback hook: the transaction ended without a commit (also by itself, after an error). */
    private boolean rolledBack;
    /** A read runs on the writer with {@code PRAGMA query_only} on (see {@link #queryOnly}). */
    private boolean queryOnly;

    WriterConnection(Connection connection) throws SQLException {
        this.connection = connection;
        SQLiteConnection sqlite = connection.unwrap(SQLiteConnection.class);
        this.database = sqlite.getDatabase();
        sqlite.addUpdateListener((type, db, table, rowId) -> touched.add(table));
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

    Connection connection() {
        return connection;
    }

    /** Begins a write transaction; the tables touched are counted from here. */
    void begin() throws SQLException {
        touched.clear();
        execute(connection, "BEGIN IMMEDIATE");
    }

    /** Commits; {@link #notifyListeners()} then tells what changed. */
    void commit() throws SQLException {
        execute(connection, "COMMIT");
    }

    /** Rolls back, if SQLite has not already: nothing the transaction touched is reported. */
    void rollbackQuietly() {
        touched.clear();
        try {
            execute(connection, "ROLLBACK");
        } catch (SQLException e) {
            // SQLite may already have rolled back by itself (some errors end the transaction).
            LOG.debug("Rollback after a failed write: {}", e.getMessage());
        }
    }

    /** Starts watching for a rollback SQLite makes by itself. */
    void clearRolledBack() {
        rolledBack = false;
    }

    /** Whether SQLite rolled the transaction back since {@link #clearRolledBack()}. */
    boolean rolledBack() {
        return rolledBack;
    }

    /** Rows changed on the writer since it opened (SQLite's total_changes: not those of failed statements). */
    long totalChanges() {
        try {
            return database.total_changes();
        } catch (SQLException e) {
            throw SqliteErrors.translate(e);
        }
    }

    /** Allocates the transaction's CRUD id before a write to a capturing table or view (see CaptureViews). */
    SqliteContext.WriteHook captureHook() {
        return captureViews::allocateIfCapturing;
    }

    /** The application's view of the open write transaction. */
    SqliteContext context() {
        return new SqliteContext(connection, false, captureViews::allocateIfCapturing);
    }

    /**
     * Runs a read on the writer (an in-memory database has no readers; a read inside a write uses the writer)
     * with {@code PRAGMA query_only} on, as the readers of a file database always have it, so that a statement
     * that writes fails the same way on both.
     */
    <T> T queryOnly(Supplier<T> read) {
        if (queryOnly) {
            return read.get();
        }
        setQueryOnly(true);
        try {
            return read.get();
        } finally {
            setQueryOnly(false);
        }
    }

    /** Runs a nested write, with {@code PRAGMA query_only} off meanwhile when it comes from a read on the writer. */
    <T> T writable(Supplier<T> write) {
        if (!queryOnly) {
            return write.get();
        }
        setQueryOnly(false);
        try {
            return write.get();
        } finally {
            setQueryOnly(true);
        }
    }

    private void setQueryOnly(boolean on) {
        try {
            execute(connection, on ? "PRAGMA query_only = ON" : "PRAGMA query_only = OFF");
        } catch (SQLException e) {
            throw SqliteErrors.translate(e);
        }
        queryOnly = on;
    }

    SqlSession.Registration addListener(TableChangeListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Tells the listeners what the transaction that just committed changed. */
    void notifyListeners() {
        if (!touched.isEmpty()) {
            TableChange change = TableNaming.change(new LinkedHashSet<>(touched));
            touched.clear();
            for (TableChangeListener listener : listeners) {
                try {
                    listener.onTablesChanged(change);
                } catch (RuntimeException e) {
                    LOG.warn("A table change listener failed", e);
                }
            }
        }
    }

    static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** A failure to rethrow as it is: errors as errors, everything else is unchecked already. */
    static RuntimeException rethrowable(Throwable failure) {
        if (failure instanceof Error error) {
            throw error;
        }
        return (RuntimeException) failure;
    }
}
