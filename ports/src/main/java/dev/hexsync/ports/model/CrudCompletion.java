package dev.hexsync.ports.model;

import java.util.Optional;

/**
 * Removes uploaded entries from the queue. Implemented by the database that produced a batch; called by
 * {@link CrudBatch#complete()} and {@link CrudTransaction#complete()}.
 */
@FunctionalInterface
public interface CrudCompletion {
    /**
     * Removes every queued entry up to and including {@code lastClientId}.
     *
     * @param writeCheckpoint a write checkpoint the backend returned for this upload, if any; it becomes the
     *     point the local database waits for before applying downloaded data again
     */
    void complete(long lastClientId, Optional<String> writeCheckpoint);
}
