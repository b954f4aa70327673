package dev.hexsync.adapters.h2.schema;

import dev.hexsync.json.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A diff trigger on a table's stored rows ({@code ps_data__<table>}): after an insert, update or delete, when the
 * condition holds, one row into the destination with the row id, the operation, the time, and the recorded JSON
 * (the whole {@code data}, nothing, or the listed columns). Its definition is a row of
 * {@code hexsync_h2_diff_triggers}, read when H2 creates the trigger; the condition is SQL over {@code NEW} and
 * {@code OLD}, each with the columns {@code id} and {@code data}, evaluated by a query of its own.
 */
public final class DiffRowTrigger implements org.h2.api.Trigger {
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private String operation;
    private String insert;
    private String condition;
    private List<String> columns;

    @Override
    public void init(Connection connection, String schemaName, String triggerName, String tableName, boolean before,
            int type) throws SQLException {
        String json;
        try (PreparedStatement read = connection.prepareStatement(
                "SELECT definition FROM hexsync_h2_diff_triggers WHERE name = ?")) {
            read.setString(1, triggerName);
            try (ResultSet rows = read.executeQuery()) {
                if (!rows.next()) {
                    throw new SQLException("No definition recorded for the diff trigger " + triggerName);
                }
                json = rows.getString(1);
            }
        }
        Map<String, Object> definition = Json.parseObject(json);
        operation = (String) definition.get("operation");
        @SuppressWarnings("unchecked")
        List<String> listed = (List<String>) definition.get("columns");
        columns = listed;
        Object when = definition.get("condition");
        condition = when == null ? null : "SELECT 1 FROM (SELECT CAST(? AS VARCHAR) AS id, CAST(? AS VARCHAR) AS data) AS NEW,"
                + " (SELECT CAST(? AS VARCHAR) AS id, CAST(? AS VARCHAR) AS data) AS OLD WHERE " + when;
        insert = "INSERT INTO " + H2TableSql.quote((String) definition.get("destination"))
                + "(id, operation, timestamp, value, previous_value) VALUES (?, ?, ?, ?, ?)";
    }

    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
        String newId = newRow == null ? null : (String) newRow[0];
        String newData = newRow == null ? null : (String) newRow[1];
        String oldId = oldRow == null ? null : (String) oldRow[0];
        String oldData = oldRow == null ? null : (String) oldRow[1];
        if (condition != null) {
            try (PreparedStatement check = connection.prepareStatement(condition)) {
                check.setString(1, newId);
                check.setString(2, newData);
                check.setString(3, oldId);
                check.setString(4, oldData);
                try (ResultSet rows = check.executeQuery()) {
                    if (!rows.next()) {
                        return;
                    }
                }
            }
        }
        try (PreparedStatement row = connection.prepareStatement(insert)) {
            switch (operation) {
                case "INSERT" -> fill(row, newId, recorded(newData), null);
                case "UPDATE" -> fill(row, newId, recorded(newData), recorded(oldData));
                default -> fill(row, oldId, recorded(oldData), null);
            }
            row.executeUpdate();
        }
    }

    private void fill(PreparedStatement row, String id, String value, String previous) throws SQLException {
        row.setString(1, id);
        row.setString(2, operation);
        row.setString(3, TIMESTAMP.format(Instant.now()));
        row.setString(4, value);
        row.setString(5, previous);
    }

    /** The recorded JSON of a row version. */
    private String recorded(String data) {
        if (columns == null) {
            return data;
        }
        Map<String, Object> object = new LinkedHashMap<>();
        Map<String, Object> row = data == null ? Map.of() : Json.parseObject(data);
        for (String column : columns) {
            object.put(column, row.get(column));
        }
        return Json.write(object);
    }

    @Override
    public void close() {
    }

    @Override
    public void remove() {
    }
}
