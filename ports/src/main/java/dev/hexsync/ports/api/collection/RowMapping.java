package dev.hexsync.ports.api.collection;

import java.util.Map;

/**
 * Maps a collection's rows between the Java type and stored column values ({@code null}, {@code String},
 * {@code Long}, {@code Double}, {@code byte[]}), keyed by column name with {@code id} among them. The default
 * for records maps each component to the column of its name (or its snake_case spelling) with the converters
 * of {@link Converters}; give your own for other types.
 */
public interface RowMapping<T> {

    /** The row's stored values by column, {@code id} included. */
    Map<String, Object> toColumns(T row);

    /** The row for stored values by column ({@code id} included; a column missing or NULL is {@code null}). */
    T fromColumns(Map<String, Object> columns);

    /** The stored form of {@code value} for {@code column}, for filters given in field values. */
    default Object toColumn(String column, Object value) {
        return value;
    }
}
