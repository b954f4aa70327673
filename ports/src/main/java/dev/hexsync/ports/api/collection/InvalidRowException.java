package dev.hexsync.ports.api.collection;

import dev.hexsync.ports.HexSyncException;

/** A row that cannot go into a collection: rejected by the validation hook, or not mappable to the table. */
public class InvalidRowException extends HexSyncException {
    public InvalidRowException(String message) {
        super(message);
    }

    public InvalidRowException(String message, Throwable cause) {
        super(message, cause);
    }
}
