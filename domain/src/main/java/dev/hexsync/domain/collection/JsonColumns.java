package dev.hexsync.domain.collection;

import dev.hexsync.json.Json;
import dev.hexsync.json.JsonException;
import dev.hexsync.ports.api.collection.ColumnConverter;
import dev.hexsync.ports.api.collection.InvalidRowException;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Nested objects as JSON text, the record mapping's default for fields that are neither scalars nor one of the
 * types with a converter of their own: records (by component name), lists and string-keyed maps of those, and
 * the scalars inside them.
 */
final class JsonColumns {
    private JsonColumns() {
    }

    /** A converter for fields of the (possibly generic) type {@code type}. */
    static ColumnConverter<Object> converter(Type type) {
        return new ColumnConverter<>() {
            @Override
            public Object toColumn(Object value) {
                return Json.write(toJson(value));
            }

            @Override
            public Object fromColumn(Object stored) {
                try {
                    return fromJson(type, Json.parse(stored.toString()));
                } catch (JsonException e) {
                    throw new InvalidRowException("Stored value is not JSON for " + type.getTypeName() + ": "
                            + e.getMessage(), e);
                }
            }
        };
    }

    private static Object toJson(Object value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Enum<?> constant) {
            return constant.name();
        }
        if (value instanceof Instant || value instanceof LocalDate || value instanceof UUID) {
            return value.toString();
        }
        if (value instanceof Record) {
            Map<String, Object> object = new LinkedHashMap<>();
            for (RecordComponent component : value.getClass().getRecordComponents()) {
                object.put(component.getName(), toJson(RecordMapping.read(component, value)));
            }
            return object;
        }
        if (value instanceof Collection<?> items) {
            List<Object> array = new ArrayList<>();
            items.forEach(item -> array.add(toJson(item)));
            return array;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> object = new LinkedHashMap<>();
            map.forEach((key, item) -> object.put(String.valueOf(key), toJson(item)));
            return object;
        }
        throw new InvalidRowException("Cannot write a " + value.getClass().getName() + " as JSON: give the column"
                + " a converter (CollectionOptions.withConverter)");
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object fromJson(Type type, Object json) {
        if (json == null) {
            return null;
        }
        Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
        if (raw == Object.class || raw == String.class && json instanceof String) {
            return json;
        }
        if (raw.isEnum()) {
            return Enum.valueOf((Class) raw, json.toString());
        }
        if (raw == Instant.class) {
            return Instant.parse(json.toString());
        }
        if (raw == LocalDate.class) {
            return LocalDate.parse(json.toString());
        }
        if (raw == UUID.class) {
            return UUID.fromString(json.toString());
        }
        if (Number.class.isAssignableFrom(box(raw)) && json instanceof Number n) {
            return RecordMapping.number(box(raw), n);
        }
        if (box(raw) == Boolean.class && json instanceof Boolean) {
            return json;
        }
        if (raw.isRecord() && json instanceof Map<?, ?> object) {
            RecordComponent[] components = raw.getRecordComponents();
            Object[] args = new Object[components.length];
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                args[i] = fromJson(components[i].getGenericType(), object.get(components[i].getName()));
                if (args[i] == null && types[i].isPrimitive()) {
                    args[i] = RecordMapping.zero(types[i]);
                }
            }
            return RecordMapping.construct((Constructor<Object>) RecordMapping.canonical(raw), args);
        }
        if (List.class.isAssignableFrom(raw) && json instanceof List<?> array) {
            Type item = type instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : Object.class;
            List<Object> items = new ArrayList<>();
            array.forEach(element -> items.add(fromJson(item, element)));
            return List.copyOf(items);
        }
        if (Map.class.isAssignableFrom(raw) && json instanceof Map<?, ?> object) {
            Type item = type instanceof ParameterizedType p ? p.getActualTypeArguments()[1] : Object.class;
            Map<String, Object> map = new LinkedHashMap<>();
            object.forEach((key, element) -> map.put(key.toString(), fromJson(item, element)));
            return map;
        }
        throw new InvalidRowException("JSON value " + Json.write(json) + " does not fit " + type.getTypeName());
    }

    static Class<?> box(Class<?> type) {
        if (!type.isPrimitive()) {
            return type;
        }
        if (type == int.class) {
            return Integer.class;
        }
        if (type == long.class) {
            return Long.class;
        }
        if (type == double.class) {
            return Double.class;
        }
        if (type == float.class) {
            return Float.class;
        }
        if (type == short.class) {
            return Short.class;
        }
        if (type == byte.class) {
            return Byte.class;
        }
        return type == boolean.class ? Boolean.class : Character.class;
    }
}
