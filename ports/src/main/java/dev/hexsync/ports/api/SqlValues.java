package dev.hexsync.ports.api;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The one place where Java values become SQL values and back, the same for every storage engine. A PowerSync
 * app keeps its data in SQLite's types (TEXT, INTEGER, REAL, BLOB), so richer Java values are stored in the
 * text and number forms the other PowerSync SDKs write:
 *
 * <table class="striped">
 * <caption>Parameter forms</caption>
 * <tr><th>Java value</th><th>Stored as</th></tr>
 * <tr><td>{@code String}, {@code byte[]}, {@code null}</td><td>as given</td></tr>
 * <tr><td>{@code Long}, {@code Integer}, {@code Short}, {@code Byte}</td><td>INTEGER</td></tr>
 * <tr><td>{@code Double}, {@code Float}</td><td>REAL</td></tr>
 * <tr><td>{@code Boolean}</td><td>INTEGER 1 or 0</td></tr>
 * <tr><td>{@link UUID}</td><td>TEXT, lower case with hyphens ({@code UUID.toString()}), as {@code uuid()}
 *     writes ids</td></tr>
 * <tr><td>{@link Instant}, {@link OffsetDateTime}</td><td>TEXT, ISO-8601 in UTC with exactly three fraction
 *     digits, {@code 2026-12-07T21:03:04.567Z}: the form JavaScript's {@code Date.toISOString()} writes, fixed
 *     width so that such values sort and compare correctly as text; finer precision is cut to the
 *     millisecond (bind a {@code String} to keep it)</td></tr>
 * <tr><td>{@link LocalDateTime}</td><td>TEXT, {@code 2026-12-07T21:03:04.567} (same rule, no zone)</td></tr>
 * <tr><td>{@link LocalDate}</td><td>TEXT, {@code 2026-12-07}</td></tr>
 * <tr><td>{@link LocalTime}</td><td>TEXT, {@code 21:03:04.567}</td></tr>
 * <tr><td>{@link BigDecimal}</td><td>TEXT, {@code toPlainString()} (no exponent, no rounding)</td></tr>
 * <tr><td>{@link BigInteger}</td><td>TEXT, decimal digits</td></tr>
 * <tr><td>an enum constant</td><td>TEXT, {@code name()}</td></tr>
 * </table>
 *
 * <p>Any other type is left as it is, and the storage engine refuses it with an error naming the parameter.
 * {@link #fromSql(Object, Class)} reads each form back.
 */
public final class SqlValues {
    private static final DateTimeFormatter INSTANT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter LOCAL_DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS");
    private static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private SqlValues() {
    }

    /**
     * The SQL form of one parameter value, as the table above says.
     *
     * @param value a parameter value, possibly {@code null}
     * @return the value to bind: {@code null}, a {@code String}, a number, a {@code Boolean}, a {@code byte[]}, or
     *     {@code value} itself when this class has no form for its type
     */
    public static Object toSql(Object value) {
        if (value == null || value instanceof String || value instanceof Number && !(value instanceof BigDecimal
                || value instanceof BigInteger) || value instanceof Boolean || value instanceof byte[]) {
            return value;
        }
        if (value instanceof UUID uuid) return uuid.toString();
        if (value instanceof Instant instant) return INSTANT.format(instant);
        if (value instanceof OffsetDateTime time) return INSTANT.format(time.toInstant());
        if (value instanceof LocalDateTime time) return LOCAL_DATE_TIME.format(time);
        if (value instanceof LocalDate date) return date.toString();
        if (value instanceof LocalTime time) return LOCAL_TIME.format(time);
        if (value instanceof BigDecimal decimal) return decimal.toPlainString();
        if (value instanceof BigInteger integer) return integer.toString();
        if (value instanceof Enum<?> constant) return constant.name();
        return value;
    }

    /**
     * The SQL forms of a parameter list; see {@link #toSql(Object)}.
     *
     * @param params parameter values, possibly holding {@code null}s
     * @return a new list of the converted values, in order
     */
    public static List<Object> toSql(List<?> params) {
        List<Object> converted = new ArrayList<>(params.size());
        for (Object value : params) {
            converted.add(toSql(value));
        }
        return converted;
    }

    /**
     * Reads a value of a result row as {@code type}: the inverse of {@link #toSql(Object)}, plus the usual
     * widenings (an INTEGER as {@code int} when it fits, a number as {@code BigDecimal}, a number as text).
     *
     * @param value the value as the row holds it ({@code Long}, {@code Double}, {@code String}, {@code byte[]} or
     *     {@code null})
     * @param type the wanted type, a boxed or primitive type, or one of the types of the table above
     * @param <T> the wanted type (boxed for a primitive {@code type})
     * @return the value as {@code type}; {@code null} for SQL NULL when {@code type} is not primitive
     * @throws IllegalArgumentException naming the value and the type when the value has no such reading (a NULL
     *     for a primitive, text that is no UUID, an INTEGER out of an {@code int}'s range...)
     */
    @SuppressWarnings("unchecked")
    public static <T> T fromSql(Object value, Class<T> type) {
        if (value == null) {
            if (type.isPrimitive()) {
                throw new IllegalArgumentException("NULL cannot be read as the primitive " + type.getName());
            }
            return null;
        }
        try {
            return (T) read(value, type);
        } catch (NumberFormatException | DateTimeParseException e) {
            throw mismatch(value, type, e.getMessage());
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object read(Object value, Class<?> type) {
        if (type == Object.class) return value;
        if (type == String.class) {
            if (value instanceof byte[]) throw mismatch(value, type, "a BLOB is no text");
            return value.toString();
        }
        if (type == byte[].class) {
            if (value instanceof byte[]) return value;
            throw mismatch(value, type, "only a BLOB reads as byte[]");
        }
        if (type == long.class || type == Long.class) return asLong(value, type);
        if (type == int.class || type == Integer.class) return Math.toIntExact(inRange(value, type, Integer.MIN_VALUE,
                Integer.MAX_VALUE));
        if (type == short.class || type == Short.class) return (short) inRange(value, type, Short.MIN_VALUE,
                Short.MAX_VALUE);
        if (type == byte.class || type == Byte.class) return (byte) inRange(value, type, Byte.MIN_VALUE,
                Byte.MAX_VALUE);
        if (type == double.class || type == Double.class) return asDouble(value, type);
        if (type == float.class || type == Float.class) return (float) asDouble(value, type);
        if (type == boolean.class || type == Boolean.class) return asLong(value, type) != 0;
        if (type == BigDecimal.class) {
            return value instanceof Double d ? BigDecimal.valueOf(d) : new BigDecimal(text(value, type).trim());
        }
        if (type == BigInteger.class) return new BigInteger(text(value, type).trim());
        if (type == UUID.class) {
            try {
                return UUID.fromString(text(value, type));
            } catch (IllegalArgumentException e) {
                throw mismatch(value, type, "not a UUID");
            }
        }
        if (type == Instant.class) return Instant.parse(text(value, type));
        if (type == OffsetDateTime.class) return OffsetDateTime.parse(text(value, type));
        if (type == LocalDateTime.class) return LocalDateTime.parse(text(value, type));
        if (type == LocalDate.class) return LocalDate.parse(text(value, type));
        if (type == LocalTime.class) return LocalTime.parse(text(value, type));
        if (type.isEnum()) {
            String name = text(value, type);
            try {
                return Enum.valueOf((Class) type, name);
            } catch (IllegalArgumentException e) {
                throw mismatch(value, type, "no such constant");
            }
        }
        if (type.isInstance(value)) return value;
        throw mismatch(value, type, "no SQL value reads as " + type.getName());
    }

    private static long asLong(Object value, Class<?> type) {
        if (value instanceof Long l) return l;
        if (value instanceof Double d) {
            if (d != Math.rint(d)) throw mismatch(value, type, "a REAL with a fraction");
            return d.longValue();
        }
        return Long.parseLong(text(value, type).trim());
    }

    private static long inRange(Object value, Class<?> type, long min, long max) {
        long l = asLong(value, type);
        if (l < min || l > max) throw mismatch(value, type, "out of range");
        return l;
    }

    private static double asDouble(Object value, Class<?> type) {
        if (value instanceof Number n) return n.doubleValue();
        return Double.parseDouble(text(value, type).trim());
    }

    private static String text(Object value, Class<?> type) {
        if (value instanceof byte[]) throw mismatch(value, type, "a BLOB is no text");
        return value.toString();
    }

    private static IllegalArgumentException mismatch(Object value, Class<?> type, String why) {
        String shown = value instanceof byte[] bytes ? "a BLOB of " + bytes.length + " bytes"
                : value instanceof String ? "the text '" + value + "'" : "the " + sqlType(value) + " " + value;
        return new IllegalArgumentException(shown + " cannot be read as " + type.getName() + ": " + why);
    }

    private static String sqlType(Object value) {
        return value instanceof Long ? "INTEGER" : value instanceof Double ? "REAL" : value.getClass().getSimpleName();
    }
}
