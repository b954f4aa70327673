package dev.hexsync.adapters.sqlite.schema;

import static dev.hexsync.adapters.sqlite.schema.SqlText.identifier;
import static dev.hexsync.adapters.sqlite.schema.SqlText.literal;

import dev.hexsync.ports.schema.Column;
import dev.hexsync.ports.schema.Index;
import dev.hexsync.ports.schema.IndexedColumn;
import dev.hexsync.ports.schema.Table;
import dev.hexsync.ports.schema.TableOptions;
import dev.hexsync.ports.schema.TrackPreviousValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The SQL objects that represent one table: the JSON row table, the typed view, its INSTEAD OF triggers and
 * indexes. The text is what the PowerSync engine generates, byte for byte, except for the capture step of
 * the triggers, which {@link Capture} renders (the engine's own text with {@link Capture#ENGINE}). A
 * PowerSync core that opens a hexsync file sees different trigger text and regenerates its own.
 */
public final class TableSql {
    /** The marker the engine puts at the end of every view it manages. */
    public static final String VIEW_MARKER = "-- powersync-auto-generated";

    /** The engine splits json_object calls at this many columns (SQLite's argument limit is per call). */
    private static final int COLUMNS_PER_OBJECT = 50;

    private final Table table;
    private final Capture capture;

    /** The objects hexsync installs. */
    public TableSql(Table table) {
        this(table, Capture.INLINE);
    }

    /** The objects with the given capture rendering ({@link Capture#ENGINE} reproduces the engine's text). */
    public TableSql(Table table, Capture capture) {
        this.table = table;
        this.capture = capture;
    }

    /** {@code ps_data__<name>} for synced tables, {@code ps_data_local__<name>} for local-only ones. */
    public static String internalName(Table table) {
        return (table.options().localOnly() ? "ps_data_local__" : "ps_data__") + table.name();
    }

    public String internalName() {
        return internalName(table);
    }

    /** The name applications query. */
    public String viewName() {
        return table.viewName();
    }

    public String createTable() {
        return "CREATE TABLE " + identifier(internalName()) + "(id TEXT PRIMARY KEY NOT NULL, data TEXT)";
    }

    public String view() {
        StringBuilder names = new StringBuilder("\"id\"");
        StringBuilder selects = new StringBuilder("id");
        for (Column column : table.columns()) {
            names.append(", ").append(identifier(column.name()));
            selects.append(", ").append(extract(column.name(), column.type().sqlName()));
        }
        if (table.options().trackMetadata()) {
            names.append(", \"_metadata\", \"_deleted\"");
            selects.append(", NULL, NULL");
        }
        return "CREATE VIEW " + identifier(table.viewName()) + "(" + names + ") AS SELECT " + selects
                + " FROM " + identifier(internalName()) + " " + VIEW_MARKER;
    }

    /** Trigger name to CREATE TRIGGER statement, in creation order. */
    public Map<String, String> triggers() {
        Map<String, String> triggers = new LinkedHashMap<>();
        TableOptions options = table.options();
        String view = table.viewName();
        String on = identifier(view);
        String internal = identifier(internalName());
        if (options.localOnly()) {
            triggers.put("ps_view_delete_" + view, "CREATE TRIGGER " + identifier("ps_view_delete_" + view)
                    + " INSTEAD OF DELETE ON " + on + " FOR EACH ROW BEGIN\n"
                    + "DELETE FROM " + internal + " WHERE id = OLD.id;\nEND");
            triggers.put("ps_view_insert_" + view, "CREATE TRIGGER " + identifier("ps_view_insert_" + view)
                    + " INSTEAD OF INSERT ON " + on + " FOR EACH ROW BEGIN\n"
                    + "INSERT INTO " + internal + " SELECT NEW.id, " + rowJson("NEW", table.columns()) + ";\nEND");
            triggers.put("ps_view_update_" + view, "CREATE TRIGGER " + identifier("ps_view_update_" + view)
                    + " INSTEAD OF UPDATE ON " + on + " FOR EACH ROW BEGIN\n"
                    + "SELECT CASE WHEN (OLD.id != NEW.id) THEN RAISE (FAIL, 'Cannot update id') END;\n"
                    + "UPDATE " + internal + " SET data = " + rowJson("NEW", table.columns()) + " WHERE id = NEW.id;\nEND");
            return triggers;
        }
        String type = literal(table.name());
        String checkId = "SELECT CASE WHEN (NEW.id IS NULL) THEN RAISE (FAIL, 'id is required') "
                + "WHEN (typeof(NEW.id) != 'text') THEN RAISE (FAIL, 'id should be text') END;\n";
        if (options.insertOnly()) {
            triggers.put("ps_view_insert_" + view, "CREATE TRIGGER " + identifier("ps_view_insert_" + view)
                    + " INSTEAD OF INSERT ON " + on + " FOR EACH ROW BEGIN\n" + checkId
                    + capture.raw("json_object('op', 'PUT', 'type', " + type + ", 'id', NEW.id, 'data', json(powersync_diff('{}', "
                            + rowJson("NEW", table.columns()) + ")))") + ";END");
            return triggers;
        }
        boolean metadata = options.trackMetadata();
        Optional<String> oldForDelete = options.trackPreviousValues().map(t -> rowJson("OLD", trackedColumns(t)));
        if (metadata) {
            triggers.put("ps_view_delete2_" + view, "CREATE TRIGGER " + identifier("ps_view_delete2_" + view)
                    + " INSTEAD OF UPDATE ON " + on + " FOR EACH ROW WHEN NEW._deleted IS TRUE BEGIN DELETE FROM "
                    + internal + " WHERE id = OLD.id; "
                    + capture.view("'DELETE'", "OLD.id", type, null, oldForDelete.orElse(null), "NEW._metadata", null, false,
                            deleteEntry(oldForDelete))
                    + ";\nEND");
        }
        triggers.put("ps_view_delete_" + view, "CREATE TRIGGER " + identifier("ps_view_delete_" + view)
                + " INSTEAD OF DELETE ON " + on + " FOR EACH ROW BEGIN\n"
                + "DELETE FROM " + internal + " WHERE id = OLD.id;\n"
                + capture.view("'DELETE'", "OLD.id", type, null, oldForDelete.orElse(null), null, null, false,
                        deleteEntry(oldForDelete)) + ";\nEND");
        String newJson = rowJson("NEW", table.columns());
        triggers.put("ps_view_insert_" + view, "CREATE TRIGGER " + identifier("ps_view_insert_" + view)
                + " INSTEAD OF INSERT ON " + on + " FOR EACH ROW BEGIN\n" + checkId
                + "INSERT INTO " + internal + " SELECT NEW.id, " + newJson + ";\n"
                + capture.view("'PUT'", "NEW.id", type, "json(powersync_diff('{}', " + newJson + "))", null,
                        metadata ? "NEW._metadata" : null, null, false, putEntry()) + ";\nEND");
        Optional<String> oldForUpdate = options.trackPreviousValues().map(t -> t.onlyWhenChanged()
                ? "json(powersync_diff(" + rowJson("NEW", trackedColumns(t)) + ", " + rowJson("OLD", trackedColumns(t)) + "))"
                : rowJson("OLD", trackedColumns(t)));
        triggers.put("ps_view_update_" + view, "CREATE TRIGGER " + identifier("ps_view_update_" + view)
                + " INSTEAD OF UPDATE ON " + on + " FOR EACH ROW " + (metadata ? " WHEN NEW._deleted IS NOT TRUE " : "")
                + "BEGIN\n"
                + "SELECT CASE WHEN (OLD.id != NEW.id) THEN RAISE (FAIL, 'Cannot update id') END;\n"
                + "UPDATE " + internal + " SET data = " + newJson + " WHERE id = NEW.id;\n"
                + capture.view("'PATCH'", "NEW.id", type, "json(powersync_diff(" + rowJson("OLD", table.columns()) + ", " + newJson + "))",
                        oldForUpdate.orElse(null), metadata ? "NEW._metadata" : null, options.flags(), options.ignoreEmptyUpdates(),
                        patchEntry(oldForUpdate.isPresent() ? options.trackPreviousValues().orElseThrow() : null,
                                oldForUpdate.orElse(null)))
                + ";\nEND");
        return triggers;
    }

    /** The SQL-built entry of an insert, or null when the table keeps the Java path. */
    private Capture.SqlEntry putEntry() {
        if (!CaptureJson.supports(table.columns())) {
            return null;
        }
        return new Capture.SqlEntry(CaptureJson.exact(CaptureJson.values("NEW", table.columns())),
                CaptureJson.diff(null, "NEW", table.columns()), null);
    }

    /** The SQL-built entry of a delete: no data, so nothing is re-spelled and every row qualifies. */
    private Capture.SqlEntry deleteEntry(Optional<String> old) {
        return new Capture.SqlEntry(null, null, old.orElse(null));
    }

    /**
     * The SQL-built entry of an update: data diffed from OLD to NEW; previous values as captured ({@code old}),
     * or diffed from NEW to OLD when only changed ones are tracked.
     */
    private Capture.SqlEntry patchEntry(TrackPreviousValues track, String old) {
        List<Column> columns = table.columns();
        if (!CaptureJson.supports(columns)) {
            return null;
        }
        List<String> values = new ArrayList<>(CaptureJson.values("OLD", columns));
        values.addAll(CaptureJson.values("NEW", columns));
        String sqlOld = old;
        if (track != null && track.onlyWhenChanged()) {
            sqlOld = CaptureJson.diff("NEW", "OLD", trackedColumns(track));
        }
        return new Capture.SqlEntry(CaptureJson.exact(values), CaptureJson.diff("OLD", "NEW", columns), sqlOld);
    }

    /** Index name to CREATE INDEX statement. */
    public Map<String, String> indexes() {
        Map<String, String> indexes = new LinkedHashMap<>();
        for (Index index : table.indexes()) {
            String name = internalName() + "__" + index.name();
            List<String> parts = new ArrayList<>();
            for (IndexedColumn column : index.columns()) {
                String type = table.column(column.name()).map(c -> c.type().sqlName()).orElse("text");
                parts.add(extract(column.name(), type) + (column.ascending() ? "" : " DESC"));
            }
            indexes.put(name, "CREATE INDEX " + identifier(name) + " ON " + identifier(internalName())
                    + "(" + String.join(", ", parts) + ")");
        }
        return indexes;
    }

    private List<Column> trackedColumns(TrackPreviousValues track) {
        return track.columns()
                .map(names -> table.columns().stream().filter(c -> names.contains(c.name())).toList())
                .orElse(table.columns());
    }

    private static String extract(String column, String type) {
        return "CAST(json_extract(data, " + literal("$." + column) + ") as " + type + ")";
    }

    /** The JSON object of the given columns of NEW or OLD, split like the engine splits it. */
    static String json(String row, List<Column> columns) {
        return json(row, columns, Capture.ENGINE);
    }

    /** The JSON object of the given columns of NEW or OLD in this rendering (see {@link CaptureJson#strip}). */
    private String rowJson(String row, List<Column> columns) {
        return json(row, columns, capture);
    }

    private static String json(String row, List<Column> columns, Capture capture) {
        List<String> objects = new ArrayList<>();
        for (int start = 0; start < columns.size() || start == 0; start += COLUMNS_PER_OBJECT) {
            List<String> pairs = new ArrayList<>();
            for (Column column : columns.subList(start, Math.min(columns.size(), start + COLUMNS_PER_OBJECT))) {
                String value = row + "." + identifier(column.name());
                pairs.add(literal(column.name()) + ", " + (capture == Capture.ENGINE
                        ? "powersync_strip_subtype(" + value + ")" : CaptureJson.strip(value)));
            }
            objects.add("json_object(" + String.join(", ", pairs) + ")");
        }
        return objects.size() == 1 ? objects.get(0) : "powersync_json_merge(" + String.join(", ", objects) + ")";
    }
}
