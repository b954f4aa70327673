package dev.hexsync.ports.api;

/**
 * Turns a result row into an application value. Called once per row, on the querying thread.
 *
 * @param <T> the application value
 */
@FunctionalInterface
public interface RowMapper<T> {

    /**
     * Maps one row.
     *
     * @param row the row, valid after the call too
     * @return the application value
     */
    T map(SqlRow row);

    /**
     * The identity mapper: rows as {@link SqlRow}.
     *
     * @return the mapper
     */
    static RowMapper<SqlRow> rows() {
        return row -> row;
    }

    /**
     * A mapper to a record by column name: each component takes the column of its name, or of its name in snake
     * case ({@code listId} from {@code list_id}), compared ignoring case; values are read as
     * {@link SqlValues#fromSql(Object, Class)} reads them ({@code UUID}, {@code Instant}, {@code BigDecimal},
     * enums... from their text forms). Extra columns are ignored.
     *
     * @param type the record class; hexsync calls its canonical constructor, so the record must be accessible
     *     (public, or in a package open to hexsync's module)
     * @param <R> the record type
     * @return the mapper; it throws {@link RowMappingException} naming the record, component and column when a
     *     column is missing or a value has no reading as its component's type
     * @throws IllegalArgumentException when {@code type} is not a record
     */
    static <R extends Record> RowMapper<R> ofRecord(Class<R> type) {
        return new RecordRowMapper<>(type);
    }
}
