package dev.hexsync.ports.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One local change waiting in the upload queue.
 *
 * @param clientId the queue position (the {@code ps_crud} row id): increasing, unique per database
 * @param transactionId the local transaction that made the change; entries of one transaction share it
 * @param op what happened to the row
 * @param table the table name (not the view name)
 * @param id the row id
 * @param opData the new values: every non-null column for PUT, changed columns for PATCH, empty for DELETE
 * @param previousValues the old values, for tables that track them
 * @param metadata the {@code _metadata} value written with the change, for tables that track it
 */
public record CrudEntry(
        long clientId,
        OptionalLong transactionId,
        UpdateType op,
        String table,
        String id,
        Optional<Map<String, Object>> opData,
        Optional<Map<String, Object>> previousValues,
        Optional<String> metadata) {

    public CrudEntry {
        Objects.requireNonNull(transactionId, "transactionId is null");
        Objects.requireNonNull(op, "op is null");
        Objects.requireNonNull(table, "table is null");
        Objects.requireNonNull(id, "id is null");
        opData = opData.map(CrudEntry::frozen);
        previousValues = previousValues.map(CrudEntry::frozen);
        Objects.requireNonNull(metadata, "metadata is null");
    }

    private static Map<String, Object> frozen(Map<String, Object> values) {
        // Copy keeping order; Map.copyOf would reject the nulls a PATCH uses for cleared columns.
        return Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /**
     * The entry as the PowerSync SDKs hand it to a backend: {@code {"op", "type", "id", "data"?, "old"?,
     * "metadata"?}}, ready for a JSON encoder.
     */
    public Map<String, Object> toUploadJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("op", op.name());
        json.put("type", table);
        json.put("id", id);
        opData.ifPresent(data -> json.put("data", data));
        previousValues.ifPresent(old -> json.put("old", old));
        metadata.ifPresent(value -> json.put("metadata", value));
        return json;
    }
}
