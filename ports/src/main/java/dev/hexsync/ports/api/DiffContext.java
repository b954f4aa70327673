package dev.hexsync.ports.api;

import java.util.Arrays;
import java.util.List;

/**
 * What a {@link DiffHandler} gets: the write transaction it runs in, and the changes recorded since the
 * last call, readable as a common table expression named {@code DIFF} in queries passed to the helpers.
 * Rows of {@code DIFF} come in the order the changes were made ({@code operation_id}).
 */
public interface DiffContext extends WriteContext {

    /** The destination table the changes were recorded in. */
    String destination();

    /**
     * Runs {@code query} with {@code DIFF} bound to the raw recorded rows: {@code operation_id}, {@code id},
     * {@code operation} ({@code INSERT}, {@code UPDATE}, {@code DELETE}), {@code timestamp} (ISO 8601, UTC),
     * {@code value} and {@code previous_value} (JSON text; the previous value for updates only).
     */
    <T> List<T> withDiff(String query, List<?> params, RowMapper<T> mapper);

    /** {@link #withDiff(String, List, RowMapper)} returning rows. */
    default List<SqlRow> withDiff(String query, Object... params) {
        return withDiff(query, Arrays.asList(params), RowMapper.rows());
    }

    /**
     * Runs {@code query} with {@code DIFF} bound to the recorded rows with the tracked columns of
     * {@code value} extracted into columns of their own, next to {@code id}, {@code __operation_id},
     * {@code __operation}, {@code __timestamp} and {@code __previous_value}.
     */
    <T> List<T> withExtractedDiff(String query, List<?> params, RowMapper<T> mapper);

    /** {@link #withExtractedDiff(String, List, RowMapper)} returning rows. */
    default List<SqlRow> withExtractedDiff(String query, Object... params) {
        return withExtractedDiff(query, Arrays.asList(params), RowMapper.rows());
    }
}
