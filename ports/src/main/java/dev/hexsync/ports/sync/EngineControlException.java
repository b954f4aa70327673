package dev.hexsync.ports.sync;

import dev.hexsync.ports.HexSyncException;

/**
 * The engine refused an operation. {@link #code()} is the SQLite result code the native engine reports for
 * the same failure (3091 bad argument, 21 wrong state, 4 protocol error, or a storage error's own code).
 */
public class EngineControlException extends HexSyncException {
    private final int code;

    public EngineControlException(String message, int code, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public int code() {
        return code;
    }
}
