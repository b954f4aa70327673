package dev.hexsync.adapters.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hexsync.ports.storage.DatabaseLocation;
import dev.hexsync.ports.storage.SqlSession;
import dev.hexsync.ports.storage.StorageBusyException;
import dev.hexsync.ports.storage.StorageException;
import dev.hexsync.ports.storage.StorageOptions;
import dev.hexsync.ports.storage.TableChange;
import dev.hexsync.ports.time.Scheduler;
import dev.hexsync.testkit.time.ManualClock;
import dev.hexsync.testkit.time.ThreadScheduler;
import dev.hexsync.testkit.time.VirtualScheduler;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Group commit ({@link SqlSession#writeHoldingCommit}) on a file database: held writes stay invisible to other
 * processes until something commits them (a read or another write through the session, close, the window),
 * while every user of the session sees them; failures undo exactly what the contract says. The window runs on
 * virtual time; only the tests with a second connection knocking on the lock need real threads.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SqliteGroupCommitTest {
    @TempDir
    Path tempDir;

    private final VirtualScheduler time = new VirtualScheduler();
    private final ThreadScheduler threads = new ThreadScheduler();
    private SqlSession session;
    private Path file;
    private final List<TableChange> changes = new CopyOnWriteArrayList<>();

    @BeforeEach
    void open() {
        file = tempDir.resolve("group.db");
        // A window no test outlives: only what a test does commits held writes.
        session = open(time, Duration.ofHours(1), Duration.ofSeconds(5));
        session.write(tx -> tx.execute("CREATE TABLE t(x TEXT)"));
        session.tableChanges().addListener(changes::add);
    }

    @AfterEach
    void close() {
        session.close();
        threads.close();
    }

    @Test
    void heldWritesAreCommittedByTheNextReadWhichSeesThem() throws SQLException {
        hold("a");
        hold("b");

        assertThat(countFromOtherProcess()).isZero();
        assertThat(changes).isEmpty();
        assertThat(count()).isEqualTo(2);
        assertThat(countFromOtherProcess()).isEqualTo(2);
        // One commit for both, announced once.
        assertThat(changes).hasSize(1);
        assertThat(changes.get(0).tables()).contains("t");
    }

    @Test
    void anotherWriteCommitsTheHeldOnesFirstAndItsFailureDoesNotUndoThem() throws SQLException {
        hold("a");

        assertThatThrownBy(() -> session.write(tx -> {
            tx.execute("INSERT INTO t(x) VALUES ('b')");
            throw new IllegalStateException("boom");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(countFromOtherProcess()).isEqualTo(1);
    }

    @Test
    void aWriteThatMayNotHoldCommitsItselfAndTheHeldOnes() throws SQLException {
        hold("a");
        session.writeHoldingCommit(tx -> tx.execute("INSERT INTO t(x) VALUES ('b')"), done -> false);

        assertThat(countFromOtherProcess()).isEqualTo(2);
    }

    @Test
    void aFailingWriteThatChangedNothingKeepsTheHeldOnes() {
        hold("a");

        assertThatThrownBy(() -> session.writeHoldingCommit(tx -> {
            throw new StorageBusyException("locked", java.util.OptionalInt.empty(), null);
        }, done -> true)).isInstanceOf(StorageBusyException.class);

        assertThat(count()).isEqualTo(1);
    }

    @Test
    void aFailingWriteThatChangedSomethingRollsBackTheHeldOnesAndIsNoLongerBusy() {
        hold("a");

        assertThatThrownBy(() -> session.writeHoldingCommit(tx -> {
            tx.execute("INSERT INTO t(x) VALUES ('b')");
            throw new StorageBusyException("locked", java.util.OptionalInt.empty(), null);
        }, done -> true)).isInstanceOf(StorageException.class).isNotInstanceOf(StorageBusyException.class)
                .hasCauseInstanceOf(StorageBusyException.class);

        assertThat(count()).isZero();
        // The session goes on as usual.
        hold("c");
        assertThat(count()).isEqualTo(1);
    }

    @Test
    void aFirstWriteThatFailsIsRolledBackAsAnOrdinaryWrite() {
        assertThatThrownBy(() -> session.writeHoldingCommit(tx -> {
            tx.execute("INSERT INTO t(x) VALUES ('a')");
            throw new StorageBusyException("locked", java.util.OptionalInt.empty(), null);
        }, done -> true)).isInstanceOf(StorageBusyException.class);

        assertThat(count()).isZero();
    }

    @Test
    void heldWritesAreCommittedOnceTheWindowPassedAlsoWhenNothingFollows() throws Exception {
        session.close();
        session = open(time, Duration.ofMillis(100), Duration.ofSeconds(5));
        session.tableChanges().addListener(changes::add);
        hold("a");

        time.advance(Duration.ofMillis(98));
        assertThat(countFromOtherProcess()).as("younger than the window").isZero();
        assertThat(changes).isEmpty();

        time.advance(Duration.ofMillis(2));
        assertThat(countFromOtherProcess()).isEqualTo(1);
        assertThat(changes).hasSize(1);
        assertThat(time.pending()).as("no more looks once committed").isZero();
    }

    @Test
    void aWriteFindingTheGroupOlderThanTheWindowCommitsItWithTheGroup() throws Exception {
        // A scheduler that never runs its looks: the next holding write has to see the age itself.
        ManualClock clock = new ManualClock(Instant.parse("2025-01-01T00:00:00Z"));
        session.close();
        session = open(new NoLooks(clock), Duration.ofMillis(100), Duration.ofSeconds(5));
        hold("a");
        clock.advance(Duration.ofMillis(99));
        hold("b");
        assertThat(countFromOtherProcess()).as("the group was still young").isZero();

        clock.advance(Duration.ofMillis(1));
        hold("c");

        assertThat(countFromOtherProcess()).isEqualTo(3);
    }

    @Test
    void closeCommitsHeldWrites() throws SQLException {
        hold("a");
        session.close();

        assertThat(countFromOtherProcess()).isEqualTo(1);
    }

    @Test
    void aConnectionWaitingForTheWriteLockGetsItWithoutWaitingForTheWindow() throws SQLException {
        // The holder's looks must run while the other connection knocks: real threads.
        session.close();
        session = open(threads, Duration.ofHours(1), Duration.ofSeconds(5));
        hold("a");
        // Another session on the file, as another process would open it: it waits for the lock, knocking.
        try (SqlSession other = open(threads, Duration.ofHours(1), Duration.ofSeconds(20))) {
            long seen = other.write(tx -> {
                tx.execute("INSERT INTO t(x) VALUES ('b')");
                return tx.get("SELECT count(*) AS n FROM t").getLong("n");
            });

            // The held write was committed first, so the other session's transaction saw it.
            assertThat(seen).isEqualTo(2);
        }
        assertThat(countFromOtherProcess()).isEqualTo(2);
        // The holder goes on with a new group.
        hold("c");
        assertThat(count()).isEqualTo(3);
    }

    @Test
    void aHolderWritingWithoutPausesStillLetsEveryWaiterIn() throws Exception {
        session.close();
        session = open(threads, Duration.ofHours(1), Duration.ofSeconds(5));
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger held = new AtomicInteger();
        Thread holder = new Thread(() -> {
            while (!stop.get()) {
                hold("h");
                held.incrementAndGet();
            }
        });
        holder.start();
        int writes = 20;
        try (SqlSession other = open(threads, Duration.ofHours(1), Duration.ofSeconds(20))) {
            // Each write would end in DatabaseBusyException after 20 s if the holder kept the lock.
            for (int i = 0; i < writes; i++) {
                other.write(tx -> tx.execute("INSERT INTO t(x) VALUES ('w')"));
            }
        } finally {
            stop.set(true);
            holder.join();
        }

        long waited = session.read(tx -> tx.get("SELECT count(*) AS n FROM t WHERE x = 'w'").getLong("n"));
        assertThat(waited).isEqualTo(writes);
        assertThat(count()).isEqualTo(writes + held.get());
    }

    private SqlSession open(Scheduler scheduler, Duration window, Duration busyTimeout) {
        return new SqliteStorageEngine(scheduler).open(DatabaseLocation.file(file),
                new StorageOptions(2, busyTimeout).withGroupCommitWindow(window));
    }

    private void hold(String value) {
        session.writeHoldingCommit(tx -> tx.execute("INSERT INTO t(x) VALUES (?)", value), done -> true);
    }

    /** What the session's users see. */
    private long count() {
        return session.read(tx -> tx.get("SELECT count(*) AS n FROM t").getLong("n"));
    }

    /** What another process sees: only committed rows. */
    private long countFromOtherProcess() throws SQLException {
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = other.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM t")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** A scheduler whose tasks never run, on a clock the test moves. */
    private record NoLooks(ManualClock clock) implements Scheduler {
        @Override
        public void execute(Runnable task) {
        }

        @Override
        public ScheduledTask schedule(Duration delay, Runnable task) {
            return () -> { };
        }
    }
}
