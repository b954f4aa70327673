package dev.hexsync.ports.schema;

import dev.hexsync.ports.HexSyncException;

/** A schema that cannot be applied: the message names the table and column at fault. */
public class SchemaException extends HexSyncException {
    public SchemaException(String message) {
        super(message);
    }

    public SchemaException(String message, Throwable cause) {
        super(message, cause);
    }
}
