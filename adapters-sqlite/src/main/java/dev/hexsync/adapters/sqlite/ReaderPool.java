package dev.hexsync.adapters.sqlite;

import dev.hexsync.ports.storage.DatabaseLocation;
import dev.hexsync.ports.storage.StorageException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The query-only reader connections of a file database, lent out one at a time (fairly, in order of asking). */
final class ReaderPool {
    // The session's logger name: closing moved here from the session, its log lines did not change.
    private static final Logger LOG = LoggerFactory.getLogger(SqliteSession.class);

    private final DatabaseLocation location;
    private final List<Connection> readers;
    private final BlockingQueue<Connection> idle;

    ReaderPool(DatabaseLocation location, List<Connection> readers) {
        this.location = location;
        this.readers = List.copyOf(readers);
        this.idle = new ArrayBlockingQueue<>(readers.size(), true, readers);
    }

    /** Runs {@code work} on an idle reader, waiting for one. */
    <T> T withReader(Function<Connection, T> work) {
        Connection reader;
        try {
            reader = idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("Interrupted while waiting for a reader connection of " + location.describe(), e);
        }
        try {
            return work.apply(reader);
        } finally {
            idle.add(reader);
        }
    }

    /** Closes every reader; one that fails to close is logged and the others are closed still. */
    void close() {
        for (Connection reader : readers) {
            closeLogged(reader, location);
        }
    }

    /** Closes a connection of the database, logging a failure: closing goes on with the next one. */
    static void closeLogged(Connection connection, DatabaseLocation location) {
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.warn("Closing a connection of " + location.describe() + " failed", e);
        }
    }
}
