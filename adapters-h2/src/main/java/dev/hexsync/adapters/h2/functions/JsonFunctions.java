package dev.hexsync.adapters.h2.functions;

import dev.hexsync.json.Json;
import dev.hexsync.json.JsonException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;

/**
 * The functions H2 calls (as {@code CREATE ALIAS}) to read one column out of a row's JSON {@code data}: the
 * views of the schema select every column through them, the way the PowerSync engine's views use
 * {@code CAST(json_extract(data, '$.col') AS type)}. Each keeps SQLite's cast rules for the values JSON can hold
 * (true is 1, text reads as the number it starts with, a number reads as its text).
 *
 * <p>A view selects several columns of one row in a row, so the last parsed document of each thread is kept and
 * reused while the same text comes again.
 */
public final class JsonFunctions {
    private static final ThreadLocal<Parsed> LAST = new ThreadLocal<>();

    private JsonFunctions() {
    }

    private record Parsed(String text, Map<String, Object> object) {
    }

    /** The member {@code key} of the JSON object {@code data}, or null (also for text that is no JSON object). */
    public static Object member(String data, String key) {
        if (data == null) {
            return null;
        }
        Parsed last = LAST.get();
        if (last == null || (last.text != data && !last.text.equals(data))) {
            Map<String, Object> object;
            try {
                Object parsed = Json.parse(data);
                @SuppressWarnings("unchecked")
                Map<String, Object> map = parsed instanceof Map ? (Map<String, Object>) parsed : Map.of();
                object = map;
            } catch (JsonException e) {
                object = Map.of();
            }
            last = new Parsed(data, object);
            LAST.set(last);
        }
        return last.object.get(key);
    }

    /** {@code CAST(json_extract(data, '$.key') AS TEXT)}. */
    public static String text(String data, String key) {
        Object value = member(data, key);
        if (value == null) {
            return null;
        }
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Boolean b) {
            return b ? "1" : "0";
        }
        if (value instanceof Map || value instanceof java.util.List) {
            return Json.write(value);
        }
        return Json.write(value);
    }

    /** {@code CAST(json_extract(data, '$.key') AS INTEGER)}. */
    public static Long integer(String data, String key) {
        Object value = member(data, key);
        if (value == null) {
            return null;
        }
        if (value instanceof Long l) {
            return l;
        }
        if (value instanceof Double d) {
            return (long) d.doubleValue();
        }
        if (value instanceof BigInteger big) {
            return big.longValue();
        }
        if (value instanceof BigDecimal big) {
            return big.longValue();
        }
        if (value instanceof Boolean b) {
            return b ? 1L : 0L;
        }
        if (value instanceof String s) {
            return leadingInteger(s);
        }
        return 0L;
    }

    /** {@code CAST(json_extract(data, '$.key') AS REAL)}. */
    public static Double real(String data, String key) {
        Object value = member(data, key);
        if (value == null) {
            return null;
        }
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof Boolean b) {
            return b ? 1.0 : 0.0;
        }
        if (value instanceof String s) {
            return leadingReal(s);
        }
        return 0.0;
    }

    /** {@code json_extract(data, '$.key')} as text (JSON text for objects and arrays), for conditions and indexes. */
    public static String extract(String data, String path) {
        String key = path != null && path.startsWith("$.") ? path.substring(2) : path;
        return text(data, key);
    }

    /**
     * SQLite's text to INTEGER: the longest leading integer, 0 when there is none, clamped to the long range when
     * it is too long (also how {@code ps_kv} values read back as numbers).
     */
    public static long leadingInteger(String text) {
        String s = text.strip();
        int end = 0;
        if (end < s.length() && (s.charAt(end) == '-' || s.charAt(end) == '+')) {
            end++;
        }
        int digits = end;
        while (end < s.length() && Character.isDigit(s.charAt(end))) {
            end++;
        }
        if (end == digits) {
            return 0L;
        }
        try {
            return Long.parseLong(s.substring(0, end));
        } catch (NumberFormatException e) {
            return (long) leadingReal(s);
        }
    }

    /** SQLite's text to REAL: the longest leading number, 0.0 when there is none. */
    static double leadingReal(String text) {
        String s = text.strip();
        for (int end = s.length(); end > 0; end--) {
            try {
                return Double.parseDouble(s.substring(0, end));
            } catch (NumberFormatException e) {
                // Shorter prefix next.
            }
        }
        return 0.0;
    }
}
