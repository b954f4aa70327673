package dev.hexsync.ports.storage.sync;

import dev.hexsync.ports.schema.RawTable;
import java.util.List;

/**
 * The local replica as a whole: what the engine's {@code powersync_clear} empties. It spans every other role
 * (and the upload queue), which is why it is a role of its own.
 *
 * <p>Call it inside a write transaction of the session that created it (see the package documentation).
 */
public interface ReplicaStore {

    /**
     * Clears the local replica: the upload queue, untyped rows, rows to re-check, key-values except the client
     * id, stream subscriptions, sync state, and every synced table's rows (local-only tables too when
     * {@code clearLocal}); raw tables run their {@link RawTable#clear() clear} statement, without capturing
     * its writes for upload. A hard clear also deletes buckets and oplog; a soft one keeps them (marked
     * unpublished) so that reconnecting as the same user downloads little.
     */
    void clear(boolean clearLocal, boolean soft, List<RawTable> rawTables);
}
