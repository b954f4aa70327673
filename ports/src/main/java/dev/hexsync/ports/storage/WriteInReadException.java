package dev.hexsync.ports.storage;

import java.util.OptionalInt;

/**
 * A statement that changes the database ran where only reads are allowed: a query on the database itself
 * ({@code getAll}, {@code get}, {@code getOptional}, a watch) or inside a read transaction. Nothing was written.
 * Run it with {@code execute}, or inside a write transaction (whose {@code getAll} also returns the rows of a
 * {@code RETURNING} clause).
 */
public class WriteInReadException extends StorageException {
    public WriteInReadException(String message, OptionalInt vendorCode, Throwable cause) {
        super(message, vendorCode, cause);
    }
}
