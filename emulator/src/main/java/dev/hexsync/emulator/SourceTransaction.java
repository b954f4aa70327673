package dev.hexsync.emulator;

import java.util.Map;

/**
 * Changes to the emulator's source database that commit together: the service replicates them as one
 * transaction, so clients see them in one checkpoint. Rows are JSON-like maps; see
 * {@link SyncServiceEmulator#put(String, String, Map)} for how values are encoded.
 */
public interface SourceTransaction {

    /** Inserts the row, or replaces all of its columns if it exists. */
    void put(String table, String id, Map<String, ?> values);

    /** Updates the given columns of an existing row; does nothing if the row does not exist (like SQL UPDATE). */
    void patch(String table, String id, Map<String, ?> values);

    /** Deletes the row; does nothing if it does not exist. */
    void delete(String table, String id);
}
