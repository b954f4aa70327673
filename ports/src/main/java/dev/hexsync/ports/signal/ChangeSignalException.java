package dev.hexsync.ports.signal;

import dev.hexsync.ports.HexSyncException;

/** A change signal could not be set up; the message names the file or resource and the reason. */
public class ChangeSignalException extends HexSyncException {
    public ChangeSignalException(String message, Throwable cause) {
        super(message, cause);
    }
}
