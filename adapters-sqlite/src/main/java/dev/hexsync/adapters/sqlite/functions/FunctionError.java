package dev.hexsync.adapters.sqlite.functions;

import java.sql.SQLException;

/**
 * An error raised by one of hexsync's SQL functions, worded as the PowerSync engine words it
 * ({@code <function>: invalid argument: ...}). The driver hands a function's exception to SQLite as its
 * {@code toString()}, which for other exceptions starts with the Java class name; this one is only its message.
 * SQLite reports every function error as SQLITE_ERROR, so the engine's own code travels in the message's form:
 * {@link FunctionErrors#engineCode} reads it back.
 */
public final class FunctionError extends SQLException {
    FunctionError(String message) {
        super(message);
    }

    @Override
    public String toString() {
        return getMessage();
    }
}
