package dev.hexsync.adapters.h2.schema;

import dev.hexsync.json.Json;
import dev.hexsync.ports.schema.Column;
import dev.hexsync.ports.schema.Table;
import dev.hexsync.ports.schema.TableOptions;
import dev.hexsync.ports.schema.TrackPreviousValues;
import dev.hexsync.schema.json.SchemaJson;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.h2.api.Trigger;

/**
 * The INSTEAD OF triggers of a schema view, one class for insert, update and delete: writes the JSON row into
 * {@code ps_data__<table>} (or {@code ps_data_local__<table>}) and captures the change as the PowerSync engine's
 * view triggers do (see {@link CrudCapture}): PUT with the non-null values, PATCH with the changed ones (nothing
 * queued for an empty PATCH on a table that ignores empty updates), DELETE; previous values and metadata as the
 * table's options say; insert-only tables queue a PUT and store nothing; local-only tables queue nothing.
 *
 * <p>H2 creates one instance per trigger and database and calls it on the writing session's connection; the
 * table's definition comes from {@code hexsync_h2_schema} when the trigger is created.
 */
public final class ViewTrigger implements Trigger {
    private Table table;
    private String internal;
    private int type;

    @Override
    public void init(Connection connection, String schemaName, String triggerName, String tableName, boolean before,
            int type) throws SQLException {
        this.type = type;
        String json;
        try (PreparedStatement read = connection.prepareStatement("SELECT schema_json FROM hexsync_h2_schema WHERE id = 1");
                ResultSet rows = read.executeQuery()) {
            if (!rows.next()) {
                throw new SQLException("No schema recorded for the trigger " + triggerName);
            }
            json = rows.getString(1);
        }
        table = SchemaJson.parse(json).tables().stream()
                .filter(t -> t.viewName().equalsIgnoreCase(tableName))
                .findFirst()
                .orElseThrow(() -> new SQLException("The trigger " + triggerName + " is on " + tableName
                        + ", which the recorded schema does not have"));
        internal = H2TableSql.quote(H2TableSql.internalName(table));
    }

    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
        TableOptions options = table.options();
        switch (type) {
            case INSERT -> insert(connection, options, newRow);
            case UPDATE -> {
                if (options.trackMetadata() && !options.localOnly() && isTrue(newRow[deletedIndex()])) {
                    delete(connection, options, oldRow, text(newRow[deletedIndex() - 1]));
                } else {
                    update(connection, options, oldRow, newRow);
                }
            }
            case DELETE -> delete(connection, options, oldRow, null);
            default -> throw new SQLException("Unexpected trigger type " + type);
        }
    }

    private void insert(Connection connection, TableOptions options, Object[] row) throws SQLException {
        if (row[0] == null) {
            throw new SQLException("id is required");
        }
        String id = text(row[0]);
        String data = json(row, table.columns());
        if (options.insertOnly()) {
            String entry = "{\"op\":\"PUT\",\"type\":" + Json.write(table.name()) + ",\"id\":" + Json.write(id)
                    + ",\"data\":" + Json.diff("{}", data) + "}";
            CrudCapture.entry(connection, entry);
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + internal + "(id, data) VALUES (?, ?)")) {
            insert.setString(1, id);
            insert.setString(2, data);
            insert.executeUpdate();
        }
        if (!options.localOnly()) {
            CrudCapture.viewChange(connection, "PUT", id, table.name(), Json.diff("{}", data), null,
                    options.trackMetadata() ? text(row[deletedIndex() - 1]) : null);
        }
    }

    private void update(Connection connection, TableOptions options, Object[] oldRow, Object[] newRow)
            throws SQLException {
        String id = text(newRow[0]);
        if (!text(oldRow[0]).equals(id)) {
            throw new SQLException("Cannot update id");
        }
        String data = json(newRow, table.columns());
        try (PreparedStatement update = connection.prepareStatement("UPDATE " + internal + " SET data = ? WHERE id = ?")) {
            update.setString(1, data);
            update.setString(2, id);
            update.executeUpdate();
        }
        if (options.localOnly()) {
            return;
        }
        String patch = Json.diff(json(oldRow, table.columns()), data);
        if (options.ignoreEmptyUpdates() && patch.equals("{}")) {
            // Recorded nothing, but the transaction id is taken all the same, as the engine does.
            CrudCapture.allocate(connection);
            return;
        }
        String old = options.trackPreviousValues().map(track -> {
            List<Column> tracked = tracked(track);
            return track.onlyWhenChanged() ? Json.diff(json(newRow, tracked), json(oldRow, tracked)) : json(oldRow, tracked);
        }).orElse(null);
        CrudCapture.viewChange(connection, "PATCH", id, table.name(), patch, old,
                options.trackMetadata() ? text(newRow[deletedIndex() - 1]) : null);
    }

    private void delete(Connection connection, TableOptions options, Object[] oldRow, String metadata)
            throws SQLException {
        String id = text(oldRow[0]);
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + internal + " WHERE id = ?")) {
            delete.setString(1, id);
            delete.executeUpdate();
        }
        if (options.localOnly()) {
            return;
        }
        Optional<String> old = options.trackPreviousValues().map(track -> json(oldRow, tracked(track)));
        CrudCapture.viewChange(connection, "DELETE", id, table.name(), null, old.orElse(null), metadata);
    }

    private List<Column> tracked(TrackPreviousValues track) {
        return track.columns()
                .map(names -> table.columns().stream().filter(c -> names.contains(c.name())).toList())
                .orElse(table.columns());
    }

    /** The JSON object of the given columns of a view row, nulls included (as {@code json_object} writes them). */
    private String json(Object[] row, List<Column> columns) {
        Map<String, Object> object = new LinkedHashMap<>();
        List<Column> all = table.columns();
        for (Column column : columns) {
            object.put(column.name(), jsonValue(row[1 + all.indexOf(column)]));
        }
        return Json.write(object);
    }

    /** The index of {@code _deleted} in a view row of a table that tracks metadata (after {@code _metadata}). */
    private int deletedIndex() {
        return table.columns().size() + 2;
    }

    private static Object jsonValue(Object value) {
        if (value == null || value instanceof String || value instanceof Long || value instanceof Double) {
            return value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        if (value instanceof Boolean b) {
            return b ? 1L : 0L;
        }
        if (value instanceof java.math.BigDecimal big) {
            return big.stripTrailingZeros().scale() <= 0 ? (Object) big.longValue() : big.doubleValue();
        }
        return value.toString();
    }

    private static String text(Object value) {
        return value == null ? null : value instanceof String s ? s : String.valueOf(jsonValue(value));
    }

    private static boolean isTrue(Object value) {
        Object v = jsonValue(value);
        return v instanceof Long l ? l != 0 : v instanceof Double d ? d != 0 : v instanceof String s && leadingTrue(s);
    }

    private static boolean leadingTrue(String s) {
        return s.equalsIgnoreCase("true") || (!s.isBlank() && s.strip().chars().allMatch(Character::isDigit)
                && Long.parseLong(s.strip()) != 0);
    }

    @Override
    public void close() {
    }

    @Override
    public void remove() {
    }
}
