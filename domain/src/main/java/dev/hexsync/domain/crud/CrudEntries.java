package dev.hexsync.domain.crud;

import dev.hexsync.json.Json;
import dev.hexsync.json.JsonException;
import dev.hexsync.ports.model.CrudEntry;
import dev.hexsync.ports.model.UpdateType;
import dev.hexsync.ports.storage.CrudRecord;
import java.util.Map;
import java.util.Optional;

/** Reads upload queue rows into {@link CrudEntry} values. */
public final class CrudEntries {
    private CrudEntries() {
    }

    /**
     * Parses one queue row.
     *
     * @throws IllegalStateException naming the row when its JSON is not an upload queue entry
     */
    public static CrudEntry parse(CrudRecord record) {
        Map<String, Object> json;
        try {
            json = Json.parseObject(record.data());
        } catch (JsonException e) {
            throw corrupt(record, e.getMessage());
        }
        try {
            return new CrudEntry(
                    record.id(),
                    record.transactionId(),
                    UpdateType.parse(text(json, "op", record)),
                    text(json, "type", record),
                    text(json, "id", record),
                    object(json, "data", record),
                    object(json, "old", record),
                    json.get("metadata") instanceof String metadata ? Optional.of(metadata) : Optional.empty());
        } catch (IllegalArgumentException e) {
            throw corrupt(record, e.getMessage());
        }
    }

    private static String text(Map<String, Object> json, String key, CrudRecord record) {
        if (json.get(key) instanceof String value) {
            return value;
        }
        throw corrupt(record, "'" + key + "' is missing or not a string");
    }

    @SuppressWarnings("unchecked")
    private static Optional<Map<String, Object>> object(Map<String, Object> json, String key, CrudRecord record) {
        Object value = json.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Map<?, ?> map) {
            return Optional.of((Map<String, Object>) map);
        }
        throw corrupt(record, "'" + key + "' is not an object");
    }

    private static IllegalStateException corrupt(CrudRecord record, String problem) {
        return new IllegalStateException("Upload queue entry " + record.id() + " is not valid: " + problem);
    }
}
