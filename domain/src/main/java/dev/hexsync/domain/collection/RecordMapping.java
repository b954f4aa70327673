package dev.hexsync.domain.collection;

import dev.hexsync.ports.api.collection.ColumnConverter;
import dev.hexsync.ports.api.collection.Converters;
import dev.hexsync.ports.api.collection.InvalidRowException;
import dev.hexsync.ports.api.collection.RowMapping;
import dev.hexsync.ports.schema.Column;
import dev.hexsync.ports.schema.Table;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The default row mapping: a record's components to the table's columns of the same name (or its snake_case
 * spelling), each through a converter chosen by the component's type unless the options name one. A record
 * must have a {@code id} component; each component must name a column, so a typo fails at open, not later.
 */
final class RecordMapping<T> implements RowMapping<T> {
    private final Class<T> type;
    private final Constructor<T> constructor;
    private final List<Field> fields;
    private final Map<String, Field> byColumn = new HashMap<>();

    /** A component, its column and its converter. */
    private record Field(RecordComponent component, Method accessor, String column, ColumnConverter<Object> converter) {
    }

    private RecordMapping(Class<T> type, Constructor<T> constructor, List<Field> fields) {
        this.type = type;
        this.constructor = constructor;
        this.fields = List.copyOf(fields);
        fields.forEach(field -> byColumn.put(field.column(), field));
    }

    /**
     * The mapping of {@code type} onto {@code table}.
     *
     * @throws IllegalArgumentException when the type is not a record, has no {@code id}, or a component names
     *     no column
     */
    @SuppressWarnings("unchecked")
    static <T> RecordMapping<T> of(Class<T> type, Table table, Map<String, ColumnConverter<?>> converters) {
        if (!type.isRecord()) {
            throw new IllegalArgumentException(type.getName() + " is not a record: give a live collection on '"
                    + table.name() + "' a RowMapping (CollectionOptions.withMapping)");
        }
        List<Field> fields = new ArrayList<>();
        for (RecordComponent component : type.getRecordComponents()) {
            String column = column(component.getName(), table);
            ColumnConverter<Object> converter = converters.containsKey(column)
                    ? (ColumnConverter<Object>) converters.get(column)
                    : defaultConverter(component);
            Method accessor = component.getAccessor();
            accessor.setAccessible(true);
            fields.add(new Field(component, accessor, column, converter));
        }
        if (fields.stream().noneMatch(field -> field.column().equals("id"))) {
            throw new IllegalArgumentException("Record " + type.getName() + " has no component 'id' for table '"
                    + table.name() + "'");
        }
        for (String column : converters.keySet()) {
            if (fields.stream().noneMatch(field -> field.column().equals(column))) {
                throw new IllegalArgumentException("A converter is given for column '" + column + "', which no"
                        + " component of " + type.getName() + " maps to");
            }
        }
        return new RecordMapping<>(type, (Constructor<T>) canonical(type), fields);
    }

    private static String column(String component, Table table) {
        if (component.equals("id") || table.column(component).isPresent()) {
            return component;
        }
        String snake = component.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
        if (table.column(snake).isPresent()) {
            return snake;
        }
        throw new IllegalArgumentException("Component '" + component + "' names no column of table '" + table.name()
                + "' (columns: " + table.columns().stream().map(Column::name).toList() + ")");
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ColumnConverter<Object> defaultConverter(RecordComponent component) {
        Class<?> raw = JsonColumns.box(component.getType());
        ColumnConverter<?> converter;
        if (raw == String.class || raw == byte[].class) {
            converter = identity(raw);
        } else if (Number.class.isAssignableFrom(raw) && (raw.getPackageName().equals("java.lang"))) {
            converter = identity(raw);
        } else if (raw == Boolean.class) {
            converter = Converters.booleans();
        } else if (raw == Instant.class) {
            converter = Converters.instants();
        } else if (raw == LocalDate.class) {
            converter = Converters.dates();
        } else if (raw == UUID.class) {
            converter = Converters.uuids();
        } else if (raw.isEnum()) {
            converter = Converters.enums((Class) raw);
        } else {
            converter = JsonColumns.converter(component.getGenericType());
        }
        return (ColumnConverter<Object>) converter;
    }

    /** Scalars stored as they are, read back as the field's Java type. */
    private static ColumnConverter<Object> identity(Class<?> type) {
        return new ColumnConverter<>() {
            @Override
            public Object toColumn(Object value) {
                return ColumnValues.plain(value);
            }

            @Override
            public Object fromColumn(Object stored) {
                if (type == String.class) {
                    return stored instanceof byte[] bytes ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8)
                            : stored.toString();
                }
                if (Number.class.isAssignableFrom(type)) {
                    Number number = stored instanceof Number n ? n : Double.valueOf(stored.toString().trim());
                    return number(type, number);
                }
                return stored;
            }
        };
    }

    static Object number(Class<?> type, Number n) {
        if (type == Long.class) {
            return n.longValue();
        }
        if (type == Integer.class) {
            return n.intValue();
        }
        if (type == Double.class) {
            return n.doubleValue();
        }
        if (type == Float.class) {
            return n.floatValue();
        }
        if (type == Short.class) {
            return n.shortValue();
        }
        return type == Byte.class ? (Object) n.byteValue() : n;
    }

    @Override
    public Map<String, Object> toColumns(T row) {
        Map<String, Object> columns = new LinkedHashMap<>();
        for (Field field : fields) {
            Object value;
            try {
                value = field.accessor().invoke(row);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("Cannot read " + field.component(), e);
            }
            try {
                columns.put(field.column(), value == null ? null : field.converter().toColumn(value));
            } catch (RuntimeException e) {
                throw new InvalidRowException("Cannot store " + type.getSimpleName() + "." + field.component().getName()
                        + " = " + value + ": " + e.getMessage(), e);
            }
        }
        return columns;
    }

    @Override
    public T fromColumns(Map<String, Object> columns) {
        Object[] args = new Object[fields.size()];
        for (int i = 0; i < args.length; i++) {
            Field field = fields.get(i);
            Object stored = columns.get(field.column());
            try {
                args[i] = stored == null ? zero(field.component().getType()) : field.converter().fromColumn(stored);
            } catch (RuntimeException e) {
                throw new InvalidRowException("Row '" + columns.get("id") + "': column '" + field.column()
                        + "' holds " + stored + ", which is not a " + field.component().getType().getSimpleName()
                        + ": " + e.getMessage(), e);
            }
        }
        return construct(constructor, args);
    }

    @Override
    public Object toColumn(String column, Object value) {
        Field field = byColumn.get(column);
        if (field == null || value == null || !JsonColumns.box(field.component().getType()).isInstance(value)) {
            return value;
        }
        return field.converter().toColumn(value);
    }

    static Object zero(Class<?> type) {
        if (!type.isPrimitive()) {
            return null;
        }
        if (type == boolean.class) {
            return false;
        }
        if (type == char.class) {
            return '\0';
        }
        return number(JsonColumns.box(type), 0L);
    }

    static Object read(RecordComponent component, Object record) {
        try {
            var accessor = component.getAccessor();
            accessor.setAccessible(true);
            return accessor.invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("Cannot read " + component, e);
        }
    }

    static Constructor<?> canonical(Class<?> type) {
        Class<?>[] types = java.util.Arrays.stream(type.getRecordComponents()).map(RecordComponent::getType)
                .toArray(Class<?>[]::new);
        try {
            Constructor<?> constructor = type.getDeclaredConstructor(types);
            constructor.setAccessible(true);
            return constructor;
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("Record " + type.getName() + " has no canonical constructor", e);
        }
    }

    static <R> R construct(Constructor<R> constructor, Object[] args) {
        try {
            return constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            throw new InvalidRowException("The constructor of " + constructor.getDeclaringClass().getSimpleName()
                    + " rejected the row: " + e.getCause().getMessage(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot construct " + constructor.getDeclaringClass().getName(), e);
        }
    }
}
