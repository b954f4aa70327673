package dev.hexsync.domain.collection;

import dev.hexsync.ports.schema.ColumnType;
import java.util.Arrays;

/**
 * Stored values as a table's view types them ({@code TEXT} as String, {@code INTEGER} as Long, {@code REAL}
 * as Double), so values read from the view, extracted from a diff's JSON and produced by a mapping compare
 * equal; and the SQL ordering of values (NULL, then numbers, then text, then blobs).
 */
final class ColumnValues {
    private ColumnValues() {
    }

    /** {@code value} as a column of {@code type} holds it; unknown types keep the value. */
    static Object normalize(ColumnType type, Object value) {
        if (value == null) {
            return null;
        }
        Object plain = plain(value);
        if (type.equals(ColumnType.TEXT)) {
            return plain instanceof Long || plain instanceof Double ? numberText(plain) : plain;
        }
        if (type.equals(ColumnType.INTEGER)) {
            if (plain instanceof Double d) {
                return d == Math.rint(d) ? (Object) (long) (double) d : d;
            }
            return plain instanceof String s ? parseNumber(s, true) : plain;
        }
        if (type.equals(ColumnType.REAL)) {
            if (plain instanceof Long l) {
                return (double) l;
            }
            return plain instanceof String s ? parseNumber(s, false) : plain;
        }
        return plain;
    }

    /** Java numbers and booleans as the stored Long / Double. */
    static Object plain(Object value) {
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        if (value instanceof Boolean b) {
            return b ? 1L : 0L;
        }
        return value;
    }

    private static String numberText(Object number) {
        if (number instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
            return (long) (double) d + ".0";
        }
        return number.toString();
    }

    /** Text in a numeric column: its number when it is one, else the text itself (as SQLite keeps it). */
    private static Object parseNumber(String text, boolean integer) {
        try {
            return integer ? (Object) Long.parseLong(text.trim()) : (Object) Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            try {
                double d = Double.parseDouble(text.trim());
                return integer && d == Math.rint(d) ? (Object) (long) d : (Object) d;
            } catch (NumberFormatException notANumber) {
                return text;
            }
        }
    }

    /** Equal as stored values (blobs by content). */
    static boolean same(Object a, Object b) {
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return Arrays.equals(x, y);
        }
        return a == null ? b == null : a.equals(b);
    }

    /** SQL's order of two non-null stored values: numbers before text before blobs. */
    static int compare(Object a, Object b) {
        int rank = Integer.compare(rank(a), rank(b));
        if (rank != 0) {
            return rank;
        }
        if (a instanceof Long x && b instanceof Long y) {
            return Long.compare(x, y);
        }
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue());
        }
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return Arrays.compareUnsigned(x, y);
        }
        return a.toString().compareTo(b.toString());
    }

    private static int rank(Object value) {
        if (value instanceof Number) {
            return 1;
        }
        return value instanceof byte[] ? 3 : 2;
    }
}
