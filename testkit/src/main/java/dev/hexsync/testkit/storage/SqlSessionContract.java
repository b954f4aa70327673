package dev.hexsync.testkit.storage;

import dev.hexsync.ports.api.ReadContext;
import dev.hexsync.ports.api.RowMapper;
import dev.hexsync.ports.api.WriteContext;
import dev.hexsync.ports.schema.Schema;
import dev.hexsync.ports.schema.Table;
import dev.hexsync.ports.storage.DatabaseLocation;
import dev.hexsync.ports.storage.SqlSession;
import dev.hexsync.ports.storage.StorageEngine;
import dev.hexsync.ports.storage.StorageOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the contract tests of a SQL session share ({@link StorageContractTest}, {@link TransactionContractTest},
 * {@link TableChangesContractTest}, {@link CrudQueueContractTest}), in the spirit of Trino's
 * {@code BaseConnectorTest} and the Reactive Streams TCK: every {@link StorageEngine} extends each of them, names
 * itself and where its file databases live, and inherits every test.
 *
 * <p>The tests speak the PowerSync layout ({@code ps_migration}, {@code ps_kv}, {@code ps_tx}, {@code ps_crud},
 * {@code ps_data__<table>} behind a view of the table's name) because that layout is what makes a database
 * interchangeable with the PowerSync engine; the SQL they run is the plain subset every engine shares, except
 * {@link #schemaVersion(ReadContext)}, which an engine without SQLite's pragma overrides.
 *
 * <p>Every test is bounded: the class-level timeout catches a deadlock, and every cross-thread wait has its own
 * limit, so a broken adapter fails instead of hanging the build. Nothing asserts on elapsed time.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class SqlSessionContract {
    /** The write gate value meaning "uploaded, but the write checkpoint is not known yet". */
    protected static final long MAX_OP_ID = Long.MAX_VALUE;

    /** The PowerSync internal schema version this contract expects a new database to have. */
    protected static final long LAYOUT_VERSION = 14;

    static final Pattern UUID_V4 =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    static final long WAIT_SECONDS = 30;
    static final String INSERT_TODO = "INSERT INTO todos(id, description, completed) VALUES (?, ?, ?)";

    /** Fresh per test; the database file lives in it. */
    @TempDir
    protected Path tempDir;

    private final List<SqlSession> sessions = new ArrayList<>();
    /** Threads of the cross-thread tests; stopped after each test. */
    final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "storage-contract");
        thread.setDaemon(true);
        return thread;
    });
    private DatabaseLocation location;

    /** The engine under test. */
    protected abstract StorageEngine engine();

    /** Where to create a file database inside {@code tempDir}; called once per test, the database must not exist yet. */
    protected abstract DatabaseLocation newFileLocation(Path tempDir);

    /** The options every session of the contract is opened with. */
    protected StorageOptions options() {
        return StorageOptions.DEFAULT;
    }

    /** A number that changes whenever the database's schema (tables, views, triggers, indexes) changes. */
    protected long schemaVersion(ReadContext tx) {
        return ((Number) tx.get("PRAGMA schema_version").get(0)).longValue();
    }

    /** The table every test writes to, as an application would declare it. */
    protected static Schema todoSchema() {
        return Schema.of(Table.builder("todos").text("description").integer("completed").build());
    }

    @AfterEach
    void closeSessionsAndThreads() {
        executor.shutdownNow();
        List<SqlSession> open = new ArrayList<>(sessions);
        Collections.reverse(open);
        for (SqlSession session : open) {
            session.close();
        }
    }

    // ---- Helpers for subclasses and the contracts ----

    /** Opens (or reopens) this test's file database; closed after the test. */
    protected final SqlSession open() {
        if (location == null) {
            location = newFileLocation(tempDir);
        }
        SqlSession session = engine().open(location, options());
        sessions.add(session);
        return session;
    }

    /** {@link #open()} with {@link #todoSchema()} applied. */
    protected final SqlSession openWithSchema() {
        SqlSession session = open();
        session.applySchema(todoSchema());
        return session;
    }

    protected static Void insertTodo(WriteContext tx, String id, String description, int completed) {
        tx.execute(INSERT_TODO, id, description, completed);
        return null;
    }

    protected static long count(SqlSession session, String table) {
        return session.read(tx -> tx.get("SELECT count(*) AS n FROM " + table).getLong("n"));
    }

    protected static List<String> descriptions(SqlSession session) {
        return session.read(tx -> tx.getAll("SELECT description FROM todos ORDER BY id", List.of(),
                row -> row.getString("description")));
    }

    protected static Optional<Long> kvLong(SqlSession session, String key) {
        return session.read(tx -> tx.getOptional("SELECT value FROM ps_kv WHERE key = ?", key)
                .map(row -> row.getLong("value")));
    }

    static long layoutVersion(SqlSession session) {
        return session.read(tx -> tx.get("SELECT max(id) AS version FROM ps_migration").getLong("version"));
    }

    static String clientId(SqlSession session) {
        return session.read(tx -> tx.get("SELECT value FROM ps_kv WHERE key = 'client_id'").getString("value"));
    }

    static long nextTx(SqlSession session) {
        return session.read(tx -> tx.get("SELECT next_tx FROM ps_tx WHERE id = 1").getLong("next_tx"));
    }

    static void clearTarget(SqlSession session) {
        session.write(tx -> tx.execute("DELETE FROM ps_kv WHERE key = 'target_checkpoint_request_id'"));
    }

    static Object echo(ReadContext tx, Object value) {
        // Map to the row, not the value: a mapper answering null would read as "no row".
        return tx.get("SELECT ? AS v", Collections.singletonList(value), RowMapper.rows()).get("v");
    }

    /** Runs {@code work} on another thread and waits for it, bounded. */
    final <T> T within(Callable<T> work) {
        try {
            return executor.submit(work).get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("work on another thread failed", e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("work on another thread did not finish within " + WAIT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    static void await(CountDownLatch latch) {
        try {
            if (!latch.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError("gave up waiting after " + WAIT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
