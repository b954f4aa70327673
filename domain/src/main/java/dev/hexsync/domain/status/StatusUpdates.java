package dev.hexsync.domain.status;

import dev.hexsync.ports.model.SyncStatus;
import java.util.function.UnaryOperator;

/** Where the loops report what they do to the public sync status (connecting, uploading, errors). */
@FunctionalInterface
public interface StatusUpdates {
    /** Replaces the status with {@code change} applied to it. */
    void update(UnaryOperator<SyncStatus> change);
}
