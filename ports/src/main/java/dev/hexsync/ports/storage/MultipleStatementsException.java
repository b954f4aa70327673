package dev.hexsync.ports.storage;

import java.util.OptionalInt;

/**
 * SQL text given to a call that runs one statement ({@code execute}, {@code getAll}, {@code executeBatch}...)
 * holds more than one. Nothing of it ran. Run each statement with its own call; inside a write transaction
 * they commit together.
 */
public class MultipleStatementsException extends StorageException {
    public MultipleStatementsException(String message) {
        super(message, OptionalInt.empty(), null);
    }
}
