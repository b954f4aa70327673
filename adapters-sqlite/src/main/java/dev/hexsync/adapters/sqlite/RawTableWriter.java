package dev.hexsync.adapters.sqlite;

import static dev.hexsync.adapters.sqlite.WriterStatements.quoteIdentifier;

import dev.hexsync.json.Json;
import dev.hexsync.json.JsonException;
import dev.hexsync.ports.schema.RawTable;
import dev.hexsync.ports.schema.RawTableStatement;
import dev.hexsync.ports.schema.RawTableStatement.Param;
import dev.hexsync.ports.schema.SchemaException;
import dev.hexsync.ports.storage.StorageBusyException;
import dev.hexsync.ports.storage.StorageException;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Puts and deletes synced rows of one raw table, as sync_local.rs does: with the statements of the
 * definition, or, when one is omitted, the statement the engine infers from the local table's columns
 * (raw_table.rs). Each statement is prepared on first use, so a definition error surfaces only when a row
 * needs it, as in the engine.
 */
final class RawTableWriter {
    // ---- raw_table.rs ----
    private static final String TABLE_COLUMNS = "select name from pragma_table_info(?)";

    private final Connection connection;
    private final RawTable table;
    private final SqliteContext.WriteHook hook;
    private final List<AutoCloseable> opened;
    private List<String> inferredColumns;
    private PreparedStatement put;
    private Prepared putDefinition;
    private PreparedStatement delete;
    private Prepared deleteDefinition;

    /**
     * A put or delete statement with what its parameters are bound to.
     *
     * @param namedColumns when a parameter is {@code Rest}: the columns the other parameters name (with
     *     {@code id} for an {@code Id} parameter), which Rest leaves out; else null
     */
    private record Prepared(String sql, List<Param> params, Set<String> namedColumns) {
        static Prepared of(RawTableStatement statement) {
            return of(statement.sql(), statement.params());
        }

        static Prepared of(String sql, List<Param> params) {
            Set<String> named = null;
            if (params.stream().anyMatch(p -> p instanceof Param.Rest)) {
                named = new HashSet<>();
                for (Param param : params) {
                    if (param instanceof Param.Id) {
                        named.add("id");
                    } else if (param instanceof Param.Column column) {
                        named.add(column.name());
                    }
                }
            }
            return new Prepared(sql, List.copyOf(params), named);
        }
    }

    RawTableWriter(Connection connection, RawTable table, List<AutoCloseable> opened, SqliteContext.WriteHook hook) {
        this.hook = hook;
        this.connection = connection;
        this.table = table;
        this.opened = opened;
    }

    void put(String id, String data) throws SQLException {
        if (put == null) {
            putDefinition = table.put().isPresent() ? Prepared.of(table.put().get()) : inferPut();
            put = prepare(putDefinition);
        }
        Map<String, Object> values = engineValues(id, data);
        bindForPut(id, values);
        execute(put, () -> "replacing into " + table.name() + ", id = " + id + ", data = " + data);
    }

    void delete(String id) throws SQLException {
        if (delete == null) {
            deleteDefinition = table.delete().isPresent() ? Prepared.of(table.delete().get()) : inferDelete();
            delete = prepare(deleteDefinition);
        }
        List<Param> params = deleteDefinition.params();
        for (int i = 0; i < params.size(); i++) {
            if (!(params.get(i) instanceof Param.Id)) {
                throw new SchemaException("Raw delete statement parameters must only reference id");
            }
            delete.setString(i + 1, id);
        }
        execute(delete, () -> "deleting from " + table.name() + ", id = " + id);
    }

    /**
     * The row's values as the engine's serde_json holds them. {@link Json#diff} against an empty object
     * parses with the engine's number model and re-spells every non-null member in the engine's form
     * (keys sorted, nested ones too); reading that back gives exactly the engine's numbers. Members that
     * are null are absent from the diff, so they come from the plain parse.
     */
    private Map<String, Object> engineValues(String id, String data) {
        try {
            Map<String, Object> plain = Json.parseObject(data);
            Map<String, Object> nonNull = Json.parseObject(Json.diff("{}", data));
            Map<String, Object> values = new LinkedHashMap<>();
            for (String key : plain.keySet()) {
                values.put(key, nonNull.get(key));
            }
            return values;
        } catch (JsonException e) {
            throw new StorageException("The synced data of " + table.name() + " row " + id
                    + " is not a JSON object: " + e.getMessage(), e);
        }
    }

    private void bindForPut(String id, Map<String, Object> values) throws SQLException {
        List<Param> params = putDefinition.params();
        String rest = null;
        if (putDefinition.namedColumns() != null) {
            rest = restObject(values, putDefinition.namedColumns());
        }
        for (int i = 0; i < params.size(); i++) {
            Param param = params.get(i);
            int index = i + 1;
            if (param instanceof Param.Id) {
                put.setString(index, id);
            } else if (param instanceof Param.Column column) {
                bindColumn(index, values.get(column.name()));
            } else if (rest == null) {
                put.setNull(index, Types.NULL);
            } else {
                put.setString(index, rest);
            }
        }
    }

    /**
     * Binds a synced value as the engine does: booleans as 0/1, every number as a double (serde_json's
     * {@code as_f64} answers for integers too), strings as text, anything else (null, arrays, objects) as
     * NULL.
     */
    private void bindColumn(int index, Object value) throws SQLException {
        if (value instanceof Boolean flag) {
            put.setInt(index, flag ? 1 : 0);
        } else if (value instanceof Long number) {
            put.setDouble(index, (double) number);
        } else if (value instanceof BigInteger number) {
            put.setDouble(index, number.doubleValue());
        } else if (value instanceof Double number) {
            put.setDouble(index, number);
        } else if (value instanceof String text) {
            put.setString(index, text);
        } else {
            put.setNull(index, Types.NULL);
        }
    }

    /** The members no other parameter names, as a JSON object with sorted keys; null when there are none. */
    private static String restObject(Map<String, Object> values, Set<String> named) {
        // serde_json's map is a BTreeMap: keys in UTF-8 byte order, which is code point order.
        TreeMap<String, Object> rest = new TreeMap<>(RawTableWriter::compareCodePoints);
        for (Map.Entry<String, Object> member : values.entrySet()) {
            if (!named.contains(member.getKey())) {
                rest.put(member.getKey(), member.getValue());
            }
        }
        return rest.isEmpty() ? null : Json.write(rest);
    }

    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }

    /** Runs a put or delete, naming the row in the error as the engine does. */
    private void execute(PreparedStatement statement, Supplier<String> context) throws SQLException {
        try {
            WriterStatements.execute(statement);
        } catch (SQLException e) {
            StorageException translated = SqliteErrors.translate(e);
            if (translated instanceof StorageBusyException) {
                throw translated;
            }
            throw new StorageException(translated.getMessage() + " (" + context.get() + ")",
                    translated.vendorCode(), e);
        }
    }

    private PreparedStatement prepare(Prepared definition) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(definition.sql());
        // The application's capture triggers on the raw table take the transaction's CRUD id even
        // though they skip writes made during a publish, as the engine's virtual table does.
        hook.beforeWrite(connection, definition.sql());
        opened.add(statement);
        int parameters = statement.getParameterMetaData().getParameterCount();
        if (parameters != definition.params().size()) {
            throw new SchemaException("Statement " + definition.sql() + " has " + parameters
                    + " parameters, but " + definition.params().size() + " values were provided as sources.");
        }
        return statement;
    }

    private Prepared inferPut() throws SQLException {
        String name = quoteIdentifier(localName());
        List<String> columns = inferredColumns();
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(name).append(" (id");
        List<Param> params = new ArrayList<>();
        params.add(Param.ID);
        for (String column : columns) {
            sql.append(", ").append(quoteIdentifier(column));
        }
        sql.append(") VALUES (?1");
        for (int i = 0; i < columns.size(); i++) {
            sql.append(", ?").append(i + 2);
            params.add(Param.column(columns.get(i)));
        }
        // Only the synced columns are updated, so local-only columns of an existing row survive.
        sql.append(") ON CONFLICT (id) DO UPDATE SET ");
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                sql.append(", ");
            }
            sql.append(quoteIdentifier(columns.get(i))).append(" = ?").append(i + 2);
        }
        return Prepared.of(sql.toString(), params);
    }

    private Prepared inferDelete() throws SQLException {
        return Prepared.of("DELETE FROM " + quoteIdentifier(localName()) + " WHERE id = ?", List.of(Param.ID));
    }

    private String localName() {
        return table.tableName().orElseThrow(() -> new SchemaException("Raw table " + table.name() + " has no local name"));
    }

    /** The local table's columns except {@code id}, restricted to {@code synced_columns} when given. */
    private List<String> inferredColumns() throws SQLException {
        if (inferredColumns != null) {
            return inferredColumns;
        }
        String name = localName();
        Set<String> synced = table.syncedColumns().<Set<String>>map(HashSet::new).orElse(null);
        boolean hasId = false;
        List<String> columns = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(TABLE_COLUMNS)) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    String column = rows.getString(1);
                    if (column.equals("id")) {
                        hasId = true;
                    } else if (synced == null || synced.contains(column)) {
                        columns.add(column);
                    }
                }
            }
        }
        if (!hasId && columns.isEmpty()) {
            throw new SchemaException("Could not find " + name + " in local schema.");
        }
        if (!hasId) {
            throw new SchemaException("Table " + name + " has no id column.");
        }
        inferredColumns = columns;
        return columns;
    }
}
