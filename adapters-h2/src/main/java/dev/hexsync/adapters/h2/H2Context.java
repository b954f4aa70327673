package dev.hexsync.adapters.h2;

import dev.hexsync.ports.api.RowMapper;
import dev.hexsync.ports.api.SqlRow;
import dev.hexsync.ports.api.WriteContext;
import dev.hexsync.ports.storage.MultipleStatementsException;
import dev.hexsync.ports.storage.StorageException;
import dev.hexsync.ports.storage.WriteInReadException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Queries and statements on one H2 connection, inside whatever transaction the caller opened; one statement
 * per call, as on SQLite. Values come back as the port's storage classes (Long, Double, String, byte[] or null),
 * whatever H2 type the column has.
 *
 * <p>H2 has no {@code RETURNING} clause; a trailing one is rewritten to H2's data change delta tables
 * ({@code SELECT cols FROM OLD TABLE (DELETE ...)}, {@code FINAL TABLE} for INSERT and UPDATE). A read context
 * runs queries only: H2 refuses anything else through {@code executeQuery}, and a rewritten RETURNING, which is a
 * query that writes, is refused before it runs.
 */
final class H2Context implements WriteContext {
    /** Runs before each write statement, with its SQL. */
    interface WriteHook {
        void beforeWrite(Connection connection, String sql) throws SQLException;
    }

    private static final WriteHook NO_HOOK = (connection, sql) -> { };
    private static final Pattern RETURNING = Pattern.compile("(?is)^\\s*(insert|update|delete)\\b(.*?)\\s+returning\\s+(.+?)\\s*;?\\s*$");
    /** H2's ErrorCode.METHOD_ONLY_ALLOWED_FOR_QUERY: executeQuery on a statement that is no query. */
    private static final int NOT_A_QUERY = 90002;

    private final Connection connection;
    private final boolean readOnly;
    private final WriteHook hook;

    H2Context(Connection connection, boolean readOnly, WriteHook hook) {
        this.connection = connection;
        this.readOnly = readOnly;
        this.hook = hook;
    }

    @Override
    public <T> List<T> getAll(String sql, List<?> params, RowMapper<T> mapper) {
        requireOneStatement("getAll", sql);
        String rewritten = rewriteReturning(sql);
        if (readOnly && rewritten != null) {
            throw writeInRead(sql, null);
        }
        String text = rewritten != null ? rewritten : sql;
        try (PreparedStatement statement = connection.prepareStatement(text)) {
            bind(statement, params);
            if (readOnly) {
                try (ResultSet rows = statement.executeQuery()) {
                    return map(rows, mapper);
                }
            }
            hook.beforeWrite(connection, sql);
            if (!statement.execute()) {
                return List.of();
            }
            try (ResultSet rows = statement.getResultSet()) {
                return map(rows, mapper);
            }
        } catch (SQLException e) {
            if (readOnly && e.getErrorCode() == NOT_A_QUERY) {
                throw writeInRead(sql, H2Errors.translate(e));
            }
            throw H2Errors.translate(e);
        }
    }

    @Override
    public long execute(String sql, List<?> params) {
        requireWritable(sql);
        requireOneStatement("execute", sql);
        String rewritten = rewriteReturning(sql);
        try (PreparedStatement statement = connection.prepareStatement(rewritten != null ? rewritten : sql)) {
            bind(statement, params);
            hook.beforeWrite(connection, sql);
            if (statement.execute()) {
                try (ResultSet rows = statement.getResultSet()) {
                    while (rows.next()) {
                        // Drain: the rows of a RETURNING clause nobody asked for.
                    }
                }
                return 0;
            }
            return Math.max(0, statement.getLargeUpdateCount());
        } catch (SQLException e) {
            throw H2Errors.translate(e);
        }
    }

    @Override
    public void executeBatch(String sql, List<? extends List<?>> parameterSets) {
        requireWritable(sql);
        requireOneStatement("executeBatch", sql);
        // A savepoint keeps the batch all-or-nothing even when the caller catches the error and commits.
        inSavepoint(connection, () -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                if (!parameterSets.isEmpty()) {
                    hook.beforeWrite(connection, sql);
                }
                for (List<?> params : parameterSets) {
                    bind(statement, params);
                    statement.execute();
                }
            } catch (SQLException e) {
                throw H2Errors.translate(e);
            }
            return null;
        });
    }

    /**
     * Runs {@code work} inside a savepoint of the open transaction: released when it returns, rolled back to when it
     * throws, so the transaction goes on without its effects.
     */
    static <T> T inSavepoint(Connection connection, java.util.function.Supplier<T> work) {
        java.sql.Savepoint savepoint;
        try {
            savepoint = connection.setSavepoint();
        } catch (SQLException e) {
            throw H2Errors.translate(e);
        }
        T result;
        try {
            result = work.get();
        } catch (RuntimeException | Error e) {
            try {
                connection.rollback(savepoint);
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            throw e;
        }
        try {
            connection.releaseSavepoint(savepoint);
        } catch (SQLException e) {
            throw H2Errors.translate(e);
        }
        return result;
    }

    /** The H2 form of a statement ending in {@code RETURNING cols}, or null when it has none. */
    static String rewriteReturning(String sql) {
        if (indexOfIgnoreCase(sql, "returning") < 0) {
            return null;
        }
        Matcher matcher = RETURNING.matcher(sql);
        if (!matcher.matches()) {
            return null;
        }
        String verb = matcher.group(1);
        String delta = verb.equalsIgnoreCase("delete") ? "OLD" : "FINAL";
        return "SELECT " + matcher.group(3) + " FROM " + delta + " TABLE (" + verb + matcher.group(2) + ")";
    }

    private static int indexOfIgnoreCase(String text, String word) {
        return text.toLowerCase(java.util.Locale.ROOT).indexOf(word);
    }

    private void requireWritable(String sql) {
        if (readOnly) {
            throw new WriteInReadException("Cannot write in a read transaction; run the statement outside it, or in a"
                    + " write transaction: " + sql, OptionalInt.empty(), null);
        }
    }

    private static WriteInReadException writeInRead(String sql, StorageException refused) {
        return new WriteInReadException("This statement writes, but it ran as a read (getAll on the database, or"
                + " inside a read transaction), which may only read; nothing was written. Run it with execute, or"
                + " with getAll inside a write transaction to get the rows of its RETURNING clause: " + sql,
                refused == null ? OptionalInt.empty() : refused.vendorCode(), refused);
    }

    /** Refuses text with more than one statement, as the SQLite adapter does and for the same reasons. */
    static void requireOneStatement(String method, String sql) {
        OptionalInt second = StatementText.secondStatement(sql);
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
                values[i] = value(rows.getObject(i + 1));
            }
            result.add(mapper.map(new SqlRow(shared, values)));
        }
        return result;
    }

    /** An H2 value as one of the port's storage classes: Long, Double, String, byte[] or null. */
    static Object value(Object value) {
        if (value == null || value instanceof Long || value instanceof Double || value instanceof String
                || value instanceof byte[]) {
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
        if (value instanceof BigInteger big) {
            return big.bitLength() < 64 ? (Object) big.longValue() : big.doubleValue();
        }
        if (value instanceof BigDecimal big) {
            if (big.scale() <= 0 || big.stripTrailingZeros().scale() <= 0) {
                try {
                    return big.longValueExact();
                } catch (ArithmeticException e) {
                    return big.doubleValue();
                }
            }
            return big.doubleValue();
        }
        if (value instanceof java.sql.Clob clob) {
            try {
                return clob.getSubString(1, (int) clob.length());
            } catch (SQLException e) {
                throw H2Errors.translate(e);
            }
        }
        return value.toString();
    }
}
