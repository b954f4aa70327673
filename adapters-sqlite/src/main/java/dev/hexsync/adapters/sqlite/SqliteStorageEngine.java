package dev.hexsync.adapters.sqlite;

import dev.hexsync.adapters.sqlite.functions.ClockFunctions;
import dev.hexsync.adapters.sqlite.functions.SqlFunctions;
import dev.hexsync.adapters.sqlite.migration.Migrations;
import dev.hexsync.ports.storage.DatabaseBusyException;
import dev.hexsync.ports.storage.DatabaseLocation;
import dev.hexsync.ports.storage.OpenRetry;
import dev.hexsync.ports.storage.StorageBusyException;
import dev.hexsync.ports.storage.SqlSession;
import dev.hexsync.ports.storage.StorageEngine;
import dev.hexsync.ports.storage.StorageException;
import dev.hexsync.ports.storage.StorageOptions;
import dev.hexsync.ports.time.Clock;
import dev.hexsync.ports.time.Scheduler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import org.sqlite.BusyHandler;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;

/**
 * SQLite through sqlite-jdbc, in the PowerSync layout: a database hexsync writes can be opened by the
 * PowerSync engine and the other way round.
 *
 * <p>File databases run in WAL mode with one writer and {@link StorageOptions#readerConnections()}
 * query-only readers; pragmas follow the PowerSync SDKs (busy timeout, 6 MB journal size limit, 50 MB page
 * cache, synchronous NORMAL). In-memory databases use a single connection. The writer of a file database
 * waits for the write lock through a {@link KnockingBusyHandler}, so that a writer elsewhere holding its
 * transaction open for group commit lets go.
 */
public final class SqliteStorageEngine implements StorageEngine {
    private static final long JOURNAL_SIZE_LIMIT = 6 * 1024 * 1024;
    private static final int CACHE_SIZE_KIB = 50 * 1024;

    private static final Duration MIN_PAUSE = Duration.ofMillis(1);

    private final Scheduler scheduler;

    /**
     * @param scheduler the time of the sessions it opens: group commit's looks at held writes and their age, and
     *     the waits between attempts to open a file another process holds locked
     */
    public SqliteStorageEngine(Scheduler scheduler) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler is null");
    }

    @Override
    public String name() {
        return "sqlite";
    }

    /**
     * {@inheritDoc}
     *
     * <p>An attempt that another process refuses with SQLITE_BUSY or SQLITE_LOCKED (including BUSY_RECOVERY:
     * SQLite does not wait on those while switching to WAL or recovering a WAL) is undone and made again after
     * a backoff, as {@link StorageOptions#openRetry()} says; interrupting the opening thread cancels it.
     *
     * @throws DatabaseBusyException when the retry budget ran out; it names the path and the time spent
     */
    @Override
    public SqlSession open(DatabaseLocation location, StorageOptions options) {
        OpenRetry retry = options.openRetry();
        Clock clock = scheduler.clock();
        Instant start = clock.now();
        Duration delay = retry.firstDelay();
        while (true) {
            StorageException failure;
            try {
                return openOnce(location, options);
            } catch (StorageBusyException busy) {
                failure = busy;
            }
            Duration spent = Duration.between(start, clock.now());
            Duration left = retry.budget().minus(spent);
            if (left.isNegative() || left.isZero()) {
                throw new DatabaseBusyException(location.describe(), "open", spent, reason(failure),
                        failure.vendorCode(), failure);
            }
            try {
                pause(delay.compareTo(left) < 0 ? delay : left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                StorageException cancelled = new StorageException("Opening " + location.describe()
                        + " was cancelled (interrupted) after " + Duration.between(start, clock.now()).toMillis()
                        + " ms while another process held it locked", e);
                cancelled.addSuppressed(failure);
                throw cancelled;
            }
            delay = retry.next(delay);
        }
    }

    /** Blocks the opening thread for {@code delay} (at least a millisecond) on the scheduler's time. */
    private void pause(Duration delay) throws InterruptedException {
        CountDownLatch elapsed = new CountDownLatch(1);
        Duration wait = delay.compareTo(MIN_PAUSE) < 0 ? MIN_PAUSE : delay;
        Scheduler.ScheduledTask task = scheduler.schedule(wait, elapsed::countDown);
        try {
            elapsed.await();
        } finally {
            task.cancel();
        }
    }

    private static String reason(StorageException failure) {
        Throwable cause = failure.getCause();
        return cause instanceof SQLException sql ? SqliteErrors.nativeMessage(sql) : failure.getMessage();
    }

    /** One attempt: everything it opened is closed again when it fails. */
    private SqlSession openOnce(DatabaseLocation location, StorageOptions options) {
        List<Connection> opened = new ArrayList<>();
        DatabaseState state = new DatabaseState();
        try {
            Connection writer = connect(location, options, false, state);
            opened.add(writer);
            WriteWaits waits = WriteWaits.NONE;
            if (location instanceof DatabaseLocation.File file) {
                // Opened once the writer did, so the directory exists; the migration below already knocks.
                waits = WriteWaits.open(WriteWaits.fileOf(file.canonicalPath()));
                BusyHandler.setHandler(writer, new KnockingBusyHandler(waits, options.busyTimeout()));
            }
            try (Statement statement = writer.createStatement()) {
                statement.execute("BEGIN IMMEDIATE");
                try {
                    Migrations.migrate(writer, location.describe());
                    statement.execute("COMMIT");
                } catch (SQLException | RuntimeException e) {
                    statement.execute("ROLLBACK");
                    throw e;
                }
            }
            List<Connection> readers = new ArrayList<>();
            if (location instanceof DatabaseLocation.File) {
                for (int i = 0; i < options.readerConnections(); i++) {
                    Connection reader = connect(location, options, true, state);
                    opened.add(reader);
                    readers.add(reader);
                }
            }
            return new SqliteSession(location, writer, readers, options.groupCommitWindow(), waits, scheduler, state);
        } catch (SQLException | RuntimeException e) {
            for (Connection connection : opened) {
                try {
                    connection.close();
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            if (e instanceof StorageException storage) {
                throw storage;
            }
            if (e instanceof SQLException sql) {
                StorageException translated = SqliteErrors.translate(sql);
                if (translated instanceof StorageBusyException) {
                    throw translated;
                }
                throw new StorageException("Cannot open " + location.describe() + ": " + translated.getMessage(),
                        translated.vendorCode(), e);
            }
            throw (RuntimeException) e;
        }
    }

    private static Connection connect(DatabaseLocation location, StorageOptions options, boolean reader,
            DatabaseState state) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout((int) Math.min(Integer.MAX_VALUE, options.busyTimeout().toMillis()));
        // hexsync never asks for generated keys; the driver would otherwise query last_insert_rowid() after
        // every INSERT, a statement per captured or downloaded row.
        config.setGetGeneratedKeys(false);
        String url;
        if (location instanceof DatabaseLocation.File file) {
            Path path = file.path().toAbsolutePath();
            Path parent = path.getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                throw new StorageException("Cannot open " + path + ": the directory " + parent + " does not exist");
            }
            url = "jdbc:sqlite:" + path;
        } else {
            url = "jdbc:sqlite::memory:";
        }
        SQLiteConnection connection = (SQLiteConnection) config.createConnection(url);
        try (Statement statement = connection.createStatement()) {
            if (location instanceof DatabaseLocation.File) {
                statement.execute("PRAGMA journal_mode = WAL");
                statement.execute("PRAGMA journal_size_limit = " + JOURNAL_SIZE_LIMIT);
            }
            statement.execute("PRAGMA synchronous = NORMAL");
            statement.execute("PRAGMA cache_size = -" + CACHE_SIZE_KIB);
            if (reader) {
                statement.execute("PRAGMA query_only = ON");
            }
            SqlFunctions.register(connection);
            EngineSqlFunctions.register(connection, state);
            if (options.sqlClock().isPresent()) {
                ClockFunctions.register(connection, options.sqlClock().get());
            }
            return connection;
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }
}
