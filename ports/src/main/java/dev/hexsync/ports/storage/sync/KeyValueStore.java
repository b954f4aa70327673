package dev.hexsync.ports.storage.sync;

import java.util.Map;
import java.util.OptionalLong;

/**
 * Small values the engine keeps between sessions: integer key-values (the checkpoint request counters and the
 * apply gate, the layout's {@code ps_kv}), the database's client id, and the completed syncs per priority
 * ({@code ps_sync_state}).
 *
 * <p>Call it inside a write transaction of the session that created it (see the package documentation).
 */
public interface KeyValueStore {

    /** An integer key-value, if set. */
    OptionalLong readLong(String key);

    /** Sets an integer key-value. */
    void writeLong(String key, long value);

    /** Removes a key-value; nothing happens when it is not set. */
    void delete(String key);

    /** Increments (from 0 when absent) and returns the integer value of a key. */
    long increment(String key);

    /**
     * The database's client id, set when the database was created and kept by every clear.
     *
     * @throws dev.hexsync.ports.storage.StorageException when the database has none
     */
    String clientId();

    /** Records a completed sync at {@code priority} (2147483647 for a full sync), dropping higher ones. */
    void markSynced(int priority, long timestampMicros);

    /** Completed syncs: priority to timestamp (µs), ascending priority. */
    Map<Integer, Long> syncStates();
}
