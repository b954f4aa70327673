package dev.hexsync.domain.database;

import dev.hexsync.ports.api.ReadWork;
import dev.hexsync.ports.api.RowMapper;
import dev.hexsync.ports.api.SqlValues;
import dev.hexsync.ports.api.WriteWork;
import dev.hexsync.ports.schema.Schema;
import dev.hexsync.ports.storage.SqlSession;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.Objects;

/**
 * The application's SQL on the storage session: queries, statements, transactions, and the schema they see. Every
 * parameter reaches the session in its SQL form ({@link SqlParameters}).
 */
public final class SqlAccess {
    private final SqlSession session;
    private final Executor blockingWork;
    private volatile Schema schema;

    /**
     * @param schema the schema already applied to {@code session}
     * @param blockingWork where the {@code ...Async} calls run (the scheduler's threads for blocking work)
     */
    public SqlAccess(SqlSession session, Schema schema, Executor blockingWork) {
        this.session = Objects.requireNonNull(session, "session is null");
        this.schema = Objects.requireNonNull(schema, "schema is null");
        this.blockingWork = Objects.requireNonNull(blockingWork, "blockingWork is null");
    }

    /** Where the {@code ...Async} calls run. */
    public Executor blockingWork() {
        return blockingWork;
    }

    public <T> List<T> getAll(String sql, List<?> params, RowMapper<T> mapper) {
        return session.read(tx -> tx.getAll(sql, SqlValues.toSql(params), mapper));
    }

    public long execute(String sql, List<?> params) {
        return session.write(tx -> tx.execute(sql, SqlValues.toSql(params)));
    }

    public void executeBatch(String sql, List<? extends List<?>> parameterSets) {
        session.executeBatch(sql, SqlParameters.convertSets(parameterSets));
    }

    public <T> T readTransaction(ReadWork<T> work) {
        return session.read(tx -> work.run(SqlParameters.converting(tx)));
    }

    public <T> T writeTransaction(WriteWork<T> work) {
        return session.write(tx -> work.run(SqlParameters.converting(tx)));
    }

    /** The schema last applied. */
    public Schema schema() {
        return schema;
    }

    /**
     * Validates and applies {@code newSchema}; from then on it is {@link #schema()}.
     *
     * @throws dev.hexsync.ports.schema.SchemaException when it is not valid; nothing changed
     */
    public void updateSchema(Schema newSchema) {
        newSchema.validate();
        session.applySchema(newSchema);
        schema = newSchema;
    }
}
