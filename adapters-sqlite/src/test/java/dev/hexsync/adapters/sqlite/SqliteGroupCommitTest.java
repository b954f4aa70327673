package dev.hexsync.adapters.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hexsync.ports.storage.DatabaseLocation;
import dev.hexsync.ports.storage.SqlSession;
import dev.hexsync.ports.storage.StorageBusyException;
import dev.hexsync.ports.storage.StorageException;
import dev.hexsync.ports.storage.StorageOptions;
import dev.hexsync.ports.storage.TableChange;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Group commit ({@link SqlSession#writeHoldingCommit}) on a file database: held writes stay invisible to other
 * processes until something commits them (a read or another write through the session, close, the timer),
 * while every user of the session sees them; failures undo exactly what the contract says.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SqliteGroupCommitTest {
    @TempDir
    Path tempDir;

    private SqlSession session;
    private Path file;
    private final List<TableChange> changes = new CopyOnWriteArrayList<>();

    @BeforeEach
    void open() {
        file = tempDir.resolve("group.db");
        session = new SqliteStorageEngine().open(DatabaseLocation.file(file), new StorageOptions(2, Duration.ofSeconds(5)));
        session.write(tx -> tx.execute("CREATE TABLE t(x TEXT)"));
        session.addTableChangeListener(changes::add);
    }

    @AfterEach
    void close() {
        session.close();
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
    void theTimerCommitsHeldWritesWhenNothingFollows() throws Exception {
        hold("a");

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (countFromOtherProcess() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(countFromOtherProcess()).isEqualTo(1);
        assertThat(changes).hasSize(1);
    }

    @Test
    void closeCommitsHeldWrites() throws SQLException {
        hold("a");
        session.close();

        assertThat(countFromOtherProcess()).isEqualTo(1);
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
}
