package dev.hexsync.adapters.h2;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.HashMap;
import java.util.Map;

/**
 * The statements the sync roles run on the session's writer, prepared once by SQL text (a publish or a data line
 * runs the same few per row), with the JDBC helpers they share. Touched only under the session's write lock.
 */
final class H2Statements {
    private final H2Session session;
    private final Map<String, PreparedStatement> prepared = new HashMap<>();
    private Connection preparedOn;

    H2Statements(H2Session session) {
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
            throw H2Errors.translate(e);
        }
    }

    H2Session session() {
        return session;
    }

    /** The writer; the lookup also checks that the write lock is held. */
    Connection writer() {
        return session.writerConnection();
    }

    /** The writer's cached statement for {@code sql}. */
    PreparedStatement statement(String sql) throws SQLException {
        Connection writer = session.writerConnection();
        if (preparedOn != writer) {
            prepared.clear();
            preparedOn = writer;
        }
        PreparedStatement statement = prepared.get(sql);
        if (statement == null || statement.isClosed()) {
            statement = writer.prepareStatement(sql);
            prepared.put(sql, statement);
        }
        return statement;
    }

    /** Runs a cached statement with positional values; returns the update count. */
    int update(String sql, Object... values) throws SQLException {
        PreparedStatement statement = statement(sql);
        for (int i = 0; i < values.length; i++) {
            bind(statement, i + 1, values[i]);
        }
        return statement.executeUpdate();
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

    /** Reads a nullable BIGINT. */
    static Long nullableLong(ResultSet rows, String column) throws SQLException {
        long value = rows.getLong(column);
        return rows.wasNull() ? null : value;
    }
}
