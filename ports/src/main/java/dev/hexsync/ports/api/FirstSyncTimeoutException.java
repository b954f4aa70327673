package dev.hexsync.ports.api;

import dev.hexsync.ports.HexSyncException;
import dev.hexsync.ports.model.SyncStatus;
import java.time.Duration;
import java.util.Objects;

/**
 * No complete sync within the time given to {@link SyncControl#waitForFirstSync(Duration)}. The message says
 * what the status showed at that moment (not connected, the last download error, the progress), and the last
 * download error, if any, is the cause: a wrong endpoint or a token the service rejects shows here instead of
 * as a wait that never ends.
 */
public class FirstSyncTimeoutException extends HexSyncException {
    private static final long serialVersionUID = 1L;

    private final transient SyncStatus status;

    /**
     * @param timeout how long was waited
     * @param status the sync status when the wait gave up
     */
    public FirstSyncTimeoutException(Duration timeout, SyncStatus status) {
        super(message(timeout, Objects.requireNonNull(status, "status is null")), status.downloadError().orElse(null));
        this.status = status;
    }

    /** The sync status when the wait gave up. */
    public SyncStatus status() {
        return status;
    }

    private static String message(Duration timeout, SyncStatus status) {
        StringBuilder text = new StringBuilder("No complete sync within ").append(timeout.toMillis()).append(" ms");
        if (status.downloadError().isPresent()) {
            text.append("; the last download error: ").append(status.downloadError().get().getMessage());
        } else if (status.downloadProgress().isPresent()) {
            text.append("; still downloading (").append(status.downloadProgress().get().overall().downloaded())
                    .append(" of ").append(status.downloadProgress().get().overall().total()).append(" ops)");
        } else if (status.follower()) {
            text.append("; another process syncs this database file and has not completed a sync");
        } else if (!status.connected() && !status.connecting()) {
            text.append("; not connected (call connect first)");
        } else {
            text.append(status.connected() ? "; connected, no checkpoint completed yet" : "; still connecting");
        }
        return text.toString();
    }
}
