package dev.hexsync.ports.api;

import java.util.List;
import java.util.Set;
import java.util.concurrent.Flow;

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
}
