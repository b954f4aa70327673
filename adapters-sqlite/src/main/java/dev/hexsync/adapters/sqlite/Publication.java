package dev.hexsync.adapters.sqlite;

import static dev.hexsync.adapters.sqlite.WriterStatements.quoteIdentifier;

import dev.hexsync.ports.schema.RawTable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where the rows of one publish go, found as the engine finds them: raw tables from the running sync's
 * schema first, then every {@code ps_data__<type>} table in the database, which wins over a raw table of
 * the same name. Statements that depend on the tables are prepared for this publish only.
 */
final class Publication implements AutoCloseable {
    private static final String UNTYPED_PUT = "REPLACE INTO ps_untyped(type, id, data) VALUES(?, ?, ?)";
    private static final String UNTYPED_DELETE = "DELETE FROM ps_untyped WHERE type = ? AND id = ?";
    private static final String DATA_TABLES =
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name GLOB 'ps_data_*'";
    /** Rows a publish holds back in one JDBC batch at most (bounds memory whatever the checkpoint's size). */
    private static final int PUBLISH_BATCH_ROWS = 1000;

    private static final String DATA_PREFIX = "ps_data__";
    private static final String LOCAL_DATA_PREFIX = "ps_data_local__";

    private final Connection connection;
    private final WriterStatements writer;
    private final Map<String, RawTableWriter> rawTables = new HashMap<>();
    private final Set<String> dataTables = new HashSet<>();
    private final Map<String, PreparedStatement> dataPuts = new HashMap<>();
    private final Map<String, PreparedStatement> dataDeletes = new HashMap<>();
    private final List<AutoCloseable> opened = new ArrayList<>();
    /** The statement whose rows are held back in a JDBC batch (see {@link #apply}), or null. */
    private PreparedStatement batch;
    private int batched;

    Publication(Connection connection, List<RawTable> raw, SqliteContext.WriteHook hook, WriterStatements writer)
            throws SQLException {
        this.connection = connection;
        this.writer = writer;
        for (RawTable table : raw) {
            rawTables.put(table.name(), new RawTableWriter(connection, table, opened, hook));
        }
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(DATA_TABLES)) {
            while (rows.next()) {
                String name = rows.getString(1);
                if (name.startsWith(LOCAL_DATA_PREFIX)) {
                    continue;
                }
                if (name.startsWith(DATA_PREFIX)) {
                    dataTables.add(name.substring(DATA_PREFIX.length()));
                }
            }
        }
    }

    /** The types that have a {@code ps_data__} table. */
    Set<String> dataTypes() {
        return dataTables;
    }

    /**
     * Writes the winning data of one row, or deletes the row when {@code data} is null (no PUT left). Writes
     * to {@code ps_data__} tables and {@code ps_untyped} are held back in a JDBC batch; they still run in
     * candidate order, since a batch is only ever continued by the same statement and is flushed before any
     * other write (raw tables write at once: their statements are the application's, triggers and all).
     */
    void apply(String type, String id, String data) throws SQLException {
        if (dataTables.contains(type)) {
            if (data == null) {
                enqueue(prepared(dataDeletes, type,
                        "DELETE FROM " + quoteIdentifier(DATA_PREFIX + type) + " WHERE id = ?"), id);
            } else {
                enqueue(prepared(dataPuts, type,
                        "REPLACE INTO " + quoteIdentifier(DATA_PREFIX + type) + "(id, data) VALUES (?, ?)"), id, data);
            }
            return;
        }
        RawTableWriter raw = rawTables.get(type);
        if (raw != null) {
            flush();
            if (data == null) {
                raw.delete(id);
            } else {
                raw.put(id, data);
            }
            return;
        }
        if (data == null) {
            enqueue(writer.statement(UNTYPED_DELETE), type, id);
        } else {
            enqueue(writer.statement(UNTYPED_PUT), type, id, data);
        }
    }

    private void enqueue(PreparedStatement statement, String... values) throws SQLException {
        if (statement != batch) {
            flush();
        }
        for (int i = 0; i < values.length; i++) {
            statement.setString(i + 1, values[i]);
        }
        statement.addBatch();
        batch = statement;
        if (++batched == PUBLISH_BATCH_ROWS) {
            flush();
        }
    }

    /** Runs the held-back writes; called before any other write and when the candidates are done. */
    void flush() throws SQLException {
        PreparedStatement pending = batch;
        if (pending == null) {
            return;
        }
        batch = null;
        batched = 0;
        try {
            pending.executeBatch();
        } finally {
            pending.clearBatch();
        }
    }

    private PreparedStatement prepared(Map<String, PreparedStatement> cache, String type, String sql)
            throws SQLException {
        PreparedStatement statement = cache.get(type);
        if (statement == null) {
            statement = connection.prepareStatement(sql);
            opened.add(statement);
            cache.put(type, statement);
        }
        return statement;
    }

    @Override
    public void close() throws SQLException {
        SQLException failure = null;
        if (batch != null) {
            // A publish that failed: its held-back rows must not run with a later batch of a cached statement.
            PreparedStatement abandoned = batch;
            batch = null;
            batched = 0;
            try {
                abandoned.clearBatch();
            } catch (SQLException e) {
                failure = e;
            }
        }
        for (AutoCloseable resource : opened) {
            try {
                resource.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e instanceof SQLException sql ? sql : new SQLException(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
