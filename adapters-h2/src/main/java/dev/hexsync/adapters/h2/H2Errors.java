package dev.hexsync.adapters.h2;

import dev.hexsync.ports.storage.StorageBusyException;
import dev.hexsync.ports.storage.StorageException;
import java.sql.SQLException;
import java.util.OptionalInt;

/** H2's driver errors as the port's typed errors, with H2's error code as the vendor code. */
final class H2Errors {
    /** H2's ErrorCode.LOCK_TIMEOUT_1: another session held a row or table lock past LOCK_TIMEOUT. */
    static final int LOCK_TIMEOUT = 50200;
    /** H2's ErrorCode.DEADLOCK_1. */
    static final int DEADLOCK = 40001;
    /** H2's ErrorCode.CONCURRENT_UPDATE_1: another transaction changed the row first. */
    static final int CONCURRENT_UPDATE = 90131;
    /** H2's ErrorCode.DATABASE_ALREADY_OPEN_1: another process holds the file (no AUTO_SERVER on its side). */
    static final int ALREADY_OPEN = 90020;

    private H2Errors() {
    }

    static StorageException translate(SQLException e) {
        int code = e.getErrorCode();
        String message = e.getMessage();
        if (code == LOCK_TIMEOUT || code == DEADLOCK || code == CONCURRENT_UPDATE || code == ALREADY_OPEN) {
            return new StorageBusyException("The H2 database is busy: " + message, OptionalInt.of(code), e);
        }
        return new StorageException(message, OptionalInt.of(code), e);
    }
}
