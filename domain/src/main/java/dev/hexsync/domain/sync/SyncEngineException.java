package dev.hexsync.domain.sync;

import dev.hexsync.ports.HexSyncException;

/**
 * The sync engine refused an event. {@link #kind()} says why, as the engine's error classes do: a bad
 * argument, an event in the wrong state, or a protocol violation by the service.
 */
public class SyncEngineException extends HexSyncException {

    /** The class of an engine error. */
    public enum Kind {
        /** The event's payload is malformed (the engine answers SQLITE_CONSTRAINT_DATATYPE, 3091). */
        ARGUMENT(3091, "invalid argument: "),
        /** The event does not fit the engine's state, e.g. no iteration is active (SQLITE_MISUSE, 21). */
        STATE(21, "invalid state: "),
        /** The service broke the protocol (SQLITE_ABORT, 4). */
        PROTOCOL(4, "Sync protocol error: ");

        private final int code;
        private final String prefix;

        Kind(int code, String prefix) {
            this.code = code;
            this.prefix = prefix;
        }

        /** The SQLite result code the native engine reports for this class. */
        public int code() {
            return code;
        }
    }

    private final Kind kind;

    public SyncEngineException(Kind kind, String message) {
        super(kind.prefix + message);
        this.kind = kind;
    }

    public SyncEngineException(Kind kind, String message, Throwable cause) {
        super(kind.prefix + message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public static SyncEngineException noIteration() {
        return new SyncEngineException(Kind.STATE, "No iteration is active");
    }
}
