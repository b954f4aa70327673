package dev.hexsync.domain.database;

import dev.hexsync.ports.api.ReadContext;
import dev.hexsync.ports.api.RowMapper;
import dev.hexsync.ports.api.SqlValues;
import dev.hexsync.ports.api.WriteContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Converts the application's parameters to their SQL forms ({@link SqlValues}) before they reach the storage
 * engine, so that every engine binds {@code UUID}, {@code Instant}, {@code BigDecimal}, enums... alike and none has
 * to know those types. The database's own queries convert directly; a transaction's context is wrapped.
 */
public final class SqlParameters {
    private SqlParameters() {
    }

    /** Each parameter set converted; see {@link SqlValues#toSql(List)}. */
    public static List<List<Object>> convertSets(List<? extends List<?>> parameterSets) {
        List<List<Object>> converted = new ArrayList<>(parameterSets.size());
        for (List<?> set : parameterSets) {
            converted.add(SqlValues.toSql(set));
        }
        return converted;
    }

    /** {@code context} with every query's parameters converted. */
    public static ReadContext converting(ReadContext context) {
        return new ConvertingRead(context);
    }

    /** {@code context} with every statement's and query's parameters converted. */
    public static WriteContext converting(WriteContext context) {
        return new ConvertingWrite(context);
    }

    private record ConvertingRead(ReadContext delegate) implements ReadContext {
        @Override
        public <T> List<T> getAll(String sql, List<?> params, RowMapper<T> mapper) {
            return delegate.getAll(sql, SqlValues.toSql(params), mapper);
        }
    }

    private record ConvertingWrite(WriteContext delegate) implements WriteContext {
        @Override
        public <T> List<T> getAll(String sql, List<?> params, RowMapper<T> mapper) {
            return delegate.getAll(sql, SqlValues.toSql(params), mapper);
        }

        @Override
        public long execute(String sql, List<?> params) {
            return delegate.execute(sql, SqlValues.toSql(params));
        }

        @Override
        public void executeBatch(String sql, List<? extends List<?>> parameterSets) {
            delegate.executeBatch(sql, convertSets(parameterSets));
        }
    }
}
