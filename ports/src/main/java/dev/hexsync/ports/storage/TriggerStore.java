package dev.hexsync.ports.storage;

import dev.hexsync.ports.api.RowMapper;
import dev.hexsync.ports.schema.Table;
import java.util.List;

/**
 * The storage side of diff triggers: destination tables, triggers, and reading what they recorded. The naming of triggers and the decisions which to keep belong to the caller. Use it
 * inside {@link SqlSession#write} only.
 */
public interface TriggerStore {

    /**
     * Creates a destination table with columns {@code operation_id} (increasing, never reused), {@code id},
     * {@code operation}, {@code timestamp}, {@code value} and {@code previous_value}.
     *
     * @param temporary connection-scoped rather than stored in the database
     */
    void createDestination(String table, boolean temporary);

    /**
     * SQL for the value of {@code column} of the row version {@code row} ({@code NEW} or {@code OLD}) of
     * {@code source}'s stored rows, typed as the table's view types it, for conditions of
     * {@link DiffTriggerDefinition#condition()} (on-demand live collections compile their filters with it).
     */
    default String rowColumn(Table source, String row, String column) {
        throw new UnsupportedOperationException(getClass().getSimpleName()
                + " cannot name a column of a stored row in a trigger condition");
    }

    /** Creates one trigger. */
    void createTrigger(DiffTriggerDefinition trigger);

    /** The names of the triggers stored in the database (temporary ones excluded) starting with {@code prefix}. */
    List<String> storedTriggerNames(String prefix);

    /** Drops a trigger, temporary or stored, if it exists. */
    void dropTrigger(String name);

    /** Drops a table, temporary or stored, if it exists. */
    void dropTable(String table);

    /** Whether {@code table} holds no rows. */
    boolean isEmpty(String table);

    /** Deletes every row of {@code table}. */
    void clear(String table);

    /**
     * Runs {@code query}, which may read a common table expression {@code DIFF} holding the destination's rows in
     * {@code operation_id} order, in the open write transaction.
     */
    <T> List<T> readDiff(String destination, String query, List<?> params, RowMapper<T> mapper);

    /**
     * Runs {@code query}, which may read a common table expression {@code DIFF} holding {@code id},
     * {@code columns} extracted from {@code value}, {@code __operation_id}, {@code __operation},
     * {@code __timestamp} and {@code __previous_value} of the destination's rows in {@code operation_id} order, in
     * the open write transaction.
     */
    <T> List<T> readExtractedDiff(String destination, List<String> columns, String query, List<?> params,
            RowMapper<T> mapper);
}
