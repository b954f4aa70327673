package dev.hexsync.ports.storage;

import java.util.List;

/**
 * The storage side of diff triggers: destination tables, triggers, and the queries over recorded changes, in
 * the engine's own SQL. The naming of triggers and the decisions which to keep belong to the caller. Use it
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
     * {@code query} preceded by a common table expression {@code DIFF} selecting the destination's rows in
     * {@code operation_id} order.
     */
    String diffQuery(String destination, String query);

    /**
     * {@code query} preceded by a common table expression {@code DIFF} selecting {@code id}, {@code columns}
     * extracted from {@code value}, {@code __operation_id}, {@code __operation}, {@code __timestamp} and
     * {@code __previous_value}, in {@code operation_id} order.
     */
    String extractedDiffQuery(String destination, List<String> columns, String query);
}
