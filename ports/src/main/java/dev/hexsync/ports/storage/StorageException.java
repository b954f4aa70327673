package dev.hexsync.ports.storage;

import dev.hexsync.ports.HexSyncException;
import java.util.OptionalInt;

/** The database refused a statement or could not be used; the message carries the database's reason. */
public class StorageException extends HexSyncException {
    private final OptionalInt vendorCode;

    public StorageException(String message) {
        this(message, OptionalInt.empty(), null);
    }

    public StorageException(String message, Throwable cause) {
        this(message, OptionalInt.empty(), cause);
    }

    /**
     * @param vendorCode the storage engine's own error code (for SQLite, the extended result code)
     */
    public StorageException(String message, OptionalInt vendorCode, Throwable cause) {
        super(message, cause);
        this.vendorCode = vendorCode;
    }

    /** The storage engine's own error code, when it gave one (for SQLite, the extended result code). */
    public OptionalInt vendorCode() {
        return vendorCode;
    }
}
