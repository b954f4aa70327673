package dev.hexsync.adapters.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.hexsync.ports.storage.DatabaseBusyException;
import dev.hexsync.ports.storage.DatabaseLocation;
import dev.hexsync.ports.storage.OpenRetry;
import dev.hexsync.ports.storage.SqlSession;
import dev.hexsync.ports.storage.StorageException;
import dev.hexsync.ports.storage.StorageOptions;
import dev.hexsync.testkit.time.VirtualScheduler;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opening retries while another connection holds the database exclusively, gives up with a typed error naming
 * the path once its budget is spent, and can be cancelled; a write refused past the busy timeout fails with the
 * same typed error and writes nothing. The other "process" is a plain JDBC connection in exclusive locking mode:
 * SQLite treats it exactly like a connection of another process. The waits between attempts run on virtual time,
 * so each test sees the opener refused and waiting before it lets go, advances time, or interrupts.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SqliteOpenRetryTest {
    private static final StorageOptions QUICK = new StorageOptions(1, Duration.ofMillis(50));

    @TempDir
    Path dir;

    private final VirtualScheduler time = new VirtualScheduler();
    private final SqliteStorageEngine engine = new SqliteStorageEngine(time);

    /** A connection that holds the file's exclusive lock until closed (no other connection can read or write). */
    private static Connection exclusiveHolder(Path file) throws Exception {
        Connection holder = DriverManager.getConnection("jdbc:sqlite:" + file);
        try (Statement statement = holder.createStatement()) {
            statement.execute("PRAGMA locking_mode = EXCLUSIVE");
            statement.execute("BEGIN EXCLUSIVE");
            statement.execute("CREATE TABLE IF NOT EXISTS held(x)");
            statement.execute("COMMIT");
        }
        return holder;
    }

    /** Waits until the opener was refused and waits for its next attempt (or gave up). */
    private void awaitBackoff(CompletableFuture<SqlSession> opened) {
        await().atMost(Duration.ofSeconds(30)).until(() -> time.pending() > 0 || opened.isDone());
    }

    @Test
    void anOpenRefusedAsBusyIsRetriedUntilTheOtherProcessLetsGo() throws Exception {
        Path file = dir.resolve("busy.db");
        Connection holder = exclusiveHolder(file);
        CompletableFuture<SqlSession> opened = CompletableFuture.supplyAsync(() -> engine.open(DatabaseLocation.file(file),
                QUICK.withOpenRetry(new OpenRetry(Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(60)))));

        awaitBackoff(opened);
        assertThat(opened).as("refused once, waiting to try again").isNotDone();
        assertThat(time.dueTimes()).containsExactly(time.now().plusMillis(10));
        holder.close();
        time.advance(Duration.ofMillis(10));

        try (SqlSession session = opened.get(60, TimeUnit.SECONDS)) {
            List<Long> counts = session.read(tx -> tx.getAll("SELECT count(*) AS n FROM ps_kv", List.of(),
                    row -> row.getLong("n")));
            assertThat(counts).hasSize(1);
        }
    }

    @Test
    void anOpenThatStaysBusyFailsWithTheTypedErrorNamingThePath() throws Exception {
        Path file = dir.resolve("held.db");
        try (Connection holder = exclusiveHolder(file)) {
            OpenRetry shortBudget = new OpenRetry(Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofMillis(100));
            CompletableFuture<SqlSession> opened = CompletableFuture.supplyAsync(
                    () -> engine.open(DatabaseLocation.file(file), QUICK.withOpenRetry(shortBudget)));
            int waits = 0;
            for (awaitBackoff(opened); !opened.isDone(); awaitBackoff(opened)) {
                waits++;
                time.advance(Duration.between(time.now(), time.dueTimes().get(0)));
            }

            // 10 ms, doubled to 20 ms four times, then the 10 ms left of the 100 ms budget.
            assertThat(waits).isEqualTo(6);
            assertThatThrownBy(opened::join).cause().isInstanceOfSatisfying(DatabaseBusyException.class, busy -> {
                assertThat(busy.database()).isEqualTo(file.toString());
                assertThat(busy.waited()).isGreaterThanOrEqualTo(Duration.ofMillis(100));
                assertThat(busy.getMessage()).contains(file.toString()).contains("open").contains(" s ");
            });
            assertThatThrownBy(() -> engine.open(DatabaseLocation.file(file), QUICK.withOpenRetry(OpenRetry.NONE)))
                    .isInstanceOf(DatabaseBusyException.class);
            assertThat(time.pending()).as("no retry without a budget").isZero();
        }
    }

    @Test
    void interruptingTheOpeningThreadCancelsTheRetries() throws Exception {
        Path file = dir.resolve("cancel.db");
        try (Connection holder = exclusiveHolder(file)) {
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread opener = new Thread(() -> {
                try {
                    engine.open(DatabaseLocation.file(file), QUICK.withOpenRetry(
                            new OpenRetry(Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofMinutes(10))));
                } catch (Throwable e) {
                    failure.set(e);
                }
            });
            opener.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> time.pending() > 0 || !opener.isAlive());
            opener.interrupt();
            opener.join(TimeUnit.SECONDS.toMillis(60));
            assertThat(opener.isAlive()).isFalse();
            assertThat(failure.get()).isInstanceOf(StorageException.class).hasMessageContaining("cancelled")
                    .hasMessageContaining(file.toString());
        }
    }

    @Test
    void aWriteRefusedPastTheBusyTimeoutFailsTypedAndWritesNothing() throws Exception {
        Path file = dir.resolve("write.db");
        try (SqlSession session = engine.open(DatabaseLocation.file(file), QUICK)) {
            session.write(tx -> tx.execute("CREATE TABLE items(id TEXT)", List.of()));
            try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file);
                    Statement statement = other.createStatement()) {
                statement.execute("BEGIN IMMEDIATE");
                assertThatThrownBy(() -> session.write(tx -> tx.execute("INSERT INTO items VALUES ('lost?')", List.of())))
                        .isInstanceOfSatisfying(DatabaseBusyException.class, busy -> assertThat(busy.getMessage())
                                .contains("write to").contains(file.toString()));
                statement.execute("ROLLBACK");
            }
            List<Long> counts = session.read(tx -> tx.getAll("SELECT count(*) AS n FROM items", List.of(),
                    r -> r.getLong("n")));
            assertThat(counts).containsExactly(0L);
            session.write(tx -> tx.execute("INSERT INTO items VALUES ('later')", List.of()));
        }
    }
}
