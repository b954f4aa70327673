package dev.hexsync.ports.api;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Maps rows to a record by column name: each component takes the column of its own name, or of its name in snake
 * case ({@code listId} from {@code list_id}), read with {@link SqlValues#fromSql(Object, Class)}. The column
 * positions are worked out once per result shape, since the rows of one result share their column list.
 */
final class RecordRowMapper<R extends Record> implements RowMapper<R> {
    private final Class<R> type;
    private final RecordComponent[] components;
    private final Constructor<R> constructor;
    private volatile Shape shape;

    private record Shape(List<String> columns, int[] positions) {
    }

    RecordRowMapper(Class<R> type) {
        this.type = Objects.requireNonNull(type, "type is null");
        if (!type.isRecord()) {
            throw new IllegalArgumentException(type.getName() + " is not a record");
        }
        this.components = type.getRecordComponents();
        Class<?>[] parameterTypes = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            parameterTypes[i] = components[i].getType();
        }
        try {
            this.constructor = type.getDeclaredConstructor(parameterTypes);
            constructor.setAccessible(true);
        } catch (NoSuchMethodException | RuntimeException e) {
            throw new IllegalArgumentException("Cannot use the canonical constructor of " + type.getName()
                    + " (is the record accessible to hexsync?): " + e.getMessage(), e);
        }
    }

    @Override
    public R map(SqlRow row) {
        int[] positions = positions(row.columns());
        Object[] arguments = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent component = components[i];
            Object value = row.get(positions[i]);
            try {
                arguments[i] = SqlValues.fromSql(value, component.getType());
            } catch (IllegalArgumentException e) {
                throw new RowMappingException("Cannot map column '" + row.columns().get(positions[i]) + "' to "
                        + type.getSimpleName() + "." + component.getName() + " (" + component.getType().getSimpleName()
                        + "): " + e.getMessage(), e);
            }
        }
        try {
            return constructor.newInstance(arguments);
        } catch (InvocationTargetException e) {
            throw new RowMappingException("The constructor of " + type.getSimpleName() + " refused " + row + ": "
                    + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new RowMappingException("Cannot construct " + type.getName() + ": " + e, e);
        }
    }

    private int[] positions(List<String> columns) {
        Shape known = shape;
        if (known != null && known.columns().equals(columns)) {
            return known.positions();
        }
        int[] positions = new int[components.length];
        for (int i = 0; i < components.length; i++) {
            String name = components[i].getName();
            int at = indexOf(columns, name);
            if (at < 0) at = indexOf(columns, snakeCase(name));
            if (at < 0) {
                String wanted = name.equals(snakeCase(name)) ? "'" + name + "'"
                        : "'" + name + "' or '" + snakeCase(name) + "'";
                throw new RowMappingException("Record " + type.getSimpleName() + " needs a column " + wanted
                        + " for its component " + name + ", but the result has " + columns, null);
            }
            positions[i] = at;
        }
        shape = new Shape(List.copyOf(columns), positions);
        return positions;
    }

    /** Exact name first; then ignoring case, as SQLite compares column names. */
    private static int indexOf(List<String> columns, String name) {
        int exact = columns.indexOf(name);
        if (exact >= 0) return exact;
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).equalsIgnoreCase(name)) return i;
        }
        return -1;
    }

    private static String snakeCase(String name) {
        StringBuilder out = new StringBuilder(name.length() + 4);
        for (char c : name.toCharArray()) {
            if (Character.isUpperCase(c)) {
                out.append('_').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }
}
