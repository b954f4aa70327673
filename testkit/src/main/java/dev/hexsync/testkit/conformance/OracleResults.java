package dev.hexsync.testkit.conformance;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * The one place that builds result trees in the oracle's form, shared by every runner of scenarios (the
 * {@link ConformanceRunner} on hexsync, the judge's native engine): which steps are engine operations, how step
 * arguments and SQL parameters become SQL values, the virtual clock, normalised timestamps, and the final state of
 * the PowerSync layout read through whatever connection the runner has ({@link Query}).
 */
public final class OracleResults {
    /** The oracle's virtual clock starts at 2025-01-01T00:00:00Z ... */
    public static final long CLOCK_START_MS = 1735689600000L;
    /** ... and moves one second before each step. */
    public static final long CLOCK_STEP_MS = 1000L;
    /** What a result shows instead of a wall-clock timestamp. */
    public static final String TIMESTAMP = "<timestamp>";

    /** Scenario commands that are engine operations, with the operation each maps to. */
    private static final Map<String, String> CONTROL_STEPS = Map.ofEntries(
            Map.entry("start", "start"), Map.entry("line", "line_text"), Map.entry("line_binary", "line_binary"),
            Map.entry("connection", "connection"), Map.entry("completed_upload", "completed_upload"),
            Map.entry("refreshed_token", "refreshed_token"), Map.entry("stop", "stop"),
            Map.entry("subscriptions", "subscriptions"), Map.entry("update_subscriptions", "update_subscriptions"),
            Map.entry("seed_checkpoint_request_id", "seed_checkpoint_request_id"),
            Map.entry("next_checkpoint_request_id", "next_checkpoint_request_id"),
            Map.entry("current_checkpoint_request_id", "current_checkpoint_request_id"),
            Map.entry("target_checkpoint_request_id", "target_checkpoint_request_id"));

    private OracleResults() {
    }

    /** A runner's way to read its database: rows as column label to value (Long, Double, String, byte[], null). */
    @FunctionalInterface
    public interface Query {
        /**
         * @throws QueryFailure when the database refuses the query, carrying the oracle's error object for it
         */
        List<Map<String, Object>> rows(String sql, List<?> params);
    }

    /** A query the database refused, with the error object ({@code error}, {@code code}) a result shows for it. */
    public static final class QueryFailure extends RuntimeException {
        private final transient Map<String, Object> error;

        public QueryFailure(Map<String, Object> error, Throwable cause) {
            super(String.valueOf(error.get("error")), cause);
            this.error = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(error));
        }

        /** The error object as a result shows it. */
        public Map<String, Object> error() {
            return new LinkedHashMap<>(error);
        }
    }

    /** The engine operation a scenario command stands for, or empty when the command is no engine operation. */
    public static Optional<String> controlOperation(String command) {
        return Optional.ofNullable(CONTROL_STEPS.get(command));
    }

    /** A step argument as the SQL value the oracle hands to the engine. */
    public static Object payload(JsonNode value, String raw) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        if (value.isString()) {
            return value.stringValue();
        }
        if (value.isIntegralNumber()) {
            return value.longValue();
        }
        if (value.isBoolean()) {
            return value.booleanValue() ? 1L : 0L;
        }
        if (value.isNumber()) {
            return value.doubleValue();
        }
        // Objects and arrays: the compact form of their source text, byte for byte.
        return raw != null ? raw : Scenario.MAPPER.writeValueAsString(value);
    }

    /** {@code sql} step parameters, bound as the oracle binds them. */
    public static List<Object> parameters(JsonNode params) {
        List<Object> values = new ArrayList<>();
        for (JsonNode value : params.values()) {
            if (value.isNull()) {
                values.add(null);
            } else if (value.isString()) {
                values.add(value.stringValue());
            } else if (value.isBoolean()) {
                values.add(value.booleanValue() ? 1L : 0L);
            } else if (value.isIntegralNumber()) {
                values.add(value.longValue());
            } else if (value.isNumber()) {
                values.add(value.doubleValue());
            } else if (value.isObject() && value.size() == 1 && value.has("blob_hex")) {
                values.add(HexFormat.of().parseHex(value.get("blob_hex").stringValue()));
            } else {
                values.add(Scenario.MAPPER.writeValueAsString(value));
            }
        }
        return values;
    }

    /** Replaces the wall-clock times of a sync status ({@code UpdateSyncStatus.status}) with {@link #TIMESTAMP}. */
    @SuppressWarnings("unchecked")
    public static void normaliseStatus(Map<String, Object> status) {
        if (status.get("priority_status") instanceof List<?> priorities) {
            for (Object entry : priorities) {
                if (entry instanceof Map<?, ?> map) {
                    stamp((Map<String, Object>) map, "last_synced_at");
                }
            }
        }
        if (status.get("streams") instanceof List<?> streams) {
            for (Object entry : streams) {
                if (entry instanceof Map<?, ?> map) {
                    stamp((Map<String, Object>) map, "expires_at", "last_synced_at");
                }
            }
        }
    }

    /**
     * The final (or snapshot) state, in the oracle's layout: the application's tables of {@code schema}, every
     * {@code ps_data} table and the PowerSync tables, each sorted as the oracle sorts it.
     *
     * @param who names the runner in the error of a table that does not exist ({@code "hexsync"}, {@code "oracle"})
     */
    public static Map<String, Object> state(Query query, JsonNode schema, String who) {
        Map<String, Object> state = new LinkedHashMap<>();
        Map<String, Object> tables = new LinkedHashMap<>();
        for (String name : userTables(query, schema)) {
            tables.put(name, selectSorted(query, name, null, who));
        }
        state.put("tables", tables);
        Map<String, Object> data = new LinkedHashMap<>();
        for (Map<String, Object> table : query.rows("SELECT name FROM sqlite_master WHERE type = 'table'"
                + " AND (name GLOB 'ps_data__*' OR name GLOB 'ps_data_local__*') ORDER BY name", List.of())) {
            String name = (String) table.get("name");
            data.put(name, selectSorted(query, name, "id", who));
        }
        state.put("ps_data", data);
        state.put("ps_crud", selectSorted(query, "ps_crud", "id", who));
        state.put("ps_buckets", selectSorted(query, "ps_buckets", "name", who));
        state.put("ps_oplog", selectSorted(query, "ps_oplog", "bucket, op_id, key, row_type, row_id", who));
        state.put("ps_kv", selectSorted(query, "ps_kv", "key", who));
        state.put("ps_sync_state", timestamps(selectSorted(query, "ps_sync_state", "priority", who), "last_synced_at"));
        if (!query.rows("SELECT 1 AS present FROM sqlite_master WHERE type = 'table' AND name = 'ps_stream_subscriptions'",
                List.of()).isEmpty()) {
            state.put("ps_stream_subscriptions", timestamps(selectSorted(query, "ps_stream_subscriptions", "id", who),
                    "expires_at", "last_synced_at"));
        }
        state.put("ps_untyped", selectSorted(query, "ps_untyped", "type, id", who));
        state.put("ps_updated_rows", selectSorted(query, "ps_updated_rows", "row_type, row_id", who));
        return state;
    }

    /** Declared view names and raw table names (those without table_name only if they exist), sorted. */
    private static List<String> userTables(Query query, JsonNode schema) {
        TreeSet<String> names = new TreeSet<>();
        JsonNode tables = schema.get("tables");
        if (tables != null && tables.isArray()) {
            for (JsonNode table : tables.values()) {
                JsonNode view = table.get("view_name");
                JsonNode name = table.get("name");
                if (view != null && view.isString()) {
                    names.add(view.stringValue());
                } else if (name != null && name.isString()) {
                    names.add(name.stringValue());
                }
            }
        }
        JsonNode raw = schema.get("raw_tables");
        if (raw != null && raw.isArray()) {
            for (JsonNode table : raw.values()) {
                JsonNode tableName = table.get("table_name");
                JsonNode name = table.get("name");
                if (tableName != null && tableName.isString()) {
                    names.add(tableName.stringValue());
                } else if (name != null && name.isString() && !query.rows(
                        "SELECT 1 AS x FROM sqlite_master WHERE type IN ('table', 'view') AND name = ?",
                        List.of(name.stringValue())).isEmpty()) {
                    names.add(name.stringValue());
                }
            }
        }
        return List.copyOf(names);
    }

    private static Object selectSorted(Query query, String table, String orderBy, String who) {
        try {
            String order = orderBy;
            if (order == null) {
                List<Map<String, Object>> info = query.rows("SELECT name FROM pragma_table_info(?)", List.of(table));
                if (info.isEmpty()) {
                    return Map.of("error", who + ": no such table or view: " + table);
                }
                boolean hasId = info.stream().anyMatch(c -> "id".equals(c.get("name")));
                List<String> positions = new ArrayList<>();
                for (int i = 1; i <= info.size(); i++) {
                    positions.add(String.valueOf(i));
                }
                order = hasId ? "id" : String.join(", ", positions);
            }
            return query.rows("SELECT * FROM \"" + table.replace("\"", "\"\"") + "\" ORDER BY " + order, List.of());
        } catch (QueryFailure e) {
            return e.error();
        }
    }

    @SuppressWarnings("unchecked")
    private static Object timestamps(Object rows, String... columns) {
        if (rows instanceof List<?> list) {
            for (Object row : list) {
                stamp((Map<String, Object>) row, columns);
            }
        }
        return rows;
    }

    private static void stamp(Map<String, Object> values, String... keys) {
        for (String key : keys) {
            if (values.get(key) != null) {
                values.put(key, TIMESTAMP);
            }
        }
    }
}
