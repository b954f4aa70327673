package dev.hexsync.emulator;

import java.util.List;
import java.util.Map;

/**
 * The app backend behind {@code POST /upload} and {@link SyncServiceEmulator#applyUpload(List)}: turns a batch
 * of CRUD entries, in the JSON shape of the SDKs' {@code ps_crud} rows ({@code {"op", "type", "id", "data"?}}),
 * into source changes. A handler may reject a batch by throwing {@link IllegalArgumentException} (the endpoint
 * answers 400) or any other runtime exception (500); nothing of a rejected batch is applied.
 */
@FunctionalInterface
public interface UploadHandler {

    /** Applies the entries to the source within one transaction. */
    void upload(List<Map<String, Object>> entries, SourceTransaction source);

    /**
     * The default backend: {@code PUT} replaces the row with {@code data}, {@code PATCH} updates the columns
     * in {@code data}, {@code DELETE} deletes it.
     */
    static UploadHandler applyingCrud() {
        return (entries, source) -> {
            for (Map<String, Object> entry : entries) {
                Object op = entry.get("op");
                Object type = entry.get("type");
                Object id = entry.get("id");
                if (!(type instanceof String table) || !(id instanceof String rowId)) {
                    throw new IllegalArgumentException("CRUD entry needs string \"type\" and \"id\": " + entry);
                }
                Map<String, ?> data = dataOf(entry);
                if ("PUT".equals(op)) {
                    source.put(table, rowId, data);
                } else if ("PATCH".equals(op)) {
                    source.patch(table, rowId, data);
                } else if ("DELETE".equals(op)) {
                    source.delete(table, rowId);
                } else {
                    throw new IllegalArgumentException("CRUD entry has unknown \"op\" " + op + ": " + entry);
                }
            }
        };
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> dataOf(Map<String, Object> entry) {
        Object data = entry.get("data");
        if (data == null) {
            return Map.of();
        }
        if (!(data instanceof Map)) {
            throw new IllegalArgumentException("CRUD entry \"data\" must be an object: " + entry);
        }
        return (Map<String, ?>) data;
    }
}
