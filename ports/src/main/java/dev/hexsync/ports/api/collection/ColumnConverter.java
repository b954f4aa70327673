package dev.hexsync.ports.api.collection;

/**
 * Converts one column between the Java value of a row's field and the value stored in the database:
 * {@code null}, {@code String}, {@code Long}, {@code Double} or {@code byte[]}.
 */
public interface ColumnConverter<V> {

    /** The stored form of {@code value} (never called with {@code null}: null is stored as NULL). */
    Object toColumn(V value);

    /** The field's value for a stored value (never called with {@code null}). */
    V fromColumn(Object stored);
}
