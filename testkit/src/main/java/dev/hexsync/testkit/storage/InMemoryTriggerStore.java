package dev.hexsync.testkit.storage;

import dev.hexsync.ports.api.RowMapper;
import dev.hexsync.ports.api.DiffTriggerOperation;
import dev.hexsync.ports.storage.DiffTriggerDefinition;
import dev.hexsync.ports.storage.StorageException;
import dev.hexsync.ports.storage.TriggerStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A {@link TriggerStore} without SQL, for domain tests of diff-trigger naming, setup and the sweep: it keeps
 * the destination tables (with a row count) and the trigger definitions, temporary or stored, as SQLite
 * would, and fails as SQLite does (a {@link StorageException}) when a table or trigger is created twice or a
 * missing table is used. Triggers fire only when told ({@link #fire}), and then without their condition; or use
 * {@link #record(String)} to stand in for a recorded change. It runs no SQL, so a diff read finds no rows. Not
 * thread-safe: use it inside one write. {@code TriggerStoreContractTest} holds it to SQLite's behaviour.
 */
public final class InMemoryTriggerStore implements TriggerStore {
    private final Map<String, Boolean> tables = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final Map<String, Integer> rows = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final Map<String, DiffTriggerDefinition> triggers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    @Override
    public void createDestination(String table, boolean temporary) {
        if (tables.containsKey(table)) {
            throw new StorageException("table " + table + " already exists");
        }
        tables.put(table, temporary);
        rows.put(table, 0);
    }

    @Override
    public void createTrigger(DiffTriggerDefinition trigger) {
        if (triggers.containsKey(trigger.name())) {
            throw new StorageException("trigger " + trigger.name() + " already exists");
        }
        // As in SQLite, the destination is looked up when the trigger fires, not when it is created.
        triggers.put(trigger.name(), trigger);
    }

    @Override
    public List<String> storedTriggerNames(String prefix) {
        List<String> names = new ArrayList<>();
        for (DiffTriggerDefinition trigger : triggers.values()) {
            if (!trigger.temporary() && trigger.name().startsWith(prefix)) {
                names.add(trigger.name());
            }
        }
        return names;
    }

    @Override
    public void dropTrigger(String name) {
        triggers.remove(name);
    }

    @Override
    public void dropTable(String table) {
        tables.remove(table);
        rows.remove(table);
        // As in SQLite, triggers that write into a dropped table stay; only triggers ON a table go with it.
    }

    @Override
    public boolean isEmpty(String table) {
        return rows(table) == 0;
    }

    @Override
    public void clear(String table) {
        rows(table);
        rows.put(table, 0);
    }

    /** Records counts, not changes: there are no rows to show. */
    @Override
    public <T> List<T> readDiff(String destination, String query, List<?> params, RowMapper<T> mapper) {
        return List.of();
    }

    /** Records counts, not changes: there are no rows to show. */
    @Override
    public <T> List<T> readExtractedDiff(String destination, List<String> columns, String query, List<?> params,
            RowMapper<T> mapper) {
        return List.of();
    }

    /**
     * Stands in for a change of a stored row of the table {@code source} (a schema table's name): every trigger on
     * that operation of that table records one row in its destination, conditions not evaluated.
     */
    public void fire(String source, DiffTriggerOperation operation) {
        for (DiffTriggerDefinition trigger : triggers.values()) {
            if (trigger.source().name().equals(source) && trigger.operation() == operation) {
                record(trigger.destination());
            }
        }
    }

    /** Stands in for a trigger firing: one more recorded row in {@code table}. */
    public void record(String table) {
        rows.put(table, rows(table) + 1);
    }

    /** The names of every table, temporary ones included. */
    public List<String> tables() {
        return List.copyOf(tables.keySet());
    }

    /** Every trigger, temporary ones included, by name. */
    public Map<String, DiffTriggerDefinition> triggers() {
        return Map.copyOf(triggers);
    }

    private int rows(String table) {
        Integer count = rows.get(table);
        if (count == null) {
            throw new StorageException("no such table: " + table);
        }
        return count;
    }
}
