package dev.hexsync.ports.api;

import dev.hexsync.ports.HexSyncException;

/** The database was used after {@code close()}. */
public class DatabaseClosedException extends HexSyncException {
    public DatabaseClosedException(String what) {
        super("The database is closed: " + what);
    }
}
