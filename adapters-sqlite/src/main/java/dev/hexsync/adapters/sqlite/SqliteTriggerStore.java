package dev.hexsync.adapters.sqlite;

import dev.hexsync.adapters.sqlite.schema.DiffTriggerSql;
import dev.hexsync.ports.api.RowMapper;
import dev.hexsync.ports.schema.Table;
import dev.hexsync.ports.storage.DiffTriggerDefinition;
import dev.hexsync.ports.storage.TriggerStore;
import java.util.List;

/** Diff triggers in SQLite: statements on the session's writer, inside {@link SqliteSession#write}. */
final class SqliteTriggerStore implements TriggerStore {
    private final SqliteSession session;

    SqliteTriggerStore(SqliteSession session) {
        this.session = session;
    }

    @Override
    public void createDestination(String table, boolean temporary) {
        writer().execute(DiffTriggerSql.createDestination(table, temporary), List.of());
    }

    @Override
    public String rowColumn(Table source, String row, String column) {
        return DiffTriggerSql.rowColumn(source, row, column);
    }

    @Override
    public void createTrigger(DiffTriggerDefinition trigger) {
        writer().execute(DiffTriggerSql.createTrigger(trigger), List.of());
    }

    @Override
    public List<String> storedTriggerNames(String prefix) {
        return writer().getAll(DiffTriggerSql.STORED_TRIGGERS_WITH_PREFIX, List.of(prefix),
                row -> (String) row.get(0));
    }

    @Override
    public void dropTrigger(String name) {
        writer().execute(DiffTriggerSql.dropTrigger(name), List.of());
    }

    @Override
    public void dropTable(String table) {
        writer().execute(DiffTriggerSql.dropTable(table), List.of());
    }

    @Override
    public boolean isEmpty(String table) {
        return writer().get(DiffTriggerSql.isEmpty(table), List.of(), row -> ((Number) row.get(0)).longValue()) == 1L;
    }

    @Override
    public void clear(String table) {
        writer().execute(DiffTriggerSql.clear(table), List.of());
    }

    @Override
    public <T> List<T> readDiff(String destination, String query, List<?> params, RowMapper<T> mapper) {
        return transaction().getAll(DiffTriggerSql.diffQuery(destination, query), params, mapper);
    }

    @Override
    public <T> List<T> readExtractedDiff(String destination, List<String> columns, String query, List<?> params,
            RowMapper<T> mapper) {
        return transaction().getAll(DiffTriggerSql.extractedDiffQuery(destination, columns, query), params, mapper);
    }

    /** The writer as the application's own statements in a write transaction see it (with capture). */
    private SqliteContext transaction() {
        return new SqliteContext(session.writerConnection(), false, session.captureHook());
    }

    private SqliteContext writer() {
        return new SqliteContext(session.writerConnection(), false);
    }
}
