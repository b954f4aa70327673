package dev.hexsync.ports.schema;

import dev.hexsync.ports.json.Json;
import dev.hexsync.ports.json.JsonException;
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
                raw.add(rawTable.definition());
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
            Map<String, Object> raw = object(element, "raw_tables[]");
            rawTables.add(new RawTable(string(raw.get("name"), "raw_tables[].name"), raw));
        }
        return new Schema(tables, rawTables);
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
