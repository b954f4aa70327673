package dev.hexsync.ports.storage;

import java.time.Duration;
import java.util.Objects;

/**
 * How a storage engine opens a database.
 *
 * @param readerConnections how many read connections the pool keeps (file databases; at least 1)
 * @param busyTimeout how long a statement waits for a lock held by another connection or process
 */
public record StorageOptions(int readerConnections, Duration busyTimeout) {

    public static final StorageOptions DEFAULT = new StorageOptions(4, Duration.ofSeconds(30));

    public StorageOptions {
        if (readerConnections < 1) {
            throw new IllegalArgumentException("readerConnections must be at least 1, was " + readerConnections);
        }
        Objects.requireNonNull(busyTimeout, "busyTimeout is null");
    }
}
