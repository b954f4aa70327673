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
 */
public record StorageOptions(int readerConnections, Duration busyTimeout, Optional<Clock> sqlClock, OpenRetry openRetry) {

    public static final StorageOptions DEFAULT = new StorageOptions(4, Duration.ofSeconds(30), Optional.empty(),
            OpenRetry.DEFAULT);

    public StorageOptions {
        if (readerConnections < 1) {
            throw new IllegalArgumentException("readerConnections must be at least 1, was " + readerConnections);
        }
        Objects.requireNonNull(busyTimeout, "busyTimeout is null");
        Objects.requireNonNull(sqlClock, "sqlClock is null");
        Objects.requireNonNull(openRetry, "openRetry is null");
    }

    public StorageOptions(int readerConnections, Duration busyTimeout, Optional<Clock> sqlClock) {
        this(readerConnections, busyTimeout, sqlClock, OpenRetry.DEFAULT);
    }

    public StorageOptions(int readerConnections, Duration busyTimeout) {
        this(readerConnections, busyTimeout, Optional.empty(), OpenRetry.DEFAULT);
    }

    /** These options with SQL time functions reading {@code clock}. */
    public StorageOptions withSqlClock(Clock clock) {
        return new StorageOptions(readerConnections, busyTimeout, Optional.of(clock), openRetry);
    }

    /** These options with another open retry policy. */
    public StorageOptions withOpenRetry(OpenRetry retry) {
        return new StorageOptions(readerConnections, busyTimeout, sqlClock, retry);
    }
}
