package dev.hexsync.ports.api;

import dev.hexsync.ports.HexSyncException;

/** {@code get} found no row. */
public class NoSuchRowException extends HexSyncException {
    public NoSuchRowException(String sql) {
        super("Query returned no rows: " + sql);
    }
}
