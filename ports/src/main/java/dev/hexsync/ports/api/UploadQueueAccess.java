package dev.hexsync.ports.api;

import dev.hexsync.ports.model.CrudBatch;
import dev.hexsync.ports.model.CrudTransaction;
import dev.hexsync.ports.model.UploadQueueStats;
import java.util.Optional;

/**
 * Role of a {@link SyncDatabase}: the upload queue as an application drains it, typically from
 * {@link BackendConnector#uploadData}. Reads the oldest queued local changes, by batch or by local
 * transaction, and how much is queued; entries leave the queue when their batch or transaction is completed.
 */
public interface UploadQueueAccess {

    /** The oldest queued changes, at most {@code limit} entries; empty when the queue is empty. */
    Optional<CrudBatch> getCrudBatch(int limit);

    /** The oldest queued changes, at most 100 entries. */
    default Optional<CrudBatch> getCrudBatch() {
        return getCrudBatch(100);
    }

    /** The queued changes of the oldest local transaction; empty when the queue is empty. */
    Optional<CrudTransaction> getNextCrudTransaction();

    /** How much is queued; counting the size reads every entry, so ask for it only when needed. */
    UploadQueueStats getUploadQueueStats(boolean includeSize);
}
