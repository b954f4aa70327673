package dev.hexsync.adapters.sqlite.schema;

import static dev.hexsync.adapters.sqlite.schema.SqlText.identifier;
import static dev.hexsync.adapters.sqlite.schema.SqlText.literal;

import dev.hexsync.json.Json;
import dev.hexsync.ports.schema.Column;
import dev.hexsync.ports.schema.ColumnType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code powersync_create_raw_table_crud_trigger(table_json, trigger_name, 'INSERT'|'UPDATE'|'DELETE')}: the
 * engine's helper that writes, for a raw table, the AFTER trigger capturing application writes into the
 * upload queue (through {@code powersync_crud}), in the engine's exact text. Writes made while the engine
 * publishes are skipped; an update only counts when a synced column changed; insert-only tables refuse
 * updates and deletes.
 */
public final class RawTableTriggers {
    private static final int FLAG_INCLUDE_OLD_ONLY_WHEN_CHANGED = 8;
    private static final int FLAG_IGNORE_EMPTY_UPDATE = 16;
    private static final int FLAG_INSERT_ONLY = 2;
    private static final int FLAG_INCLUDE_METADATA = 4;

    private RawTableTriggers() {
    }

    /** Creates the trigger on {@code connection}. */
    public static void create(Connection connection, String tableJson, String triggerName, String write) throws SQLException {
        Map<String, Object> table = Json.parseObject(tableJson);
        String name = text(table, "name");
        if (!(table.get("table_name") instanceof String localTable)) {
            throw new SQLException("Raw table " + name + " has no local name");
        }
        String op = write == null ? "" : write.toUpperCase(Locale.ROOT);
        if (!op.equals("INSERT") && !op.equals("UPDATE") && !op.equals("DELETE")) {
            throw new SQLException("unexpected write type " + write);
        }
        List<String> synced = table.get("synced_columns") instanceof List<?> list
                ? list.stream().map(Object::toString).toList() : null;
        List<Column> columns = columns(connection, localTable, synced);
        int flags = flags(table);
        List<String> includeOld = null;
        boolean trackOld = false;
        if (table.get("include_old") instanceof List<?> list) {
            trackOld = true;
            includeOld = list.stream().map(Object::toString).toList();
        } else if (Boolean.TRUE.equals(table.get("include_old"))) {
            trackOld = true;
        }

        StringBuilder sql = new StringBuilder("CREATE TRIGGER ").append(identifier(triggerName)).append(' ');
        sql.append("AFTER ").append(op).append(" ON ").append(identifier(localTable)).append(" FOR EACH ROW ");
        sql.append("WHEN NOT powersync_in_sync_operation()");
        if (op.equals("UPDATE") && synced != null) {
            sql.append(" AND\n(");
            for (int i = 0; i < columns.size(); i++) {
                String column = identifier(columns.get(i).name());
                sql.append(i == 0 ? "" : " OR ").append("OLD.").append(column).append(" IS NOT NEW.").append(column);
            }
            sql.append(")");
        }
        sql.append(" BEGIN\n");
        if ((flags & FLAG_INSERT_ONLY) != 0) {
            if (!op.equals("INSERT")) {
                sql.append("SELECT RAISE(FAIL, 'Unexpected update on insert-only table');\n");
            } else {
                sql.append("INSERT INTO powersync_crud_(data) VALUES(json_object('op', 'PUT', 'type', ").append(literal(name))
                        .append(", 'id', NEW.id, 'data', json(powersync_diff('{}', ")
                        .append(TableSql.json("NEW", columns)).append("))));");
            }
        } else {
            if (op.equals("UPDATE")) {
                sql.append("SELECT CASE WHEN (OLD.id != NEW.id) THEN RAISE (FAIL, 'Cannot update id') END;\n");
            }
            String data = op.equals("DELETE") ? null : "json(powersync_diff("
                    + (op.equals("UPDATE") ? TableSql.json("OLD", columns) : "'{}'") + ", " + TableSql.json("NEW", columns) + "))";
            String old = null;
            if (!op.equals("INSERT") && trackOld) {
                List<String> filter = includeOld;
                List<Column> oldColumns = filter == null ? columns
                        : columns.stream().filter(c -> filter.contains(c.name())).toList();
                old = TableSql.json("OLD", oldColumns);
                if (op.equals("UPDATE") && (flags & FLAG_INCLUDE_OLD_ONLY_WHEN_CHANGED) != 0) {
                    old = "json(powersync_diff(" + TableSql.json("NEW", oldColumns) + ", " + old + "))";
                }
            }
            sql.append("INSERT INTO powersync_crud(op,id,type");
            sql.append(data != null ? ",data" : "").append(old != null ? ",old_values" : "");
            sql.append(op.equals("UPDATE") ? ",options" : "").append(") VALUES (");
            sql.append(literal(op.equals("INSERT") ? "PUT" : op.equals("UPDATE") ? "PATCH" : "DELETE")).append(", ");
            sql.append(op.equals("DELETE") ? "OLD.id" : "NEW.id").append(", ").append(literal(name));
            if (data != null) {
                sql.append(", ").append(data);
            }
            if (old != null) {
                sql.append(", ").append(old);
            }
            if (op.equals("UPDATE")) {
                sql.append(", ").append(flags);
            }
            sql.append(");\n");
        }
        sql.append("END");
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql.toString());
        }
    }

    private static List<Column> columns(Connection connection, String table, List<String> synced) throws SQLException {
        List<Column> columns = new ArrayList<>();
        boolean hasId = false;
        try (PreparedStatement info = connection.prepareStatement("select name from pragma_table_info(?)")) {
            info.setString(1, table);
            try (ResultSet rows = info.executeQuery()) {
                while (rows.next()) {
                    String column = rows.getString(1);
                    if (column.equals("id")) {
                        hasId = true;
                    } else if (synced == null || synced.contains(column)) {
                        columns.add(new Column(column, ColumnType.TEXT));
                    }
                }
            }
        }
        if (!hasId && columns.isEmpty()) {
            throw new SQLException("Could not find " + table + " in local schema.");
        }
        if (!hasId) {
            throw new SQLException("Table " + table + " has no id column.");
        }
        return columns;
    }

    private static int flags(Map<String, Object> table) {
        int flags = 0;
        if (Boolean.TRUE.equals(table.get("insert_only"))) {
            flags |= FLAG_INSERT_ONLY;
        }
        if (Boolean.TRUE.equals(table.get("include_metadata"))) {
            flags |= FLAG_INCLUDE_METADATA;
        }
        if (Boolean.TRUE.equals(table.get("include_old_only_when_changed"))) {
            flags |= FLAG_INCLUDE_OLD_ONLY_WHEN_CHANGED;
        }
        if (Boolean.TRUE.equals(table.get("ignore_empty_update"))) {
            flags |= FLAG_IGNORE_EMPTY_UPDATE;
        }
        return flags;
    }

    private static String text(Map<String, Object> table, String key) throws SQLException {
        if (table.get(key) instanceof String value) {
            return value;
        }
        throw new SQLException("missing field `" + key + "`");
    }
}
