package dev.hexsync.ports.storage.sync;

import dev.hexsync.ports.schema.RawTable;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Publishing: moving downloaded data from the oplog into the application's tables, once a checkpoint is
 * validated and the domain's gate lets it through (the gate asks {@link #hasPendingUploads}).
 *
 * <p>Call it inside a write transaction of the session that created it (see the package documentation).
 */
public interface PublishStore {

    /** True when the upload queue holds any entry. */
    boolean hasPendingUploads();

    /**
     * Publishes downloaded data into the application's tables: for each candidate row, the newest PUT
     * across the buckets in scope wins (its data replaces the row), and a row with no PUT left is deleted.
     * Rows go to {@code ps_data__<type>} when such a table exists, else to a raw table of that name, else to
     * {@code ps_untyped}. Afterwards the buckets in scope are marked applied. Writes made by a publish are not
     * captured for upload.
     *
     * @param partialBuckets empty for a full publish (candidates: every bucket's unapplied ops plus the
     *     queued rows, which are cleared); else the buckets of a partial publish (their unapplied ops only)
     * @param rawTables the raw tables of the running sync's schema
     * @throws dev.hexsync.ports.schema.SchemaException when a raw table's definition cannot write a row that
     *     needs it (no local table, statement and parameters that do not match)
     */
    void publish(Optional<Collection<String>> partialBuckets, List<RawTable> rawTables);
}
