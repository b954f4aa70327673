package dev.hexsync.schema.json;

import dev.hexsync.json.Json;
import dev.hexsync.json.JsonException;
import dev.hexsync.ports.schema.Column;
import dev.hexsync.ports.schema.ColumnType;
import dev.hexsync.ports.schema.Index;
import dev.hexsync.ports.schema.IndexedColumn;
import dev.hexsync.ports.schema.RawTable;
import dev.hexsync.ports.schema.RawTableStatement;
import dev.hexsync.ports.schema.Schema;
import dev.hexsync.ports.schema.SchemaException;
import dev.hexsync.ports.schema.Table;
import dev.hexsync.ports.schema.TableOptions;
import dev.hexsync.ports.schema.TrackPreviousValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and writes the PowerSync schema JSON ({@code {"tables": [...], "raw_tables": [...]}}), the format
 * the PowerSync SDKs hand to the engine and that schema files use. Parsing is as lenient as the engine:
 * unknown keys are ignored; flags must be booleans.
 */
public final class SchemaJson {
    private SchemaJson() {
    }

    /** Serialises a schema in the engine's format, keys in the order the SDKs write them. */
    public static String write(Schema schema) {
        List<Object> tables = new ArrayList<>();
        for (Table table : schema.tables()) {
            tables.add(tableJson(table));
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("tables", tables);
        if (!schema.rawTables().isEmpty()) {
            List<Object> raw = new ArrayList<>();
            for (RawTable rawTable : schema.rawTables()) {
                raw.add(rawTableJson(rawTable));
            }
            root.put("raw_tables", raw);
        }
        return Json.write(root);
    }

    private static Map<String, Object> tableJson(Table table) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", table.name());
        table.options().viewName().ifPresent(view -> json.put("view_name", view));
        List<Object> columns = new ArrayList<>();
        for (Column column : table.columns()) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("name", column.name());
            c.put("type", column.type().sqlName());
            columns.add(c);
        }
        json.put("columns", columns);
        List<Object> indexes = new ArrayList<>();
        for (Index index : table.indexes()) {
            List<Object> indexColumns = new ArrayList<>();
            for (IndexedColumn column : index.columns()) {
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("name", column.name());
                c.put("ascending", column.ascending());
                c.put("type", table.column(column.name()).map(Column::type).orElse(ColumnType.TEXT).sqlName());
                indexColumns.add(c);
            }
            Map<String, Object> i = new LinkedHashMap<>();
            i.put("name", index.name());
            i.put("columns", indexColumns);
            indexes.add(i);
        }
        json.put("indexes", indexes);
        TableOptions options = table.options();
        json.put("local_only", options.localOnly());
        json.put("insert_only", options.insertOnly());
        json.put("include_metadata", options.trackMetadata());
        options.trackPreviousValues().ifPresentOrElse(track -> {
            json.put("include_old", track.columns().<Object>map(List::copyOf).orElse(Boolean.TRUE));
            json.put("include_old_only_when_changed", track.onlyWhenChanged());
        }, () -> {
            json.put("include_old", false);
            json.put("include_old_only_when_changed", false);
        });
        json.put("ignore_empty_update", options.ignoreEmptyUpdates());
        return json;
    }

    /**
     * Parses the engine's schema JSON.
     *
     * @throws SchemaException when the text is not JSON or a value has the wrong type; the message names it
     */
    public static Schema parse(String text) {
        Map<String, Object> root;
        try {
            root = Json.parseObject(text);
        } catch (JsonException e) {
            throw new SchemaException("Schema is not valid JSON: " + e.getMessage(), e);
        }
        List<Table> tables = new ArrayList<>();
        for (Object element : list(root.get("tables"), "tables")) {
            tables.add(parseTable(object(element, "tables[]")));
        }
        List<RawTable> rawTables = new ArrayList<>();
        for (Object element : list(root.get("raw_tables"), "raw_tables")) {
            rawTables.add(parseRawTable(object(element, "raw_tables[]")));
        }
        return new Schema(tables, rawTables);
    }

    /**
     * Parses one entry of {@code raw_tables}: {@code {"name", "table_name"?, "synced_columns"?, "put"?, "delete"?,
     * "clear"?}}, each statement {@code {"sql", "params": ["Id" | {"Column": name} | "Rest", ...]}}. Other keys
     * (the capture options read by {@code powersync_create_raw_table_crud_trigger}) are ignored, as are nulls.
     *
     * @throws SchemaException when a value has the wrong type; the message names the table and the key
     */
    public static RawTable parseRawTable(Map<String, ?> json) {
        String name = string(json.get("name"), "raw_tables[].name");
        String where = "raw table '" + name + "'";
        RawTable table = RawTable.of(name);
        if (json.get("table_name") != null) {
            table = table.withTableName(string(json.get("table_name"), where + ".table_name"));
        }
        if (json.get("synced_columns") != null) {
            List<String> columns = new ArrayList<>();
            for (Object column : list(json.get("synced_columns"), where + ".synced_columns")) {
                columns.add(string(column, where + ".synced_columns[]"));
            }
            table = table.withSyncedColumns(columns);
        }
        if (json.get("put") != null) {
            table = table.withPut(rawStatement(json.get("put"), where + ".put"));
        }
        if (json.get("delete") != null) {
            table = table.withDelete(rawStatement(json.get("delete"), where + ".delete"));
        }
        if (json.get("clear") != null) {
            table = table.withClear(string(json.get("clear"), where + ".clear"));
        }
        return table;
    }

    private static RawTableStatement rawStatement(Object value, String where) {
        if (!(value instanceof Map<?, ?> statement)) {
            throw new SchemaException("Schema JSON: " + where + " must be an object with sql and params");
        }
        String sql = string(statement.get("sql"), where + ".sql");
        if (!(statement.get("params") instanceof List<?> sources)) {
            throw new SchemaException("Schema JSON: " + where + ".params must be an array");
        }
        List<RawTableStatement.Param> params = new ArrayList<>();
        for (Object source : sources) {
            params.add(rawParam(source, where + ".params"));
        }
        return new RawTableStatement(sql, params);
    }

    /** {@code "Id"}, {@code "Rest"} or {@code {"Column": name}}: serde's external enum tagging. */
    private static RawTableStatement.Param rawParam(Object source, String where) {
        Object tag = source;
        Object content = null;
        if (source instanceof Map<?, ?> tagged && tagged.size() == 1) {
            Map.Entry<?, ?> entry = tagged.entrySet().iterator().next();
            tag = entry.getKey();
            content = entry.getValue();
        }
        if ("Id".equals(tag) && content == null) {
            return RawTableStatement.Param.ID;
        }
        if ("Rest".equals(tag) && content == null) {
            return RawTableStatement.Param.REST;
        }
        if ("Column".equals(tag) && content instanceof String column) {
            return RawTableStatement.Param.column(column);
        }
        throw new SchemaException("Schema JSON: " + where + ": expected \"Id\", \"Rest\" or {\"Column\": name}, got "
                + Json.write(source));
    }

    private static Map<String, Object> rawTableJson(RawTable table) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", table.name());
        table.tableName().ifPresent(name -> json.put("table_name", name));
        table.syncedColumns().ifPresent(columns -> json.put("synced_columns", columns));
        table.put().ifPresent(statement -> json.put("put", rawStatementJson(statement)));
        table.delete().ifPresent(statement -> json.put("delete", rawStatementJson(statement)));
        table.clear().ifPresent(sql -> json.put("clear", sql));
        return json;
    }

    private static Map<String, Object> rawStatementJson(RawTableStatement statement) {
        List<Object> params = new ArrayList<>();
        for (RawTableStatement.Param param : statement.params()) {
            if (param instanceof RawTableStatement.Param.Column column) {
                params.add(Map.of("Column", column.name()));
            } else {
                params.add(param instanceof RawTableStatement.Param.Id ? "Id" : "Rest");
            }
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("sql", statement.sql());
        json.put("params", params);
        return json;
    }

    private static Table parseTable(Map<String, Object> json) {
        String name = string(json.get("name"), "tables[].name");
        String where = "table '" + name + "'";
        List<Column> columns = new ArrayList<>();
        if (!json.containsKey("columns")) {
            throw new SchemaException("Schema JSON: " + where + " has no \"columns\"");
        }
        for (Object element : list(json.get("columns"), where + ".columns")) {
            Map<String, Object> c = object(element, where + ".columns[]");
            String columnName = string(c.get("name"), where + ".columns[].name");
            columns.add(new Column(columnName, new ColumnType(string(c.get("type"), where + " column '" + columnName + "' type"))));
        }
        List<Index> indexes = new ArrayList<>();
        for (Object element : list(json.get("indexes"), where + ".indexes")) {
            Map<String, Object> i = object(element, where + ".indexes[]");
            String indexName = string(i.get("name"), where + ".indexes[].name");
            List<IndexedColumn> indexColumns = new ArrayList<>();
            for (Object ic : list(i.get("columns"), where + ".indexes[].columns")) {
                Map<String, Object> c = object(ic, where + " index '" + indexName + "' column");
                Object ascending = c.getOrDefault("ascending", Boolean.TRUE);
                indexColumns.add(new IndexedColumn(string(c.get("name"), "index column name"),
                        flag(ascending == null ? Boolean.TRUE : ascending, where + " index '" + indexName + "' ascending")));
            }
            indexes.add(new Index(indexName, indexColumns));
        }
        Optional<TrackPreviousValues> track = Optional.empty();
        Object includeOld = json.get("include_old");
        boolean onlyWhenChanged = flag(json.get("include_old_only_when_changed"), where + ".include_old_only_when_changed");
        if (includeOld instanceof List<?> listed) {
            List<String> names = new ArrayList<>();
            for (Object o : listed) {
                names.add(string(o, where + ".include_old[]"));
            }
            track = Optional.of(new TrackPreviousValues(Optional.of(names), onlyWhenChanged));
        } else if (flag(includeOld, where + ".include_old")) {
            track = Optional.of(new TrackPreviousValues(Optional.empty(), onlyWhenChanged));
        }
        Object view = json.get("view_name");
        TableOptions options = new TableOptions(
                flag(json.get("local_only"), where + ".local_only"),
                flag(json.get("insert_only"), where + ".insert_only"),
                flag(json.get("include_metadata"), where + ".include_metadata"),
                track,
                flag(json.get("ignore_empty_update"), where + ".ignore_empty_update"),
                view == null ? Optional.empty() : Optional.of(string(view, where + ".view_name")));
        return new Table(name, columns, indexes, options);
    }

    private static List<?> list(Object value, String what) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> l) {
            return l;
        }
        throw new SchemaException("Schema JSON: " + what + " must be an array");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value, String what) {
        if (value instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new SchemaException("Schema JSON: " + what + " must be an object");
    }

    private static String string(Object value, String what) {
        if (value instanceof String s) {
            return s;
        }
        throw new SchemaException("Schema JSON: " + what + " must be a string");
    }

    private static boolean flag(Object value, String what) {
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        throw new SchemaException("Schema JSON: " + what + " must be true or false");
    }
}
