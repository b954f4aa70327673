package dev.hexsync.ports;

/**
 * The sync service sent something that is not valid in the PowerSync protocol: a malformed line, a line in
 * the wrong state (a diff before any checkpoint). The message names what was wrong; the sync iteration ends.
 */
public class ProtocolException extends HexSyncException {
    public ProtocolException(String message) {
        super(message);
    }

    public ProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
