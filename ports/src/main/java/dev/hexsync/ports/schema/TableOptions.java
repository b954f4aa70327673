package dev.hexsync.ports.schema;

import java.util.Objects;
import java.util.Optional;

/**
 * How a table behaves locally and in the upload queue.
 *
 * @param localOnly rows live only on this device: stored, never queued for upload, never synced
 * @param insertOnly inserts are queued for upload but no row is kept locally; updates and deletes fail
 * @param trackMetadata adds a write-only {@code _metadata} column whose value travels with the queued entry
 * @param trackPreviousValues record previous values of updated and deleted rows, or empty for none
 * @param ignoreEmptyUpdates an update that changes no value queues nothing
 * @param viewName the name applications query, when it differs from the table name
 */
public record TableOptions(
        boolean localOnly,
        boolean insertOnly,
        boolean trackMetadata,
        Optional<TrackPreviousValues> trackPreviousValues,
        boolean ignoreEmptyUpdates,
        Optional<String> viewName) {

    /** Flag bits as the PowerSync engine numbers them (also the {@code options} of a CRUD capture). */
    /** Flag bit: local-only table. */
    public static final int FLAG_LOCAL_ONLY = 1;
    /** Flag bit: insert-only table. */
    public static final int FLAG_INSERT_ONLY = 2;
    /** Flag bit: {@code _metadata} column. */
    public static final int FLAG_INCLUDE_METADATA = 4;
    /** Flag bit: previous values of changed columns only. */
    public static final int FLAG_INCLUDE_OLD_ONLY_WHEN_CHANGED = 8;
    /** Flag bit: updates that change nothing queue nothing. */
    public static final int FLAG_IGNORE_EMPTY_UPDATE = 16;

    /** A synced table with no option set. */
    public static final TableOptions DEFAULT =
            new TableOptions(false, false, false, Optional.empty(), false, Optional.empty());

    /**
     * Refuses null components.
     *
     * @param localOnly rows live only on this device
     * @param insertOnly inserts are queued but not kept
     * @param trackMetadata adds the {@code _metadata} column
     * @param trackPreviousValues previous values to record
     * @param ignoreEmptyUpdates updates that change nothing queue nothing
     * @param viewName the name applications query
     */
    public TableOptions {
        Objects.requireNonNull(trackPreviousValues, "trackPreviousValues is null");
        Objects.requireNonNull(viewName, "viewName is null");
    }

    /**
     * The engine's flag bits for these options.
     *
     * @return the {@code FLAG_...} bits that apply, or-ed
     */
    public int flags() {
        int flags = 0;
        if (localOnly) flags |= FLAG_LOCAL_ONLY;
        if (insertOnly) flags |= FLAG_INSERT_ONLY;
        if (trackMetadata) flags |= FLAG_INCLUDE_METADATA;
        if (trackPreviousValues.map(TrackPreviousValues::onlyWhenChanged).orElse(false)) {
            flags |= FLAG_INCLUDE_OLD_ONLY_WHEN_CHANGED;
        }
        if (ignoreEmptyUpdates) flags |= FLAG_IGNORE_EMPTY_UPDATE;
        return flags;
    }
}
