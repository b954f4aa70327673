package dev.hexsync.ports.storage;

import java.util.Set;

/**
 * What a committed write changed, in the application's terms: the storage maps its own layout (how it stores
 * synced rows, local-only rows, the upload queue) to these.
 *
 * @param tables the tables the write touched, named as {@link TableChanges#tableNames} names them: a table of the
 *     schema by its table name, a raw table or any other table by its own name
 * @param queueChanged the write changed the upload queue (a local write was queued, or uploaded entries were
 *     removed)
 * @param external another process made the change and what it touched is unknown: treat every table, and the
 *     upload queue, as changed
 */
public record TableChange(Set<String> tables, boolean queueChanged, boolean external) {
    /** Another process committed something: every table, and the upload queue, may have changed. */
    public static final TableChange EXTERNAL = new TableChange(Set.of(), false, true);

    public TableChange {
        tables = Set.copyOf(tables);
    }

    /** A local change to {@code tables} that left the upload queue alone. */
    public static TableChange of(Set<String> tables) {
        return new TableChange(tables, false, false);
    }

    /** A local change to {@code tables}, and to the upload queue when {@code queueChanged}. */
    public static TableChange of(Set<String> tables, boolean queueChanged) {
        return new TableChange(tables, queueChanged, false);
    }
}
