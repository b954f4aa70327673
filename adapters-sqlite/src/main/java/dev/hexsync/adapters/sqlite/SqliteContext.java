package dev.hexsync.adapters.sqlite;

import dev.hexsync.ports.api.RowMapper;
import dev.hexsync.ports.api.SqlRow;
import dev.hexsync.ports.api.WriteContext;
import dev.hexsync.ports.storage.MultipleStatementsException;
import dev.hexsync.ports.storage.StorageException;
import dev.hexsync.ports.storage.WriteInReadException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * Queries and statements on one connection, inside whatever transaction the caller opened. Valid only
 * while that transaction lasts; not for use from other threads.
 *
 * <p>Every call runs exactly one statement: text holding more is refused before anything runs
 * ({@link MultipleStatementsException}), since the driver would run the first and drop the rest. A read
 * context runs on a connection with {@code PRAGMA query_only} set (the session sees to that), so SQLite itself
 * refuses any statement that would write, whatever its form; that refusal is reported as
 * {@link WriteInReadException}.
 */
final class SqliteContext implements WriteContext {
    /** Runs before each write statement, with its SQL (see {@link CaptureTargets}). */
    interface WriteHook {
        void beforeWrite(Connection connection, String sql) throws SQLException;
    }

    private static final WriteHook NO_HOOK = (connection, sql) -> { };

    private final Connection connection;
    private final boolean readOnly;
    private final WriteHook hook;

    SqliteContext(Connection connection, boolean readOnly) {
        this(connection, readOnly, NO_HOOK);
    }

    SqliteContext(Connection connection, boolean readOnly, WriteHook hook) {
        this.connection = connection;
        this.readOnly = readOnly;
        this.hook = hook;
    }

    @Override
    public <T> List<T> getAll(String sql, List<?> params, RowMapper<T> mapper) {
        requireOneStatement("getAll", sql);
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, params);
            if (!readOnly) {
                // A write with a result (RETURNING) may also be run through getAll.
                hook.beforeWrite(connection, sql);
            }
            if (!statement.execute()) {
                return List.of();
            }
            try (ResultSet rows = statement.getResultSet()) {
                return map(rows, mapper);
            }
        } catch (SQLException e) {
            StorageException translated = SqliteErrors.translate(e);
            if (readOnly && SqliteErrors.isReadOnly(translated)) {
                throw writeInRead(sql, translated);
            }
            throw translated;
        }
    }

    @Override
    public long execute(String sql, List<?> params) {
        requireWritable(sql);
        requireOneStatement("execute", sql);
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, params);
            hook.beforeWrite(connection, sql);
            if (statement.execute()) {
                try (ResultSet rows = statement.getResultSet()) {
                    while (rows.next()) {
                        // Drain: a statement with a result (RETURNING, PRAGMA) runs to completion.
                    }
                }
                return 0;
            }
            return Math.max(0, statement.getLargeUpdateCount());
        } catch (SQLException e) {
            throw SqliteErrors.translate(e);
        }
    }

    @Override
    public void executeBatch(String sql, List<? extends List<?>> parameterSets) {
        requireWritable(sql);
        requireOneStatement("executeBatch", sql);
        // A savepoint keeps the batch all-or-nothing even when the caller catches the error and commits.
        inSavepoint(connection, "hexsync_batch", () -> {
            runBatch(sql, parameterSets);
            return null;
        });
    }

    /**
     * A batch that is its transaction's only work: the transaction's rollback already undoes a failure, so it
     * runs without the savepoint. Inside a savepoint, SQLite keeps every statement's page copies in the
     * statement journal until the savepoint ends; for statements on views, whose triggers write several tables,
     * that journal grows by pages per row and doubled the time of large batches.
     */
    void executeBatchAlone(String sql, List<? extends List<?>> parameterSets) {
        requireWritable(sql);
        requireOneStatement("executeBatch", sql);
        runBatch(sql, parameterSets);
    }

    private void runBatch(String sql, List<? extends List<?>> parameterSets) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            if (!parameterSets.isEmpty()) {
                hook.beforeWrite(connection, sql);
            }
            for (List<?> params : parameterSets) {
                bind(statement, params);
                statement.execute();
            }
        } catch (SQLException e) {
            throw SqliteErrors.translate(e);
        }
    }

    /** Runs {@code work} in a read transaction on {@code connection}, always rolled back. */
    static <T> T inReadTransaction(Connection connection, dev.hexsync.ports.api.ReadWork<T> work) {
        try {
            run(connection, "BEGIN");
            try {
                return work.run(new SqliteContext(connection, true));
            } finally {
                run(connection, "ROLLBACK");
            }
        } catch (SQLException e) {
            throw SqliteErrors.translate(e);
        }
    }

    /**
     * Runs {@code work} inside a savepoint of the open transaction: released when it returns, rolled back to
     * (and released) when it throws, so the transaction goes on without its effects.
     */
    static <T> T inSavepoint(Connection connection, String name, java.util.function.Supplier<T> work) {
        try {
            run(connection, "SAVEPOINT " + name);
            T result;
            try {
                result = work.get();
            } catch (RuntimeException | Error e) {
                run(connection, "ROLLBACK TO " + name);
                run(connection, "RELEASE " + name);
                throw e;
            }
            run(connection, "RELEASE " + name);
            return result;
        } catch (SQLException e) {
            throw SqliteErrors.translate(e);
        }
    }

    private static void run(Connection connection, String sql) throws SQLException {
        try (java.sql.Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private void requireWritable(String sql) {
        if (readOnly) {
            throw new WriteInReadException("Cannot write in a read transaction; run the statement outside it, or in a"
                    + " write transaction: " + sql, java.util.OptionalInt.empty(), null);
        }
    }

    private static WriteInReadException writeInRead(String sql, StorageException refused) {
        return new WriteInReadException("This statement writes, but it ran as a read (getAll on the database, or"
                + " inside a read transaction), which may only read; nothing was written. Run it with execute, or"
                + " with getAll inside a write transaction to get the rows of its RETURNING clause: " + sql,
                refused.vendorCode(), refused);
    }

    /**
     * Refuses text with more than one statement. Running all of them was the alternative; but with {@code ?}
     * parameters it is ambiguous which values belong to which statement, a failure halfway would leave the
     * first ones applied inside the caller's transaction, and the PowerSync SDKs' {@code execute} runs one
     * statement too.
     */
    static void requireOneStatement(String method, String sql) {
        java.util.OptionalInt second = StatementText.secondStatement(sql);
        if (second.isPresent()) {
            String rest = sql.substring(second.getAsInt()).strip();
            if (rest.length() > 60) {
                rest = rest.substring(0, 57) + "...";
            }
            throw new MultipleStatementsException(method + " runs one SQL statement, but this text holds more than"
                    + " one (the second begins: " + rest + "). Nothing ran. Run each statement with its own call;"
                    + " inside writeTransaction they commit together: " + sql);
        }
    }

    static void bind(PreparedStatement statement, List<?> params) throws SQLException {
        int expected = statement.getParameterMetaData().getParameterCount();
        if (params.size() != expected) {
            throw new StorageException("The statement has " + expected + " parameters but " + params.size()
                    + " values were given");
        }
        for (int i = 0; i < params.size(); i++) {
            Object value = params.get(i);
            int index = i + 1;
            if (value == null) {
                statement.setNull(index, Types.NULL);
            } else if (value instanceof String s) {
                statement.setString(index, s);
            } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
                statement.setLong(index, ((Number) value).longValue());
            } else if (value instanceof Double || value instanceof Float) {
                statement.setDouble(index, ((Number) value).doubleValue());
            } else if (value instanceof Boolean b) {
                statement.setLong(index, b ? 1 : 0);
            } else if (value instanceof byte[] bytes) {
                statement.setBytes(index, bytes);
            } else {
                throw new StorageException("Cannot bind parameter " + index + " of type " + value.getClass().getName()
                        + " (use String, Long, Integer, Double, Boolean, byte[] or null)");
            }
        }
    }

    static <T> List<T> map(ResultSet rows, RowMapper<T> mapper) throws SQLException {
        ResultSetMetaData meta = rows.getMetaData();
        int count = meta.getColumnCount();
        List<String> columns = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            columns.add(meta.getColumnLabel(i));
        }
        List<String> shared = List.copyOf(columns);
        List<T> result = new ArrayList<>();
        while (rows.next()) {
            Object[] values = new Object[count];
            for (int i = 0; i < count; i++) {
                values[i] = value(rows, i + 1);
            }
            result.add(mapper.map(new SqlRow(shared, values)));
        }
        return result;
    }

    /** The value with its SQLite storage class: Long, Double, String, byte[] or null. */
    private static Object value(ResultSet rows, int column) throws SQLException {
        Object value = rows.getObject(column);
        if (value instanceof Integer i) {
            return i.longValue();
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        return value;
    }
}
