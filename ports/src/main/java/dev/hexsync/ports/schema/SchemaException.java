package dev.hexsync.ports.schema;

import dev.hexsync.ports.HexSyncException;

/** A schema that cannot be applied: the message names the table and column at fault. */
public class SchemaException extends HexSyncException {
    /** @param message what is wrong, naming the table and column */
    public SchemaException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong, naming the table and column
     * @param cause the underlying error
     */
    public SchemaException(String message, Throwable cause) {
        super(message, cause);
    }
}
