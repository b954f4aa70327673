package dev.hexsync.ports.api;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Role of a {@link SyncDatabase}: plain SQL. Queries and statements on the database itself (inherited from
 * {@link WriteContext} and {@link ReadContext}: {@code execute}, {@code executeBatch}, {@code getAll},
 * {@code get}, {@code getOptional}), and read and write transactions. Queries outside a transaction run on a
 * pooled reader and see the last committed state; writes are serialized on one writer.
 *
 * <p>Each {@code ...Async} method runs its blocking counterpart on {@link #asyncExecutor()} (the database's own
 * threads, meant for blocking work) or on an executor given, and completes the future with its result or its
 * exception. The future completes on that executor's thread: chain heavy work with {@code ...Async} stages.
 */
public interface SqlOperations extends WriteContext {

    /** Runs {@code work} in a read transaction: a consistent snapshot, always rolled back. */
    <T> T readTransaction(ReadWork<T> work);

    /** Runs {@code work} in a write transaction: committed when it returns, rolled back when it throws. */
    <T> T writeTransaction(WriteWork<T> work);

    /**
     * The executor the {@code ...Async} methods use when none is given: the database's threads for blocking work.
     * After the database closed, work handed to it fails with {@link DatabaseClosedException}.
     *
     * @return the executor
     */
    Executor asyncExecutor();

    /**
     * {@link #getAll(String, List, RowMapper)} on {@link #asyncExecutor()}.
     *
     * @param sql one query
     * @param params its parameters
     * @param mapper maps each row
     * @param <T> the mapped row
     * @return the rows, or the query's exception
     */
    default <T> CompletableFuture<List<T>> getAllAsync(String sql, List<?> params, RowMapper<T> mapper) {
        return getAllAsync(sql, params, mapper, asyncExecutor());
    }

    /**
     * {@link #getAll(String, List, RowMapper)} on {@code executor}.
     *
     * @param sql one query
     * @param params its parameters
     * @param mapper maps each row
     * @param executor runs the query
     * @param <T> the mapped row
     * @return the rows, or the query's exception
     */
    default <T> CompletableFuture<List<T>> getAllAsync(String sql, List<?> params, RowMapper<T> mapper,
            Executor executor) {
        return Async.supply(() -> getAll(sql, params, mapper), executor);
    }

    /**
     * {@link #getAll(String, List, Class)} on {@link #asyncExecutor()}.
     *
     * @param sql one query
     * @param params its parameters
     * @param type the record class
     * @param <R> the record type
     * @return the rows, or the query's exception
     */
    default <R extends Record> CompletableFuture<List<R>> getAllAsync(String sql, List<?> params, Class<R> type) {
        return getAllAsync(sql, params, RowMapper.ofRecord(type));
    }

    /**
     * {@link #getOptional(String, List, RowMapper)} on {@link #asyncExecutor()}.
     *
     * @param sql one query
     * @param params its parameters
     * @param mapper maps the row
     * @param <T> the mapped row
     * @return the first row or empty, or the query's exception
     */
    default <T> CompletableFuture<Optional<T>> getOptionalAsync(String sql, List<?> params, RowMapper<T> mapper) {
        return Async.supply(() -> getOptional(sql, params, mapper), asyncExecutor());
    }

    /**
     * {@link #execute(String, List)} on {@link #asyncExecutor()}.
     *
     * @param sql one statement
     * @param params its parameters
     * @return the number of rows changed, or the statement's exception
     */
    default CompletableFuture<Long> executeAsync(String sql, List<?> params) {
        return Async.supply(() -> execute(sql, params), asyncExecutor());
    }

    /**
     * {@link #readTransaction(ReadWork)} on {@link #asyncExecutor()}.
     *
     * @param work the transaction's work
     * @param <T> its result
     * @return the work's result, or its exception
     */
    default <T> CompletableFuture<T> readTransactionAsync(ReadWork<T> work) {
        return readTransactionAsync(work, asyncExecutor());
    }

    /**
     * {@link #readTransaction(ReadWork)} on {@code executor}.
     *
     * @param work the transaction's work
     * @param executor runs the transaction
     * @param <T> its result
     * @return the work's result, or its exception
     */
    default <T> CompletableFuture<T> readTransactionAsync(ReadWork<T> work, Executor executor) {
        return Async.supply(() -> readTransaction(work), executor);
    }

    /**
     * {@link #writeTransaction(WriteWork)} on {@link #asyncExecutor()}.
     *
     * @param work the transaction's work
     * @param <T> its result
     * @return the work's result once committed, or its exception once rolled back
     */
    default <T> CompletableFuture<T> writeTransactionAsync(WriteWork<T> work) {
        return writeTransactionAsync(work, asyncExecutor());
    }

    /**
     * {@link #writeTransaction(WriteWork)} on {@code executor}.
     *
     * @param work the transaction's work
     * @param executor runs the transaction
     * @param <T> its result
     * @return the work's result once committed, or its exception once rolled back
     */
    default <T> CompletableFuture<T> writeTransactionAsync(WriteWork<T> work, Executor executor) {
        return Async.supply(() -> writeTransaction(work), executor);
    }
}
