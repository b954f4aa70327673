package dev.hexsync.domain.sync;

import java.util.Map;
import java.util.Objects;

/**
 * What the engine asks its driver (the connection loop, or a test) to do after an event. The engine does
 * no I/O itself.
 */
public sealed interface Instruction {

    /** Log severities, as the engine names them. */
    enum Severity { DEBUG, INFO, WARNING }

    /** Log a line. */
    record LogLine(Severity severity, String line) implements Instruction {
        public LogLine {
            Objects.requireNonNull(severity, "severity is null");
            Objects.requireNonNull(line, "line is null");
        }
    }

    /** The download status changed; {@code status} is a snapshot. */
    record UpdateSyncStatus(DownloadStatus status) implements Instruction {
    }

    /**
     * Open the sync stream with this request body.
     *
     * @param request the body of {@code POST /sync/stream}, as JSON-ready values
     * @param checkpointRequest in checkpoint-requests mode, the client id and the request id to affirm with
     *     the service before allocating new ones; null otherwise
     */
    record EstablishSyncStream(Map<String, Object> request, CheckpointRequest checkpointRequest) implements Instruction {
    }

    /** The initial checkpoint request of an iteration in checkpoint-requests mode. */
    record CheckpointRequest(String clientId, long checkpointRequestId) {
    }

    /** Fetch new credentials; {@code didExpire} false means a prefetch before expiry. */
    record FetchCredentials(boolean didExpire) implements Instruction {
    }

    /** Close the stream; the iteration has ended. {@code hideDisconnect}: reconnect at once, quietly. */
    record CloseSyncStream(boolean hideDisconnect) implements Instruction {
    }

    /** A full checkpoint was applied; carries the checkpoint request id it applied, if any. */
    record DidCompleteSync(Long appliedCheckpointRequestId) implements Instruction {
    }
}
