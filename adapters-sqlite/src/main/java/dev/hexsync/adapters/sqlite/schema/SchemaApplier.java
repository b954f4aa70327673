package dev.hexsync.adapters.sqlite.schema;

import static dev.hexsync.adapters.sqlite.schema.SqlText.identifier;

import dev.hexsync.ports.schema.Schema;
import dev.hexsync.ports.schema.SchemaException;
import dev.hexsync.ports.schema.Table;
import dev.hexsync.ports.storage.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a database's tables, views, triggers and indexes match a schema, as the engine's
 * {@code powersync_replace_schema} does: tables whose definition is unchanged are left alone (their objects
 * are only recreated when the generated SQL differs); a synced table dropped from the schema moves its rows
 * to {@code ps_untyped}; a synced table that appears adopts the rows of its type from {@code ps_untyped}.
 * Runs inside the caller's write transaction.
 *
 * <p>Like the engine, a local-only table that the schema drops, or turns into a synced one, loses its rows:
 * they were never uploaded and the engine keeps no copy (oracle scenarios {@code crud/41} and {@code crud/54}).
 * hexsync does the same, but not silently: each such drop is logged as a WARNING naming the table and the
 * number of rows. A synced table turned local-only keeps its rows aside in {@code ps_untyped} (logged at INFO),
 * and gets them back when it is synced again.
 */
public final class SchemaApplier {
    private static final int SQLITE_ERROR = 1;
    private static final Logger LOG = LoggerFactory.getLogger(SchemaApplier.class);

    private SchemaApplier() {
    }

    public static void apply(Connection connection, Schema schema) throws SQLException {
        for (Table table : schema.tables()) {
            if (table.columns().size() > Schema.MAX_COLUMNS) {
                throw new SchemaException("table '" + table.name() + "' has " + table.columns().size()
                        + " columns; a table may have at most " + Schema.MAX_COLUMNS);
            }
        }
        Map<String, TableSql> desired = new LinkedHashMap<>();
        for (Table table : schema.tables()) {
            TableSql sql = new TableSql(table);
            if (desired.put(sql.internalName(), sql) != null) {
                // As the engine: its second CREATE TABLE fails (SQLITE_ERROR). Schema.validate() refuses it earlier.
                throw new StorageException("Duplicate table name '" + table.name() + "': table "
                        + identifier(sql.internalName()) + " already exists", OptionalInt.of(SQLITE_ERROR), null);
            }
        }
        try (Statement statement = connection.createStatement()) {
            for (String sql : schema.rawTables().isEmpty() ? RawTableCapture.drop() : RawTableCapture.create()) {
                statement.execute(sql);
            }
            syncDataTables(connection, statement, desired);
            syncViews(connection, statement, desired);
            syncTriggers(connection, statement, desired);
            syncIndexes(connection, statement, desired);
        }
    }

    private static void syncDataTables(Connection connection, Statement statement, Map<String, TableSql> desired)
            throws SQLException {
        Set<String> existing = names(connection, "SELECT name FROM sqlite_master WHERE type = 'table'"
                + " AND (name GLOB 'ps_data__*' OR name GLOB 'ps_data_local__*')");
        for (String name : existing) {
            if (desired.containsKey(name)) {
                continue;
            }
            if (name.startsWith("ps_data__")) {
                // Keep synced rows of a table the schema no longer has: a later schema may bring it back.
                String type = name.substring("ps_data__".length());
                int kept;
                try (PreparedStatement move = connection.prepareStatement(
                        "INSERT OR REPLACE INTO ps_untyped(type, id, data) SELECT ?, id, data FROM " + identifier(name))) {
                    move.setString(1, type);
                    kept = move.executeUpdate();
                }
                if (kept > 0 && desired.containsKey("ps_data_local__" + type)) {
                    LOG.info("Schema change: table '{}' became local-only; its {} synced"
                            + " rows are kept aside and come back if it is synced again, and the local-only table"
                            + " starts empty", type, kept);
                }
            } else {
                warnOfDroppedLocalRows(connection, name, desired);
            }
            statement.execute("DROP TABLE " + identifier(name));
        }
        for (Map.Entry<String, TableSql> entry : desired.entrySet()) {
            if (existing.contains(entry.getKey())) {
                continue;
            }
            statement.execute(entry.getValue().createTable());
            if (entry.getKey().startsWith("ps_data__")) {
                String type = entry.getKey().substring("ps_data__".length());
                try (PreparedStatement adopt = connection.prepareStatement("INSERT INTO " + identifier(entry.getKey())
                        + "(id, data) SELECT id, data FROM ps_untyped WHERE type = ?");
                        PreparedStatement forget = connection.prepareStatement("DELETE FROM ps_untyped WHERE type = ?")) {
                    adopt.setString(1, type);
                    adopt.executeUpdate();
                    forget.setString(1, type);
                    forget.executeUpdate();
                }
            }
        }
    }

    /**
     * A local-only table about to be dropped: its rows go with it (as in the engine), which the application must
     * hear of.
     */
    private static void warnOfDroppedLocalRows(Connection connection, String name, Map<String, TableSql> desired)
            throws SQLException {
        long rows;
        try (Statement count = connection.createStatement();
                ResultSet result = count.executeQuery("SELECT count(*) FROM " + identifier(name))) {
            rows = result.getLong(1);
        }
        if (rows == 0) {
            return;
        }
        String table = name.substring("ps_data_local__".length());
        String why = desired.containsKey("ps_data__" + table) ? "became synced" : "is no longer in the schema";
        LOG.warn("Schema change: local-only table '{}' {}; its {} rows were dropped"
                + " (local-only rows are never uploaded, and the PowerSync engine drops them too)", table, why, rows);
    }

    private static void syncViews(Connection connection, Statement statement, Map<String, TableSql> desired)
            throws SQLException {
        Map<String, String> wanted = new LinkedHashMap<>();
        for (TableSql table : desired.values()) {
            wanted.put(table.viewName(), table.view());
        }
        Map<String, String> existing = objects(connection, "SELECT name, sql FROM sqlite_master WHERE type = 'view'"
                + " AND sql GLOB '*" + TableSql.VIEW_MARKER + "'");
        for (Map.Entry<String, String> view : existing.entrySet()) {
            if (!view.getValue().equals(wanted.get(view.getKey()))) {
                statement.execute("DROP VIEW " + identifier(view.getKey()));
            }
        }
        for (Map.Entry<String, String> view : wanted.entrySet()) {
            if (!view.getValue().equals(existing.get(view.getKey()))) {
                statement.execute(view.getValue());
            }
        }
    }

    private static void syncTriggers(Connection connection, Statement statement, Map<String, TableSql> desired)
            throws SQLException {
        Map<String, String> wanted = new LinkedHashMap<>();
        for (TableSql table : desired.values()) {
            wanted.putAll(table.triggers());
        }
        Map<String, String> existing = objects(connection,
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name GLOB 'ps_view_*'");
        for (Map.Entry<String, String> trigger : existing.entrySet()) {
            if (!trigger.getValue().equals(wanted.get(trigger.getKey()))) {
                statement.execute("DROP TRIGGER " + identifier(trigger.getKey()));
            }
        }
        for (Map.Entry<String, String> trigger : wanted.entrySet()) {
            if (!trigger.getValue().equals(existing.get(trigger.getKey()))) {
                statement.execute(trigger.getValue());
            }
        }
    }

    private static void syncIndexes(Connection connection, Statement statement, Map<String, TableSql> desired)
            throws SQLException {
        Map<String, String> wanted = new LinkedHashMap<>();
        for (TableSql table : desired.values()) {
            wanted.putAll(table.indexes());
        }
        Map<String, String> existing = objects(connection, "SELECT name, sql FROM sqlite_master WHERE type = 'index'"
                + " AND sql IS NOT NULL AND (name GLOB 'ps_data__*' OR name GLOB 'ps_data_local__*')");
        for (Map.Entry<String, String> index : existing.entrySet()) {
            if (!index.getValue().equals(wanted.get(index.getKey()))) {
                statement.execute("DROP INDEX " + identifier(index.getKey()));
            }
        }
        for (Map.Entry<String, String> index : wanted.entrySet()) {
            if (!index.getValue().equals(existing.get(index.getKey()))) {
                statement.execute(index.getValue());
            }
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

    private static Map<String, String> objects(Connection connection, String sql) throws SQLException {
        Map<String, String> objects = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                objects.put(rows.getString(1), rows.getString(2));
            }
        }
        return objects;
    }
}
