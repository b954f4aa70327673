package dev.hexsync.adapters.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hexsync.ports.schema.Schema;
import dev.hexsync.ports.schema.Table;
import dev.hexsync.ports.storage.DatabaseLocation;
import dev.hexsync.ports.storage.SqlSession;
import dev.hexsync.ports.storage.StorageOptions;
import dev.hexsync.testkit.time.VirtualScheduler;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process killed with SIGKILL in the middle of a write transaction leaves a database that opens cleanly,
 * holds exactly what was committed, and takes new writes. The writer runs in a child JVM ({@link CrashWriter})
 * because only a real process death shows what reaches the file; closing connections in-process would let
 * SQLite tidy up first.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class SqliteCrashTest {
    private static final long WAIT_SECONDS = 60;
    private static final int COMMITTED = 100;
    private static final String IN_TX = "IN_TX";
    static final Schema SCHEMA = Schema.of(Table.builder("todos").text("description").integer("n").build());

    @TempDir
    Path tempDir;

    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "crash-test-child-output");
        thread.setDaemon(true);
        return thread;
    });

    @AfterEach
    void stopThreads() {
        executor.shutdownNow();
    }

    @Test
    void killedInsideAWriteTransactionKeepsExactlyTheCommittedRows() throws Exception {
        Path database = tempDir.resolve("crash.db");
        Path childErrors = tempDir.resolve("child-stderr.txt");
        killChildInsideTransaction(database, childErrors);

        try (SqlSession session = new SqliteStorageEngine(new VirtualScheduler()).open(DatabaseLocation.file(database), StorageOptions.DEFAULT)) {
            session.read(tx -> {
                assertThat(tx.getAll("PRAGMA integrity_check", List.of(), row -> row.get(0))).containsExactly("ok");
                assertThat(tx.getAll("SELECT id FROM todos ORDER BY n", List.of(), row -> row.getString("id")))
                        .containsExactlyElementsOf(committedIds());
                assertThat(tx.getAll("SELECT tx_id, data FROM ps_crud ORDER BY id", List.of(),
                        row -> row.getLong("tx_id") + " " + row.getString("data")))
                        .containsExactlyElementsOf(IntStream.range(0, COMMITTED)
                                .mapToObj(i -> (i + 1) + " {\"op\":\"PUT\",\"id\":\"c" + i + "\",\"type\":\"todos\","
                                        + "\"data\":{\"description\":\"committed\",\"n\":" + i + "}}")
                                .toList());
                assertThat(tx.get("SELECT next_tx FROM ps_tx WHERE id = 1").getLong("next_tx")).isEqualTo(COMMITTED + 1);
                return null;
            });

            session.applySchema(SCHEMA);
            session.write(tx -> tx.execute("INSERT INTO todos(id, description, n) VALUES ('after', 'after crash', -1)"));

            long rows = session.read(tx -> tx.get("SELECT count(*) AS n FROM todos").getLong("n"));
            assertThat(rows).isEqualTo(COMMITTED + 1);
            assertThat(session.crudQueue().stats(false).count()).isEqualTo(COMMITTED + 1);
            assertThat(session.crudQueue().peek(COMMITTED + 1).get(COMMITTED).transactionId()).hasValue(COMMITTED + 1);
        }
    }

    /** Starts {@link CrashWriter}, waits until it sits inside its transaction, and SIGKILLs it. */
    private void killChildInsideTransaction(Path database, Path childErrors) throws Exception {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CrashWriter.class.getName(), database.toString())
                .redirectError(childErrors.toFile())
                .start();
        try {
            Future<Boolean> reachedTransaction = executor.submit(() -> {
                try (BufferedReader out = new BufferedReader(
                        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = out.readLine(); line != null; line = out.readLine()) {
                        if (line.equals(IN_TX)) {
                            return true;
                        }
                    }
                    return false;
                }
            });
            boolean inTransaction;
            try {
                inTransaction = reachedTransaction.get(WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                throw new AssertionError("the child did not reach its transaction within " + WAIT_SECONDS + " s; stderr:\n"
                        + errors(childErrors), e);
            }
            assertThat(inTransaction).as("the child exited before its transaction; stderr:\n%s", errors(childErrors))
                    .isTrue();
            assertThat(child.isAlive()).isTrue();
            // Uncommitted pages that reached the WAL file are what makes this a recovery test, not a no-op.
            assertThat(Files.size(Path.of(database + "-wal"))).as("WAL size with the transaction open")
                    .isGreaterThan(1_000_000L);

            child.destroyForcibly();
            assertThat(child.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).as("the child died").isTrue();
        } finally {
            child.destroyForcibly();
            child.waitFor(WAIT_SECONDS, TimeUnit.SECONDS);
        }
    }

    private static List<String> committedIds() {
        return IntStream.range(0, COMMITTED).mapToObj(i -> "c" + i).toList();
    }

    private static String errors(Path childErrors) {
        try {
            return Files.exists(childErrors) ? Files.readString(childErrors) : "(none)";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /**
     * The child process: commits {@value #COMMITTED} rows one transaction each, then opens a transaction that
     * writes far more than its page cache holds (so uncommitted pages spill into the WAL file, the case recovery
     * must discard), announces {@value #IN_TX} and sleeps inside it until killed.
     */
    static final class CrashWriter {
        private static final int UNCOMMITTED = 2_000;

        public static void main(String[] args) throws Exception {
            SqlSession session = new SqliteStorageEngine(new VirtualScheduler()).open(DatabaseLocation.file(Path.of(args[0])),
                    StorageOptions.DEFAULT);
            session.applySchema(SCHEMA);
            for (int i = 0; i < COMMITTED; i++) {
                int n = i;
                session.write(tx -> tx.execute("INSERT INTO todos(id, description, n) VALUES (?, 'committed', ?)",
                        "c" + n, n));
            }
            String filler = "x".repeat(1_000);
            session.write(tx -> {
                tx.execute("PRAGMA cache_size = 16");
                List<List<?>> rows = new ArrayList<>();
                for (int i = 0; i < UNCOMMITTED; i++) {
                    rows.add(List.of("u" + i, filler, COMMITTED + i));
                }
                tx.executeBatch("INSERT INTO todos(id, description, n) VALUES (?, ?, ?)", rows);
                System.out.println(IN_TX);
                System.out.flush();
                while (true) {
                    try {
                        Thread.sleep(60_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted inside the transaction", e);
                    }
                }
            });
        }
    }
}
