package dev.hexsync.ports;

/**
 * Base of every error hexsync raises. Unchecked: callers catch the specific subtype they can act on.
 * Messages are written for the person reading them and never contain credentials.
 */
public class HexSyncException extends RuntimeException {
    public HexSyncException(String message) {
        super(message);
    }

    public HexSyncException(String message, Throwable cause) {
        super(message, cause);
    }
}
