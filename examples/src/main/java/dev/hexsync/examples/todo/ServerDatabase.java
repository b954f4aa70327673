package dev.hexsync.examples.todo;

import dev.hexsync.ports.model.CrudEntry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The app's server database, in memory: what a real app keeps in Postgres or MySQL behind its own API. It applies
 * uploaded changes with the app's rules (here: a to-do needs a description) and tells listeners about every row
 * it changed, which is how a PowerSync Service learns of changes (by replicating the database).
 */
public final class ServerDatabase {

    /** Hears of every committed row change. */
    @FunctionalInterface
    public interface ChangeListener {
        /**
         * A row changed.
         *
         * @param table the table
         * @param id the row id
         * @param row the row's values now (without {@code id}), or empty when it was deleted
         */
        void changed(String table, String id, Optional<Map<String, Object>> row);
    }

    private final Map<String, Map<String, Map<String, Object>>> tables = new TreeMap<>();
    private final List<ChangeListener> listeners = new CopyOnWriteArrayList<>();

    /**
     * Adds a listener.
     *
     * @param listener called after each change, on the changing thread
     */
    public void onChange(ChangeListener listener) {
        listeners.add(listener);
    }

    /**
     * Applies one client transaction's changes, all or none.
     *
     * @param entries the changes, as the upload queue hands them out
     * @throws IllegalArgumentException when a change breaks the server's rules; nothing was applied
     */
    public synchronized void apply(List<CrudEntry> entries) {
        for (CrudEntry entry : entries) {
            Map<String, Object> data = entry.opData().orElse(Map.of());
            if (entry.table().equals("todos") && data.containsKey("description")
                    && String.valueOf(data.get("description")).isBlank()) {
                throw new IllegalArgumentException("todo " + entry.id() + " needs a description");
            }
        }
        for (CrudEntry entry : entries) {
            Map<String, Map<String, Object>> rows = tables.computeIfAbsent(entry.table(), t -> new TreeMap<>());
            switch (entry.op()) {
                case PUT -> write(entry.table(), entry.id(), new LinkedHashMap<>(entry.opData().orElse(Map.of())));
                case PATCH -> {
                    Map<String, Object> row = new LinkedHashMap<>(rows.getOrDefault(entry.id(), Map.of()));
                    row.putAll(entry.opData().orElse(Map.of()));
                    write(entry.table(), entry.id(), row);
                }
                case DELETE -> delete(entry.table(), entry.id());
            }
        }
    }

    /**
     * Writes a row as the server's own code would (another user, a batch job).
     *
     * @param table the table
     * @param id the row id
     * @param values the row's values, without {@code id}
     */
    public synchronized void write(String table, String id, Map<String, Object> values) {
        Map<String, Object> row = new LinkedHashMap<>(values);
        tables.computeIfAbsent(table, t -> new TreeMap<>()).put(id, row);
        listeners.forEach(listener -> listener.changed(table, id, Optional.of(Map.copyOf(row))));
    }

    /**
     * Deletes a row; nothing when it is missing.
     *
     * @param table the table
     * @param id the row id
     */
    public synchronized void delete(String table, String id) {
        Map<String, Map<String, Object>> rows = tables.get(table);
        if (rows != null && rows.remove(id) != null) {
            listeners.forEach(listener -> listener.changed(table, id, Optional.empty()));
        }
    }

    /**
     * A row's values.
     *
     * @param table the table
     * @param id the row id
     * @return its values, or empty
     */
    public synchronized Optional<Map<String, Object>> row(String table, String id) {
        return Optional.ofNullable(tables.getOrDefault(table, Map.of()).get(id)).map(Map::copyOf);
    }
}
