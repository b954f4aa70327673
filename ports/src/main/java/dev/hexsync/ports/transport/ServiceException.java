package dev.hexsync.ports.transport;

import java.util.Optional;

/**
 * The service answered with an error status. Carries the HTTP status and, when the body names one, the
 * service's error code (e.g. {@code PSYNC_S2101}) and message.
 */
public class ServiceException extends TransportException {
    private final int status;
    private final String code;

    public ServiceException(int status, String code, String message) {
        super("Sync service error " + status + (code == null ? "" : " " + code) + ": " + message);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public Optional<String> code() {
        return Optional.ofNullable(code);
    }

    /** 429 and 5xx are worth retrying after a delay; other errors need a change first. */
    public boolean isRetryable() {
        return status == 429 || status >= 500;
    }
}
