package dev.hexsync.domain.sync;

import java.util.List;
import java.util.function.Consumer;

/**
 * Holds the download status and emits {@link Instruction.UpdateSyncStatus} only when it changed since the
 * last emission (the engine compares the whole internal state, bucket associations included).
 */
final class StatusTracker {
    private DownloadStatus status = new DownloadStatus();
    private DownloadStatus lastEmitted;

    DownloadStatus status() {
        return status;
    }

    void update(Consumer<DownloadStatus> change, List<Instruction> out) {
        change.accept(status);
        emitChanges(out);
    }

    void updateOnly(Consumer<DownloadStatus> change) {
        change.accept(status);
    }

    void replace(DownloadStatus replacement) {
        status = replacement;
    }

    void emitChanges(List<Instruction> out) {
        if (!status.equals(lastEmitted)) {
            lastEmitted = status.copy();
            out.add(new Instruction.UpdateSyncStatus(lastEmitted.copy()));
        }
    }
}
