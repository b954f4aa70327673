package dev.hexsync.ports.claims;

/**
 * The backend could not be asked: the lock directory is not writable, the database server is unreachable,
 * a lock file kept being replaced under us. Nothing is held by the failed call; the message names the
 * backend and the cause carries the underlying error. Retrying makes sense once the backend is back.
 */
public final class ClaimBackendException extends ClaimException {
    /**
     * @param resourceId the id the call was about
     * @param message what could not be done, naming the backend
     * @param cause the backend's error
     */
    public ClaimBackendException(String resourceId, String message, Throwable cause) {
        super(resourceId, message, cause);
    }

    /**
     * @param resourceId the id the call was about
     * @param message what could not be done, naming the backend
     */
    public ClaimBackendException(String resourceId, String message) {
        super(resourceId, message);
    }
}
