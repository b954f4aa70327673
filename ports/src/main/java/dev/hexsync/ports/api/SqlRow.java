package dev.hexsync.ports.api;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One result row, with values as SQLite types them: {@code Long} for INTEGER, {@code Double} for REAL,
 * {@code String} for TEXT, {@code byte[]} for BLOB and {@code null} for NULL. Immutable; equal when the
 * columns and values are equal (blobs by content), so watched results compare cheaply.
 */
public final class SqlRow {
    private final List<String> columns;
    private final Object[] values;

    /**
     * @param columns column names in result order (shared between the rows of one result)
     * @param values one value per column; the array is owned by the row from now on
     */
    public SqlRow(List<String> columns, Object[] values) {
        this.columns = Objects.requireNonNull(columns, "columns is null");
        this.values = Objects.requireNonNull(values, "values is null");
        if (columns.size() != values.length) {
            throw new IllegalArgumentException(columns.size() + " columns but " + values.length + " values");
        }
    }

    public List<String> columns() {
        return Collections.unmodifiableList(columns);
    }

    public int size() {
        return values.length;
    }

    /** The value at a 0-based position. */
    public Object get(int index) {
        Object value = values[index];
        return value instanceof byte[] bytes ? bytes.clone() : value;
    }

    /**
     * The value of a column by name.
     *
     * @throws IllegalArgumentException if the result has no such column
     */
    public Object get(String column) {
        return get(indexOf(column));
    }

    public String getString(String column) {
        Object value = get(column);
        return value == null ? null : value instanceof byte[] b ? new String(b, java.nio.charset.StandardCharsets.UTF_8) : value.toString();
    }

    /** The value as a long; REAL values are truncated, TEXT is parsed. Null for NULL. */
    public Long getLong(String column) {
        Object value = get(column);
        if (value == null) return null;
        if (value instanceof Number n) return n.longValue();
        return Long.parseLong(value.toString().trim());
    }

    /** The value as a double; TEXT is parsed. Null for NULL. */
    public Double getDouble(String column) {
        Object value = get(column);
        if (value == null) return null;
        if (value instanceof Number n) return n.doubleValue();
        return Double.parseDouble(value.toString().trim());
    }

    /** The value as a boolean, SQLite style: non-zero is true. Null for NULL. */
    public Boolean getBoolean(String column) {
        Long value = getLong(column);
        return value == null ? null : value != 0;
    }

    public byte[] getBlob(String column) {
        Object value = get(column);
        if (value == null || value instanceof byte[]) return (byte[]) value;
        return value.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    public boolean isNull(String column) {
        return values[indexOf(column)] == null;
    }

    /** The row as an ordered map from column name to value. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            map.put(columns.get(i), get(i));
        }
        return map;
    }

    private int indexOf(String column) {
        int index = columns.indexOf(column);
        if (index < 0) {
            throw new IllegalArgumentException("No column '" + column + "' in result " + columns);
        }
        return index;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SqlRow other && columns.equals(other.columns) && Arrays.deepEquals(values, other.values);
    }

    @Override
    public int hashCode() {
        return 31 * columns.hashCode() + Arrays.deepHashCode(values);
    }

    @Override
    public String toString() {
        return toMap().toString();
    }
}
