package dev.hexsync.ports.api;

import java.time.Duration;

/**
 * Role of a {@link SyncDatabase}: diff triggers. Records every change of a table as rows of a destination
 * table ({@link #createDiffTrigger}), optionally handing the recorded changes to a handler and emptying the
 * destination after each call ({@link #trackTableDiff}).
 */
public interface DiffTracking {

    /**
     * Creates a diff trigger: from now on every recorded change of {@code options.source()} lands as a row in
     * the destination table, until the returned trigger is closed. Setup (the {@code beforeCreate} hook, the
     * destination table, the triggers) runs in one write transaction; called inside
     * {@link SqlOperations#writeTransaction}, it runs in that transaction instead and is undone with it.
     *
     * @throws IllegalArgumentException when the source is not a table of the schema, or a column is not one of
     *     its columns
     */
    DiffTrigger createDiffTrigger(DiffTriggerOptions options);

    /**
     * Creates a diff trigger and calls {@code handler} with the recorded changes, at most once per
     * {@code throttle} after changes were recorded, in a write transaction that then empties the destination.
     * The handler is not called while nothing was recorded. Closing the returned trigger stops the calls. The
     * handler runs on the database's scheduler while holding the write lock: keep it short.
     */
    DiffTrigger trackTableDiff(DiffTriggerOptions options, Duration throttle, DiffHandler handler);

    /** {@link #trackTableDiff(DiffTriggerOptions, Duration, DiffHandler)} with the 30 ms default. */
    default DiffTrigger trackTableDiff(DiffTriggerOptions options, DiffHandler handler) {
        return trackTableDiff(options, WatchOptions.DEFAULT_THROTTLE, handler);
    }
}
