package dev.hexsync.ports.storage;

import dev.hexsync.ports.model.UploadQueueStats;
import java.util.List;
import java.util.Optional;

/** The upload queue of a local database: written by the capture triggers, drained by uploads. */
public interface CrudQueue {

    /** The oldest {@code limit} entries, oldest first. */
    List<CrudRecord> peek(int limit);

    /** The entries of the oldest local transaction, oldest first; empty when the queue is empty. */
    List<CrudRecord> peekTransaction();

    /**
     * Removes every entry up to and including {@code throughId}. When a write checkpoint is given and the
     * queue is then empty, it becomes the checkpoint the database waits for before applying downloaded data;
     * otherwise the database waits for a write checkpoint not known yet.
     */
    void complete(long throughId, Optional<String> writeCheckpoint);

    /** How much is queued. */
    UploadQueueStats stats(boolean includeSize);

    /**
     * Whether the database waits for the write checkpoint of an upload that is not known yet (the target is
     * the MAX sentinel): after an upload, until a write checkpoint is installed.
     */
    boolean awaitingWriteCheckpoint();

    /** The id the queue's last entry ever had (0 when it never had one): changes with every local write. */
    long sequence();

    /**
     * After an upload: installs {@code checkpoint} as the write checkpoint the database waits for, in one
     * transaction and only if the queue is still empty, no write came in since {@code expectedSequence}, and
     * the database is waiting for an unknown checkpoint (the target is the MAX sentinel).
     *
     * @return whether it was installed
     */
    boolean installWriteCheckpoint(long checkpoint, long expectedSequence);
}
