package dev.hexsync.ports.transport;

import dev.hexsync.ports.HexSyncException;

/** The sync service could not be reached or the connection broke; retrying later may help. */
public class TransportException extends HexSyncException {
    /** @param message what failed, naming the endpoint */
    public TransportException(String message) {
        super(message);
    }

    /**
     * @param message what failed, naming the endpoint
     * @param cause the I/O error
     */
    public TransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
