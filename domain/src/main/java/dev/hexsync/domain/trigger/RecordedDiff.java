package dev.hexsync.domain.trigger;

import dev.hexsync.ports.api.DiffContext;
import dev.hexsync.ports.api.RowMapper;
import dev.hexsync.ports.api.SqlValues;
import dev.hexsync.ports.api.WriteContext;
import dev.hexsync.domain.database.SqlParameters;
import dev.hexsync.ports.storage.TriggerStore;
import java.util.List;

/**
 * The changes a tracked table recorded, seen from inside the handler's write transaction. Parameters are converted
 * to their SQL forms here, as on the database itself ({@link SqlParameters}).
 */
final class RecordedDiff implements DiffContext {
    private final WriteContext transaction;
    private final TriggerStore store;
    private final String destination;
    private final List<String> columns;

    RecordedDiff(WriteContext transaction, TriggerStore store, String destination, List<String> columns) {
        this.transaction = transaction;
        this.store = store;
        this.destination = destination;
        this.columns = List.copyOf(columns);
    }

    @Override
    public String destination() {
        return destination;
    }

    @Override
    public <T> List<T> withDiff(String query, List<?> params, RowMapper<T> mapper) {
        return store.readDiff(destination, query, SqlValues.toSql(params), mapper);
    }

    @Override
    public <T> List<T> withExtractedDiff(String query, List<?> params, RowMapper<T> mapper) {
        return store.readExtractedDiff(destination, columns, query, SqlValues.toSql(params), mapper);
    }

    @Override
    public <T> List<T> getAll(String sql, List<?> params, RowMapper<T> mapper) {
        return transaction.getAll(sql, SqlValues.toSql(params), mapper);
    }

    @Override
    public long execute(String sql, List<?> params) {
        return transaction.execute(sql, SqlValues.toSql(params));
    }

    @Override
    public void executeBatch(String sql, List<? extends List<?>> parameterSets) {
        transaction.executeBatch(sql, SqlParameters.convertSets(parameterSets));
    }
}
