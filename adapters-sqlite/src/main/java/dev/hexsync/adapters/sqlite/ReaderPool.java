package dev.hexsync.adapters.sqlite;

import dev.hexsync.ports.storage.DatabaseLocation;
import dev.hexsync.ports.storage.StorageException;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Function;

/** The query-only reader connections of a file database, lent out one at a time (fairly, in order of asking). */
final class ReaderPool {
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

    /** Every reader, for closing. */
    List<Connection> all() {
        return readers;
    }
}
