package dev.hexsync.ports.api;

import java.util.List;
import java.util.Set;
import java.util.concurrent.Flow;
import java.util.function.Consumer;

/**
 * Role of a {@link SyncDatabase}: watching changes. Queries re-run when the tables they read change (whole
 * results, or row-by-row differences), and the names of changed tables after each commit, published as
 * {@link Flow.Publisher}s.
 */
public interface ChangeWatching {

    /**
     * Re-runs a query whenever a table it reads changes, and publishes each result that differs from the
     * previous one. The first result is published right after subscribing.
     */
    default <T> Flow.Publisher<List<T>> watch(String sql, List<?> params, RowMapper<T> mapper) {
        return watch(sql, params, mapper, WatchOptions.DEFAULT);
    }

    /** As {@link #watch(String, List, RowMapper)}, with options. */
    <T> Flow.Publisher<List<T>> watch(String sql, List<?> params, RowMapper<T> mapper, WatchOptions options);

    /**
     * Watches a query and publishes how its result changed, row by row, keyed by the {@code id} column: rows
     * added, removed, updated (with their previous version) and unchanged (the previous objects, reused).
     * The first emission has every row as added; nothing is published for an empty first result, nor for a
     * re-run that changed nothing.
     */
    default <T> Flow.Publisher<QueryDiff<T>> watchDifferential(String sql, List<?> params, RowMapper<T> mapper) {
        return watchDifferential(sql, params, mapper, "id", WatchOptions.DEFAULT);
    }

    /**
     * As {@link #watchDifferential(String, List, RowMapper)}, keyed by {@code keyColumn} of the result (two rows
     * with one key are an error), with options.
     */
    <T> Flow.Publisher<QueryDiff<T>> watchDifferential(String sql, List<?> params, RowMapper<T> mapper,
            String keyColumn, WatchOptions options);

    /** Publishes the names of changed tables (among {@code tables}) after each commit that touched them. */
    default Flow.Publisher<Set<String>> onChange(Set<String> tables) {
        return onChange(WatchOptions.DEFAULT.withTables(tables));
    }

    /** As {@link #onChange(Set)}, with options; {@code options.tables()} empty means every table. */
    Flow.Publisher<Set<String>> onChange(WatchOptions options);

    /**
     * Watches a query with callbacks instead of a {@link Flow.Subscriber}: {@code onResult} gets the first result
     * right away and then every result that differs from the previous one, on a watch thread, one call at a time.
     *
     * @param sql one query
     * @param params its parameters (see {@link ReadContext})
     * @param mapper maps each row
     * @param onResult called with each result; an exception it throws stops the watch and goes to {@code onError}
     * @param onError called once when the watch fails (a query error, a mapping error); the watch is stopped then
     * @param <T> the mapped row
     * @return the running watch; close it to stop it
     */
    default <T> WatchSubscription watch(String sql, List<?> params, RowMapper<T> mapper,
            Consumer<? super List<T>> onResult, Consumer<? super Throwable> onError) {
        return watch(sql, params, mapper, WatchOptions.DEFAULT, onResult, onError);
    }

    /**
     * As {@link #watch(String, List, RowMapper, Consumer, Consumer)}, with options.
     *
     * @param sql one query
     * @param params its parameters
     * @param mapper maps each row
     * @param options throttle and tables
     * @param onResult called with each result
     * @param onError called once when the watch fails
     * @param <T> the mapped row
     * @return the running watch; close it to stop it
     */
    default <T> WatchSubscription watch(String sql, List<?> params, RowMapper<T> mapper, WatchOptions options,
            Consumer<? super List<T>> onResult, Consumer<? super Throwable> onError) {
        CallbackSubscriber<List<T>> subscriber = new CallbackSubscriber<>(onResult, onError);
        watch(sql, params, mapper, options).subscribe(subscriber);
        return subscriber;
    }

    /**
     * A differential watch ({@link #watchDifferential(String, List, RowMapper)}) with callbacks.
     *
     * @param sql one query with an {@code id} column
     * @param params its parameters
     * @param mapper maps each row
     * @param onDiff called with each difference
     * @param onError called once when the watch fails
     * @param <T> the mapped row
     * @return the running watch; close it to stop it
     */
    default <T> WatchSubscription watchDifferential(String sql, List<?> params, RowMapper<T> mapper,
            Consumer<? super QueryDiff<T>> onDiff, Consumer<? super Throwable> onError) {
        CallbackSubscriber<QueryDiff<T>> subscriber = new CallbackSubscriber<>(onDiff, onError);
        watchDifferential(sql, params, mapper).subscribe(subscriber);
        return subscriber;
    }

    /**
     * Table changes ({@link #onChange(Set)}) with callbacks.
     *
     * @param tables the tables to hear about, as for {@link #onChange(Set)}
     * @param onTables called with the names of changed tables after each commit that touched them
     * @param onError called once when the feed fails
     * @return the running feed; close it to stop it
     */
    default WatchSubscription onChange(Set<String> tables, Consumer<? super Set<String>> onTables,
            Consumer<? super Throwable> onError) {
        CallbackSubscriber<Set<String>> subscriber = new CallbackSubscriber<>(onTables, onError);
        onChange(WatchOptions.DEFAULT.withTables(tables)).subscribe(subscriber);
        return subscriber;
    }
}
