package dev.hexsync.ports.storage;

import dev.hexsync.ports.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a storage engine opens a database.
 *
 * @param readerConnections how many read connections the pool keeps (file databases; at least 1)
 * @param busyTimeout how long a statement waits for a lock held by another connection or process
 * @param sqlClock a clock for the SQL time functions ({@code unixepoch('now')}...) instead of the system's;
 *     for scenarios run on virtual time
 * @param openRetry how opening retries while other processes hold the database locked
 * @param groupCommitWindow how long downloaded sync data may wait to share one commit with the data that
 *     follows ({@link SqlSession#writeHoldingCommit}); longer windows write less during a large download, and a
 *     crash loses up to that much of the download (fetched again on the next connection). Other hexsync
 *     connections that want to write meanwhile, in this process or another, are let in within milliseconds
 *     (storage engines that can tell); other programs wait up to the window. Zero commits every line.
 */
public record StorageOptions(int readerConnections, Duration busyTimeout, Optional<Clock> sqlClock, OpenRetry openRetry,
        Duration groupCommitWindow) {

    /**
     * The default group commit window: a large initial download commits a few times (each commit copies every
     * page it dirtied), a crash costs seconds of download, and a program that cannot ask for the lock waits
     * less than the default busy timeout.
     */
    public static final Duration DEFAULT_GROUP_COMMIT_WINDOW = Duration.ofSeconds(10);

    public static final StorageOptions DEFAULT = new StorageOptions(4, Duration.ofSeconds(30), Optional.empty(),
            OpenRetry.DEFAULT, DEFAULT_GROUP_COMMIT_WINDOW);

    public StorageOptions {
        if (readerConnections < 1) {
            throw new IllegalArgumentException("readerConnections must be at least 1, was " + readerConnections);
        }
        Objects.requireNonNull(busyTimeout, "busyTimeout is null");
        Objects.requireNonNull(sqlClock, "sqlClock is null");
        Objects.requireNonNull(openRetry, "openRetry is null");
        Objects.requireNonNull(groupCommitWindow, "groupCommitWindow is null");
        if (groupCommitWindow.isNegative()) {
            throw new IllegalArgumentException("groupCommitWindow must not be negative, was " + groupCommitWindow);
        }
    }

    public StorageOptions(int readerConnections, Duration busyTimeout, Optional<Clock> sqlClock) {
        this(readerConnections, busyTimeout, sqlClock, OpenRetry.DEFAULT, DEFAULT_GROUP_COMMIT_WINDOW);
    }

    public StorageOptions(int readerConnections, Duration busyTimeout) {
        this(readerConnections, busyTimeout, Optional.empty(), OpenRetry.DEFAULT, DEFAULT_GROUP_COMMIT_WINDOW);
    }

    /** These options with SQL time functions reading {@code clock}. */
    public StorageOptions withSqlClock(Clock clock) {
        return new StorageOptions(readerConnections, busyTimeout, Optional.of(clock), openRetry, groupCommitWindow);
    }

    /** These options with another open retry policy. */
    public StorageOptions withOpenRetry(OpenRetry retry) {
        return new StorageOptions(readerConnections, busyTimeout, sqlClock, retry, groupCommitWindow);
    }

    /** These options with another group commit window ({@link Duration#ZERO} commits every line). */
    public StorageOptions withGroupCommitWindow(Duration window) {
        return new StorageOptions(readerConnections, busyTimeout, sqlClock, openRetry, window);
    }
}
