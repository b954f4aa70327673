package dev.hexsync.ports.transport;

import java.util.Optional;

/**
 * The service answered with an error status. Carries the HTTP status and, when the body names one, the
 * service's error code (e.g. {@code PSYNC_S2101}) and message.
 */
public class ServiceException extends TransportException {
    private final int status;
    private final String code;

    /**
     * @param status the HTTP status
     * @param code the service's error code, or {@code null} when the body named none
     * @param message the service's message
     */
    public ServiceException(int status, String code, String message) {
        super("Sync service error " + status + (code == null ? "" : " " + code) + ": " + message);
        this.status = status;
        this.code = code;
    }

    /** @return the HTTP status */
    public int status() {
        return status;
    }

    /** @return the service's error code, such as {@code PSYNC_S2101}, when the body named one */
    public Optional<String> code() {
        return Optional.ofNullable(code);
    }

    /**
     * Whether retrying after a delay may succeed: 429 and 5xx are; other errors need a change first.
     *
     * @return true for 429 and 5xx
     */
    public boolean isRetryable() {
        return status == 429 || status >= 500;
    }
}
