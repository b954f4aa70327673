package dev.hexsync.ports.api;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Runs queries: on the database itself (each call its own read), or inside a transaction. Parameters bind
 * positionally to {@code ?}: {@code null}, {@code String}, {@code Long}/{@code Integer}/{@code Short}/
 * {@code Byte}, {@code Double}/{@code Float}, {@code Boolean} (as 0/1) and {@code byte[]}; and, in the text forms
 * {@link SqlValues} documents, {@code UUID}, {@code Instant}, {@code OffsetDateTime}, {@code LocalDateTime},
 * {@code LocalDate}, {@code LocalTime}, {@code BigDecimal}, {@code BigInteger} and enum constants.
 */
public interface ReadContext {

    /**
     * Every row of the result, mapped. {@code sql} is one statement (see {@link WriteContext#execute}). On the
     * database itself and in a read transaction it may only read: a statement that writes ({@code INSERT ...
     * RETURNING}, {@code DELETE ... RETURNING}, a pragma that sets something) fails with
     * {@link dev.hexsync.ports.storage.WriteInReadException} and writes nothing, on every kind of database. Inside
     * a write transaction it may write, and returns the rows of a {@code RETURNING} clause.
     *
     * @throws dev.hexsync.ports.storage.MultipleStatementsException when {@code sql} holds more than one statement
     */
    <T> List<T> getAll(String sql, List<?> params, RowMapper<T> mapper);

    /** Every row of the result. */
    default List<SqlRow> getAll(String sql, Object... params) {
        return getAll(sql, Arrays.asList(params), RowMapper.rows());
    }

    /**
     * The first row of the result, mapped.
     *
     * @throws NoSuchRowException when the result is empty
     */
    default <T> T get(String sql, List<?> params, RowMapper<T> mapper) {
        return getOptional(sql, params, mapper).orElseThrow(() -> new NoSuchRowException(sql));
    }

    /** The first row of the result; see {@link #get(String, List, RowMapper)}. */
    default SqlRow get(String sql, Object... params) {
        return get(sql, Arrays.asList(params), RowMapper.rows());
    }

    /** The first row of the result, mapped, or empty. */
    default <T> Optional<T> getOptional(String sql, List<?> params, RowMapper<T> mapper) {
        List<T> rows = getAll(sql, params, mapper);
        return rows.isEmpty() ? Optional.empty() : Optional.ofNullable(rows.get(0));
    }

    /** The first row of the result, or empty. */
    default Optional<SqlRow> getOptional(String sql, Object... params) {
        return getOptional(sql, Arrays.asList(params), RowMapper.rows());
    }

    /**
     * Every row of the result as a record, mapped by column name ({@link RowMapper#ofRecord(Class)}).
     *
     * @param sql one query
     * @param params its parameters
     * @param type the record class
     * @param <R> the record type
     * @return the rows, in result order
     * @throws RowMappingException naming the column when one is missing or a value does not fit its component
     */
    default <R extends Record> List<R> getAll(String sql, List<?> params, Class<R> type) {
        return getAll(sql, params, RowMapper.ofRecord(type));
    }

    /**
     * The first row of the result as a record, mapped by column name.
     *
     * @param sql one query
     * @param params its parameters
     * @param type the record class
     * @param <R> the record type
     * @return the first row
     * @throws NoSuchRowException when the result is empty
     * @throws RowMappingException naming the column when one is missing or a value does not fit its component
     */
    default <R extends Record> R get(String sql, List<?> params, Class<R> type) {
        return get(sql, params, RowMapper.ofRecord(type));
    }

    /**
     * The first row of the result as a record, mapped by column name, or empty.
     *
     * @param sql one query
     * @param params its parameters
     * @param type the record class
     * @param <R> the record type
     * @return the first row, or empty
     * @throws RowMappingException naming the column when one is missing or a value does not fit its component
     */
    default <R extends Record> Optional<R> getOptional(String sql, List<?> params, Class<R> type) {
        return getOptional(sql, params, RowMapper.ofRecord(type));
    }
}
