package dev.hexsync.ports.schema;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A raw table: synced rows of type {@code name} are written by the application's own statements into a
 * table it manages, instead of a JSON view. The definition is kept as the PowerSync schema JSON object
 * (put/delete statements, clear statement, local table name, synced columns) so schema files round-trip
 * exactly; the sync engine interprets it.
 */
public record RawTable(String name, Map<String, Object> definition) {
    public RawTable {
        Objects.requireNonNull(name, "name is null");
        definition = Collections.unmodifiableMap(new LinkedHashMap<>(definition));
    }
}
