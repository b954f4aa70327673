package dev.hexsync.adapters.h2.schema;

import static dev.hexsync.adapters.h2.schema.H2TableSql.quote;

import dev.hexsync.ports.schema.Schema;
import dev.hexsync.ports.schema.SchemaException;
import dev.hexsync.ports.schema.Table;
import dev.hexsync.schema.json.SchemaJson;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Makes an H2 database's tables and views match a schema, with the rules of the engine's
 * {@code powersync_replace_schema}: a synced table dropped from the schema moves its rows to {@code ps_untyped}, a
 * synced table that appears adopts its type's rows from there, a dropped local-only table loses its rows (logged
 * as a WARNING with their number). Views and their triggers are recreated on every call (cheap; H2 has no
 * stored text to compare with); the same schema again changes nothing. Runs inside the caller's write transaction.
 */
public final class H2SchemaApplier {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(H2SchemaApplier.class);

    private H2SchemaApplier() {
    }

    public static void apply(Connection connection, Schema schema) throws SQLException {
        Map<String, Table> desired = new LinkedHashMap<>();
        for (Table table : schema.tables()) {
            if (table.columns().size() > Schema.MAX_COLUMNS) {
                throw new SchemaException("table '" + table.name() + "' has " + table.columns().size()
                        + " columns; a table may have at most " + Schema.MAX_COLUMNS);
            }
            if (desired.put(H2TableSql.internalName(table).toLowerCase(java.util.Locale.ROOT), table) != null) {
                throw new SchemaException("Duplicate table name '" + table.name() + "'");
            }
        }
        String schemaJson = SchemaJson.write(schema);
        try (PreparedStatement recorded = connection.prepareStatement(
                "SELECT schema_json FROM hexsync_h2_schema WHERE id = 1");
                ResultSet rows = recorded.executeQuery()) {
            if (rows.next() && rows.getString(1).equals(schemaJson)) {
                // The same schema again: nothing to change (H2 commits every DDL statement, so none runs).
                return;
            }
        }
        try (Statement statement = connection.createStatement()) {
            for (String view : names(connection, "SELECT table_name FROM information_schema.views"
                    + " WHERE table_schema = 'public'")) {
                statement.execute("DROP VIEW IF EXISTS " + quote(view) + " CASCADE");
            }
            try (PreparedStatement record = connection.prepareStatement(
                    "MERGE INTO hexsync_h2_schema(id, schema_json) KEY(id) VALUES (1, ?)")) {
                record.setString(1, schemaJson);
                record.executeUpdate();
            }
            for (String name : dataTables(connection)) {
                if (!desired.containsKey(name.toLowerCase(java.util.Locale.ROOT))) {
                    retire(connection, statement, name);
                }
            }
            for (Table table : schema.tables()) {
                String internal = H2TableSql.internalName(table);
                boolean existed = !names(connection, "SELECT table_name FROM information_schema.tables"
                        + " WHERE table_schema = 'public' AND lower(table_name) = lower('" + internal.replace("'", "''")
                        + "')").isEmpty();
                statement.execute(H2TableSql.createTable(internal));
                if (!existed && !table.options().localOnly()) {
                    adopt(connection, table, internal);
                }
                statement.execute(H2TableSql.createView(table));
                for (String trigger : H2TableSql.createTriggers(table)) {
                    statement.execute(trigger);
                }
            }
        }
    }

    /** A table the schema no longer has: synced rows go to ps_untyped, local-only rows are dropped (and logged). */
    private static void retire(Connection connection, Statement statement, String name) throws SQLException {
        if (name.startsWith("ps_data__")) {
            String type = name.substring("ps_data__".length());
            try (PreparedStatement move = connection.prepareStatement("MERGE INTO ps_untyped(type, id, data) KEY(type, id)"
                    + " SELECT ?, id, data FROM " + quote(name))) {
                move.setString(1, type);
                int kept = move.executeUpdate();
                LOG.info("Table '{}' left the schema; its {} synced rows are kept in"
                        + " ps_untyped", type, kept);
            }
        } else {
            long rows = count(connection, name);
            if (rows > 0) {
                LOG.warn("Local-only table '{}' left the schema or became synced: its"
                        + " {} rows were never uploaded and are dropped", name.substring("ps_data_local__".length()), rows);
            }
        }
        statement.execute("DROP TABLE " + quote(name));
    }

    /** A synced table that appears takes the rows of its type from ps_untyped. */
    private static void adopt(Connection connection, Table table, String internal) throws SQLException {
        try (PreparedStatement move = connection.prepareStatement("INSERT INTO " + quote(internal)
                + "(id, data) SELECT id, data FROM ps_untyped WHERE type = ?");
                PreparedStatement delete = connection.prepareStatement("DELETE FROM ps_untyped WHERE type = ?")) {
            move.setString(1, table.name());
            move.executeUpdate();
            delete.setString(1, table.name());
            delete.executeUpdate();
        }
    }

    /** The {@code ps_data__} and {@code ps_data_local__} tables of the database. */
    public static Set<String> dataTables(Connection connection) throws SQLException {
        return names(connection, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
                + " AND table_type = 'BASE TABLE' AND (table_name LIKE 'ps\\_data\\_\\_%' ESCAPE '\\'"
                + " OR table_name LIKE 'ps\\_data\\_local\\_\\_%' ESCAPE '\\')");
    }

    private static long count(Connection connection, String table) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + quote(table))) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static Set<String> names(Connection connection, String sql) throws SQLException {
        Set<String> names = new LinkedHashSet<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }
}
