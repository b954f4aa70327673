package dev.hexsync.adapters.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.HashMap;
import java.util.Map;

/**
 * The statements the sync stores run on the session's writer, prepared once by SQL text and kept until the
 * session closes ({@link #close()}), with the few JDBC helpers they share. One per session: every store of
 * the session uses the same cache, so one statement text is prepared once whichever store runs it.
 */
final class WriterStatements {
    private final SqliteSession session;
    /** Prepared statements of the writer by SQL text; touched only under the session's write lock. */
    private final Map<String, PreparedStatement> prepared = new HashMap<>();

    WriterStatements(SqliteSession session) {
        this.session = session;
    }

    /** Work on the writer that may fail with a driver exception. */
    @FunctionalInterface
    interface SqlWork<T> {
        T run() throws SQLException;
    }

    /** Runs {@code work}, turning driver exceptions into the port's typed errors. */
    <T> T run(SqlWork<T> work) {
        try {
            return work.run();
        } catch (SQLException e) {
            throw SqliteErrors.translate(e);
        }
    }

    /** The writer; the lookup also checks that the write lock is held. */
    Connection writer() {
        return session.writerConnection();
    }

    /** The writer's cached statement for {@code sql}; the writer lookup also checks the write lock is held. */
    PreparedStatement statement(String sql) throws SQLException {
        Connection writer = session.writerConnection();
        PreparedStatement statement = prepared.get(sql);
        if (statement == null) {
            statement = writer.prepareStatement(sql);
            prepared.put(sql, statement);
        }
        return statement;
    }

    /** Runs a cached statement with positional values (see {@link #bind}), draining any RETURNING rows. */
    Void update(String sql, Object... values) throws SQLException {
        PreparedStatement statement = statement(sql);
        for (int i = 0; i < values.length; i++) {
            bind(statement, i + 1, values[i]);
        }
        execute(statement);
        return null;
    }

    /** Finalizes the cached statements; the session calls it (under its write lock) before closing the writer. */
    void close() {
        for (PreparedStatement statement : prepared.values()) {
            try {
                statement.close();
            } catch (SQLException e) {
                // The connection is closed next, which finalizes whatever is left.
            }
        }
        prepared.clear();
    }

    static void execute(PreparedStatement statement) throws SQLException {
        if (statement.execute()) {
            try (ResultSet rows = statement.getResultSet()) {
                while (rows.next()) {
                    // A statement with a result runs to completion only when stepped through.
                }
            }
        }
    }

    static void bind(PreparedStatement statement, int index, Object value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.NULL);
        } else if (value instanceof String text) {
            statement.setString(index, text);
        } else if (value instanceof Integer number) {
            statement.setInt(index, number);
        } else if (value instanceof Long number) {
            statement.setLong(index, number);
        } else if (value instanceof Double number) {
            statement.setDouble(index, number);
        } else {
            throw new IllegalArgumentException("Cannot bind " + value.getClass().getName());
        }
    }

    static String quoteIdentifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }
}
