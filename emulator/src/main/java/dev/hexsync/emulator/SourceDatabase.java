package dev.hexsync.emulator;

import static java.util.Objects.requireNonNull;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The source database the service replicates from: tables of rows keyed by id. Applying a transaction yields
 * the after-images the replication stream carries. Not thread-safe; the emulator's lock guards it.
 */
final class SourceDatabase {

    /** One change as an app or backend makes it. */
    record Change(Kind kind, String table, String id, Map<String, Object> values) {
        enum Kind { PUT, PATCH, DELETE }
    }

    /** A replicated row change: the row after the change, or null when it was deleted. */
    record RowImage(String table, String id, Map<String, Object> row) {
    }

    private final Map<String, Map<String, Map<String, Object>>> tables = new LinkedHashMap<>();
    private final JsonMapper mapper;

    SourceDatabase(JsonMapper mapper) {
        this.mapper = mapper;
    }

    /** Applies the changes in order; changes that touch nothing (a PATCH or DELETE of a missing row) yield nothing. */
    List<RowImage> apply(List<Change> changes) {
        List<RowImage> images = new ArrayList<>();
        for (Change change : changes) {
            Map<String, Map<String, Object>> table = tables.computeIfAbsent(change.table(), t -> new LinkedHashMap<>());
            Map<String, Object> existing = table.get(change.id());
            switch (change.kind()) {
                case PUT -> {
                    Map<String, Object> row = row(change.id(), change.values());
                    table.put(change.id(), row);
                    images.add(new RowImage(change.table(), change.id(), row));
                }
                case PATCH -> {
                    if (existing != null) {
                        Map<String, Object> row = new LinkedHashMap<>(existing);
                        row.putAll(row(change.id(), change.values()));
                        Map<String, Object> patched = Collections.unmodifiableMap(row);
                        table.put(change.id(), patched);
                        images.add(new RowImage(change.table(), change.id(), patched));
                    }
                }
                case DELETE -> {
                    if (existing != null) {
                        table.remove(change.id());
                        images.add(new RowImage(change.table(), change.id(), null));
                    }
                }
            }
        }
        return images;
    }

    Map<String, Object> row(String table, String id) {
        Map<String, Map<String, Object>> rows = tables.get(table);
        return rows == null ? null : rows.get(id);
    }

    /**
     * A row as the service would see it: {@code id} first, then the columns, with values in the JSON forms
     * the service sends to SQLite clients (booleans as 1/0, maps, lists and arrays as JSON text, other
     * objects as their string form).
     */
    private Map<String, Object> row(String id, Map<String, ?> values) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        values.forEach((column, value) -> {
            if (!"id".equals(column)) {
                row.put(requireNonNull(column, "column name is null"), sqliteValue(value));
            }
        });
        return Collections.unmodifiableMap(row);
    }

    private Object sqliteValue(Object value) {
        if (value == null || value instanceof String || value instanceof Number) {
            return value;
        }
        if (value instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (value instanceof Map || value instanceof Collection || value.getClass().isArray()) {
            return mapper.writeValueAsString(value.getClass().isArray() ? arrayToList(value) : value);
        }
        return value.toString();
    }

    private static List<Object> arrayToList(Object array) {
        List<Object> list = new ArrayList<>();
        for (int i = 0; i < Array.getLength(array); i++) {
            list.add(Array.get(array, i));
        }
        return list;
    }
}
