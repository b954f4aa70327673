package dev.hexsync.adapters.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hexsync.ports.api.SqlRow;
import dev.hexsync.ports.schema.Schema;
import dev.hexsync.ports.schema.Table;
import dev.hexsync.ports.storage.DatabaseLocation;
import dev.hexsync.ports.storage.SqlSession;
import dev.hexsync.ports.storage.StorageOptions;
import dev.hexsync.testkit.time.VirtualScheduler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one-writer / N-reader pool of {@link SqliteSession}: readers run beside a write and beside each other,
 * writes from many threads queue up without losing any, and a read nested in a write cannot starve on the
 * reader pool. Coordination is by latches with bounded waits: a pool that serializes what should run
 * concurrently shows up as a latch that never opens, not as a slow test.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SqlitePoolTest {
    private static final long WAIT_SECONDS = 60;
    private static final int READERS = 4;
    private static final Schema SCHEMA = Schema.of(Table.builder("todos").text("description").build());

    @TempDir
    Path tempDir;

    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "sqlite-pool-test");
        thread.setDaemon(true);
        return thread;
    });
    private final List<SqlSession> sessions = new ArrayList<>();

    @AfterEach
    void tearDown() {
        executor.shutdownNow();
        sessions.forEach(SqlSession::close);
    }

    @Test
    void readersRunConcurrentlyWhileAWriteIsOpenAndSeeTheCommittedState() throws Exception {
        SqlSession session = openFile(READERS);
        insert(session, "committed");
        CountDownLatch inserted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch readersInside = new CountDownLatch(READERS);

        Future<Void> writer = executor.submit(() -> session.write(tx -> {
            tx.execute("INSERT INTO todos(id, description) VALUES ('w', 'uncommitted')");
            inserted.countDown();
            await(release);
            return null;
        }));
        try {
            await(inserted);
            List<Future<List<String>>> readers = new ArrayList<>();
            for (int i = 0; i < READERS; i++) {
                readers.add(executor.submit(() -> session.read(tx -> {
                    // Every reader waits inside its transaction for all the others: only a pool that really
                    // hands out READERS connections at once gets past this point.
                    readersInside.countDown();
                    await(readersInside);
                    return tx.getAll("SELECT description FROM todos ORDER BY id", List.of(),
                            row -> row.getString("description"));
                })));
            }
            for (Future<List<String>> reader : readers) {
                assertThat(reader.get(WAIT_SECONDS, TimeUnit.SECONDS)).containsExactly("committed");
            }
            assertThat(writer.isDone()).as("the write is still held open while the readers finished").isFalse();
        } finally {
            release.countDown();
        }
        writer.get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(descriptions(session)).containsExactlyInAnyOrder("committed", "uncommitted");
    }

    @Test
    void aReadInsideAWriteUsesTheWriterEvenWhenEveryReaderIsBusy() throws Exception {
        SqlSession session = openFile(1);
        CountDownLatch readerTaken = new CountDownLatch(1);
        CountDownLatch releaseReader = new CountDownLatch(1);
        Future<Integer> busyReader = executor.submit(() -> session.read(tx -> {
            readerTaken.countDown();
            await(releaseReader);
            return 0;
        }));

        try {
            await(readerTaken);
            // The only reader connection is taken: waiting for one here would never end.
            List<String> seen = within(() -> session.write(tx -> {
                tx.execute("INSERT INTO todos(id, description) VALUES ('a', 'uncommitted')");
                return session.read(read -> read.getAll("SELECT description FROM todos", List.of(),
                        row -> row.getString("description")));
            }));
            assertThat(seen).containsExactly("uncommitted");
        } finally {
            releaseReader.countDown();
        }
        busyReader.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    @Test
    void writesFromManyThreadsAreSerializedAndNoneIsLost() throws Exception {
        int threads = 8;
        int writesPerThread = 200;
        SqlSession session = openFile(READERS);
        CountDownLatch start = new CountDownLatch(1);

        List<Future<Void>> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            writers.add(executor.submit(() -> {
                await(start);
                for (int i = 0; i < writesPerThread; i++) {
                    String id = thread + "-" + i;
                    session.write(tx -> tx.execute("INSERT INTO todos(id, description) VALUES (?, ?)", id, "w"));
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<Void> writer : writers) {
            writer.get(WAIT_SECONDS, TimeUnit.SECONDS);
        }

        int total = threads * writesPerThread;
        session.read(tx -> {
            assertThat(tx.get("SELECT count(*) AS n FROM todos").getLong("n")).isEqualTo(total);
            assertThat(tx.get("SELECT count(*) AS n, count(DISTINCT tx_id) AS txs FROM ps_crud").toMap())
                    .containsEntry("n", (long) total)
                    .containsEntry("txs", (long) total);
            assertThat(tx.get("SELECT next_tx FROM ps_tx WHERE id = 1").getLong("next_tx")).isEqualTo(total + 1);
            return null;
        });
    }

    @Test
    void anInMemoryDatabaseReadsAndWrites() {
        SqlSession session = open(DatabaseLocation.inMemory("pool-test"), StorageOptions.DEFAULT);
        session.applySchema(SCHEMA);

        insert(session, "first");
        List<String> insideWrite = session.write(tx -> {
            tx.execute("INSERT INTO todos(id, description) VALUES ('z', 'second')");
            return session.read(read -> read.getAll("SELECT description FROM todos ORDER BY description", List.of(),
                    row -> row.getString("description")));
        });

        assertThat(insideWrite).containsExactly("first", "second");
        assertThat(descriptions(session)).containsExactlyInAnyOrder("first", "second");
        assertThat(session.crudQueue().stats(false).count()).isEqualTo(2);
        assertThat(session.tableChanges().tablesReadBy("SELECT * FROM todos", List.of())).contains("todos");

        // In-memory databases are private to their session, whatever their label says.
        SqlSession other = open(DatabaseLocation.inMemory("pool-test"), StorageOptions.DEFAULT);
        List<SqlRow> tables = other.read(tx -> tx.getAll("SELECT name FROM sqlite_master WHERE name = 'ps_data__todos'"));
        assertThat(tables).isEmpty();
    }

    private SqlSession openFile(int readers) {
        SqlSession session = open(DatabaseLocation.file(tempDir.resolve("pool.db")),
                new StorageOptions(readers, Duration.ofSeconds(30)));
        session.applySchema(SCHEMA);
        return session;
    }

    private SqlSession open(DatabaseLocation location, StorageOptions options) {
        SqlSession session = new SqliteStorageEngine(new VirtualScheduler()).open(location, options);
        sessions.add(session);
        return session;
    }

    private static void insert(SqlSession session, String description) {
        session.write(tx -> tx.execute("INSERT INTO todos(id, description) VALUES (?, ?)", description, description));
    }

    private static List<String> descriptions(SqlSession session) {
        return session.read(tx -> tx.getAll("SELECT description FROM todos", List.of(),
                row -> row.getString("description")));
    }

    private <T> T within(Callable<T> work) throws Exception {
        Future<T> future = executor.submit(work);
        try {
            return future.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new AssertionError("no result within " + WAIT_SECONDS + " s: deadlocked?", e);
        } catch (ExecutionException e) {
            throw new AssertionError("the work failed", e.getCause());
        }
    }

    private static void await(CountDownLatch latch) {
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
