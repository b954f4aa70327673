package dev.hexsync.adapters.sqlite.schema;

import static dev.hexsync.adapters.sqlite.schema.SqlText.identifier;
import static dev.hexsync.adapters.sqlite.schema.SqlText.literal;

import dev.hexsync.ports.schema.Column;
import dev.hexsync.ports.schema.Table;
import dev.hexsync.ports.storage.DiffTriggerDefinition;
import java.util.List;
import java.util.stream.Collectors;

/** The SQL of diff triggers: destination tables, the triggers on a table's stored rows, and diff queries. */
public final class DiffTriggerSql {
    private static final String NOW = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

    private DiffTriggerSql() {
    }

    /** A destination table; AUTOINCREMENT so that an emptied table never hands out an old operation id again. */
    public static String createDestination(String table, boolean temporary) {
        return "CREATE " + (temporary ? "TEMP " : "") + "TABLE " + identifier(table) + " (\n"
                + "  operation_id INTEGER PRIMARY KEY AUTOINCREMENT,\n"
                + "  id TEXT,\n"
                + "  operation TEXT,\n"
                + "  timestamp TEXT,\n"
                + "  value TEXT,\n"
                + "  previous_value TEXT\n"
                + ")";
    }

    /** One trigger: after the operation on the source's stored rows, one destination row. */
    public static String createTrigger(DiffTriggerDefinition trigger) {
        String event;
        String row;
        switch (trigger.operation()) {
            case INSERT -> {
                event = "INSERT";
                row = "(id, operation, timestamp, value) VALUES (NEW.id, 'INSERT', " + NOW + ", "
                        + json(trigger, "NEW") + ")";
            }
            case UPDATE -> {
                event = "UPDATE";
                row = "(id, operation, timestamp, value, previous_value) VALUES (NEW.id, 'UPDATE', " + NOW + ", "
                        + json(trigger, "NEW") + ", " + json(trigger, "OLD") + ")";
            }
            case DELETE -> {
                event = "DELETE";
                row = "(id, operation, timestamp, value) VALUES (OLD.id, 'DELETE', " + NOW + ", "
                        + json(trigger, "OLD") + ")";
            }
            default -> throw new IllegalArgumentException("Unknown operation " + trigger.operation());
        }
        return "CREATE " + (trigger.temporary() ? "TEMP " : "") + "TRIGGER " + identifier(trigger.name())
                + " AFTER " + event + " ON " + identifier(TableSql.internalName(trigger.source()))
                + trigger.condition().map(condition -> " WHEN " + condition).orElse("")
                + " BEGIN\n  INSERT INTO " + identifier(trigger.destination()) + row + ";\nEND";
    }

    /**
     * A column of a stored row version ({@code NEW} or {@code OLD}) typed as the table's view casts it, for
     * trigger conditions; {@code id} is the stored row's key.
     */
    public static String rowColumn(Table source, String row, String column) {
        if (!row.equals("NEW") && !row.equals("OLD")) {
            throw new IllegalArgumentException("A trigger condition reads NEW or OLD, not '" + row + "'");
        }
        if (column.equals("id")) {
            return row + ".id";
        }
        Column typed = source.column(column).orElseThrow(() -> new IllegalArgumentException(
                "Table '" + source.name() + "' has no column '" + column + "'"));
        return "CAST(json_extract(" + row + ".data, " + literal("$." + column) + ") as " + typed.type().sqlName()
                + ")";
    }

    /** The recorded JSON of a row version: the whole row, nothing, or the listed columns. */
    private static String json(DiffTriggerDefinition trigger, String version) {
        if (trigger.columns().isEmpty()) {
            return version + ".data";
        }
        List<String> columns = trigger.columns().get();
        if (columns.isEmpty()) {
            return "'{}'";
        }
        return columns.stream()
                .map(column -> literal(column) + ", json_extract(" + version + ".data, " + literal("$." + column) + ")")
                .collect(Collectors.joining(", ", "json_object(", ")"));
    }

    /** {@code query} with {@code DIFF} bound to the raw recorded rows. */
    public static String diffQuery(String destination, String query) {
        return "WITH DIFF AS (SELECT * FROM " + identifier(destination) + " ORDER BY operation_id ASC)\n" + query;
    }

    /** {@code query} with {@code DIFF} bound to the recorded rows with {@code columns} extracted. */
    public static String extractedDiffQuery(String destination, List<String> columns, String query) {
        StringBuilder select = new StringBuilder("SELECT id");
        for (String column : columns) {
            select.append(", json_extract(value, ").append(literal("$." + column)).append(") AS ")
                    .append(identifier(column));
        }
        select.append(", operation_id AS __operation_id, operation AS __operation, timestamp AS __timestamp,")
                .append(" previous_value AS __previous_value FROM ").append(identifier(destination))
                .append(" ORDER BY operation_id ASC");
        return "WITH DIFF AS (" + select + ")\n" + query;
    }

    /** Drops a trigger wherever it lives. */
    public static String dropTrigger(String name) {
        return "DROP TRIGGER IF EXISTS " + identifier(name);
    }

    /** Drops a table wherever it lives. */
    public static String dropTable(String table) {
        return "DROP TABLE IF EXISTS " + identifier(table);
    }

    /** Empties a table. */
    public static String clear(String table) {
        return "DELETE FROM " + identifier(table);
    }

    /** Whether a table has no rows: one column, 1 or 0. */
    public static String isEmpty(String table) {
        return "SELECT NOT EXISTS (SELECT 1 FROM " + identifier(table) + ")";
    }

    /** Names of triggers stored in the database (not temporary ones) beginning with {@code ?1}. */
    public static final String STORED_TRIGGERS_WITH_PREFIX = "SELECT name FROM sqlite_master"
            + " WHERE type = 'trigger' AND substr(name, 1, length(?1)) = ?1 ORDER BY name";
}
