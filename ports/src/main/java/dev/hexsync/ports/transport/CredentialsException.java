package dev.hexsync.ports.transport;

/** The service rejected the credentials (HTTP 401): they must be fetched again before retrying. */
public class CredentialsException extends TransportException {
    /** @param message why the service refused them */
    public CredentialsException(String message) {
        super(message);
    }
}
