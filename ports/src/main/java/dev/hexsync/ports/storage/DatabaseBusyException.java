package dev.hexsync.ports.storage;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Another connection or process kept the database locked for longer than this one would wait: while opening
 * it (past the {@link OpenRetry} budget) or while writing (past the busy timeout). Nothing was written; the
 * operation may be retried. The message names the database and how long was spent.
 */
public class DatabaseBusyException extends StorageBusyException {
    private final String database;
    private final Duration waited;

    /**
     * @param database the database's description (its path)
     * @param what what was attempted, e.g. {@code "open"}, {@code "write to"}
     * @param waited how long was spent waiting and retrying
     * @param reason the database's own reason for the last refusal
     */
    public DatabaseBusyException(String database, String what, Duration waited, String reason, OptionalInt vendorCode,
            Throwable cause) {
        super("Could not " + what + " " + database + ": it stayed locked by another connection or process for "
                + String.format(java.util.Locale.ROOT, "%.3f s", waited.toNanos() / 1e9) + " (" + reason + ")",
                vendorCode, cause);
        this.database = Objects.requireNonNull(database, "database is null");
        this.waited = Objects.requireNonNull(waited, "waited is null");
    }

    /** The database's description (for a file, its path). */
    public String database() {
        return database;
    }

    /** How long was spent before giving up. */
    public Duration waited() {
        return waited;
    }
}
