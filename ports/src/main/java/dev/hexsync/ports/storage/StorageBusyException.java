package dev.hexsync.ports.storage;

import java.util.OptionalInt;

/**
 * The database stayed locked by another connection or process past the busy timeout. Nothing was written;
 * the operation may be retried.
 */
public class StorageBusyException extends StorageException {
    public StorageBusyException(String message, OptionalInt vendorCode, Throwable cause) {
        super(message, vendorCode, cause);
    }
}
