package dev.hexsync.ports.api;

/** Turns a result row into an application value. Called once per row, on the querying thread. */
@FunctionalInterface
public interface RowMapper<T> {
    T map(SqlRow row);

    /** The identity mapper: rows as {@link SqlRow}. */
    static RowMapper<SqlRow> rows() {
        return row -> row;
    }
}
