package dev.hexsync.ports.transport;

import dev.hexsync.ports.HexSyncException;

/** The sync service could not be reached or the connection broke; retrying later may help. */
public class TransportException extends HexSyncException {
    public TransportException(String message) {
        super(message);
    }

    public TransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
