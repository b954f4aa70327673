package dev.hexsync.adapters.sqlite;

import dev.hexsync.adapters.sqlite.functions.FunctionErrors;
import dev.hexsync.ports.storage.DatabaseBusyException;
import dev.hexsync.ports.storage.DatabaseLocation;
import dev.hexsync.ports.storage.StorageBusyException;
import dev.hexsync.ports.storage.StorageException;
import java.sql.SQLException;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** Turns driver exceptions into the storage port's typed errors, keeping SQLite's own message and code. */
final class SqliteErrors {
    private static final int SQLITE_ERROR = 1;
    private static final int SQLITE_BUSY = 5;
    private static final int SQLITE_LOCKED = 6;
    private static final int SQLITE_READONLY = 8;

    /** sqlite-jdbc formats messages as "[CODE_NAME] generic description (sqlite's message)". */
    private static final Pattern DRIVER_MESSAGE = Pattern.compile("^\\[[A-Z_]+\\]\\s.*?\\((.*)\\)$", Pattern.DOTALL);

    private SqliteErrors() {
    }

    static StorageException translate(SQLException e) {
        OptionalInt code = OptionalInt.empty();
        if (e instanceof SQLiteException sqlite && sqlite.getResultCode() != SQLiteErrorCode.UNKNOWN_ERROR) {
            code = OptionalInt.of(sqlite.getResultCode().code);
        } else if (e.getErrorCode() != 0) {
            code = OptionalInt.of(e.getErrorCode());
        }
        String message = nativeMessage(e);
        if (code.orElse(0) == SQLITE_ERROR) {
            // A Java SQL function can only fail with SQLITE_ERROR; the engine's own code is in its message's form.
            OptionalInt engine = FunctionErrors.engineCode(message);
            if (engine.isPresent()) {
                code = engine;
            }
        }
        int primary = code.orElse(0) & 0xff;
        if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) {
            return new StorageBusyException("The database is locked by another connection or process: " + message,
                    code, e);
        }
        return new StorageException(message, code, e);
    }

    /**
     * SQLite refused to write: a read-only connection ({@code query_only}) or file, also when a statement that a
     * SQL function ran was refused.
     */
    static boolean isReadOnly(StorageException e) {
        return (e.vendorCode().orElse(0) & 0xff) == SQLITE_READONLY;
    }

    static String nativeMessage(SQLException e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        Matcher matcher = DRIVER_MESSAGE.matcher(message);
        return matcher.matches() ? matcher.group(1) : message;
    }

    /**
     * A write refused as busy (past the busy timeout) becomes the typed error that names the database and the
     * time it waited in SQLite's busy handler since {@code startNanos}; the transaction was rolled back, so nothing
     * of it was written. Other errors stay as they are.
     */
    static StorageException busyNamed(StorageException error, DatabaseLocation location, long startNanos) {
        if (!(error instanceof StorageBusyException) || error instanceof DatabaseBusyException) {
            return error;
        }
        return new DatabaseBusyException(location.describe(), "write to",
                java.time.Duration.ofNanos(System.nanoTime() - startNanos),
                error.getCause() instanceof SQLException sql ? nativeMessage(sql) : error.getMessage(),
                error.vendorCode(), error);
    }
}
