package dev.hexsync.adapters.h2;

import dev.hexsync.json.Json;
import dev.hexsync.ports.schema.RawTable;
import dev.hexsync.ports.schema.RawTableStatement;
import dev.hexsync.ports.storage.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Writes published rows into a raw table with the application's own statements: {@code Id} binds the row id,
 * {@code Column(name)} the value of that member of the row's JSON, {@code Rest} the JSON object of the members the
 * other parameters do not name (NULL when none is left). On H2 the statements must be given: the SQLite adapter's
 * inference from the local table's columns is not offered here, and a raw table without them is refused by name.
 */
final class RawTableWriter {
    private final Connection connection;
    private final RawTable table;

    RawTableWriter(Connection connection, RawTable table) {
        this.connection = connection;
        this.table = table;
    }

    /** The local table the statements write, for table-change notifications. */
    String localTable() {
        return table.tableName().orElse(table.name());
    }

    void put(String id, String data) throws SQLException {
        RawTableStatement put = table.put().orElseThrow(() -> new StorageException("Raw table '" + table.name()
                + "' has no put statement; on H2 raw tables need explicit put and delete statements"));
        Map<String, Object> values = Json.parseObject(data);
        run(put, id, values);
    }

    void delete(String id) throws SQLException {
        RawTableStatement delete = table.delete().orElseThrow(() -> new StorageException("Raw table '" + table.name()
                + "' has no delete statement; on H2 raw tables need explicit put and delete statements"));
        run(delete, id, Map.of());
    }

    private void run(RawTableStatement statement, String id, Map<String, Object> values) throws SQLException {
        try (PreparedStatement prepared = connection.prepareStatement(statement.sql())) {
            Set<String> named = new java.util.HashSet<>();
            for (RawTableStatement.Param param : statement.params()) {
                if (param instanceof RawTableStatement.Param.Column column) {
                    named.add(column.name());
                } else if (param instanceof RawTableStatement.Param.Id) {
                    named.add("id");
                }
            }
            int index = 1;
            for (RawTableStatement.Param param : statement.params()) {
                if (param instanceof RawTableStatement.Param.Id) {
                    prepared.setString(index, id);
                } else if (param instanceof RawTableStatement.Param.Column column) {
                    bind(prepared, index, values.get(column.name()));
                } else {
                    TreeMap<String, Object> rest = new TreeMap<>();
                    for (Map.Entry<String, Object> member : values.entrySet()) {
                        if (!named.contains(member.getKey())) {
                            rest.put(member.getKey(), member.getValue());
                        }
                    }
                    bind(prepared, index, rest.isEmpty() ? null : Json.write(rest));
                }
                index++;
            }
            prepared.executeUpdate();
        }
    }

    private static void bind(PreparedStatement statement, int index, Object value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.NULL);
        } else if (value instanceof String s) {
            statement.setString(index, s);
        } else if (value instanceof Long l) {
            statement.setLong(index, l);
        } else if (value instanceof Double d) {
            statement.setDouble(index, d);
        } else if (value instanceof Boolean b) {
            statement.setLong(index, b ? 1 : 0);
        } else {
            statement.setString(index, Json.write(value));
        }
    }
}
