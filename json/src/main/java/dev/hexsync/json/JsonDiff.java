package dev.hexsync.json;

import java.math.BigInteger;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code powersync_diff(old, new)} of powersync-sqlite-core 0.5.3 (crates/core/src/diff.rs), reproduced to the
 * byte: values are read with serde_json's number model (see {@link JsonParser#engine(String)}), compared with
 * serde_json's {@code Value} equality and written back with sorted keys and the engine's number spelling.
 */
final class JsonDiff {
    private JsonDiff() {
    }

    static String diff(String oldObjectJson, String newObjectJson) {
        // The engine reads the new object first, so a broken new object is reported even if old is broken too.
        Map<String, Object> newer = parseObject(newObjectJson);
        Map<String, Object> older = parseObject(oldObjectJson);

        // serde_json's Map is a BTreeMap: the result comes out sorted by code point.
        TreeMap<String, Object> result = new TreeMap<>(JsonWriter.CODE_POINT_ORDER);
        for (Map.Entry<String, Object> entry : newer.entrySet()) {
            Object value = entry.getValue();
            if (value == null) {
                continue;
            }
            Object previous = older.get(entry.getKey());
            if (previous == null || !engineEquals(previous, value)) {
                result.put(entry.getKey(), value);
            }
        }
        for (Map.Entry<String, Object> entry : older.entrySet()) {
            if (entry.getValue() != null && newer.get(entry.getKey()) == null) {
                result.put(entry.getKey(), null);
            }
        }

        StringBuilder out = new StringBuilder(16 + 16 * result.size());
        out.append('{');
        JsonWriter writer = new JsonWriter(out, true);
        boolean first = true;
        for (Map.Entry<String, Object> entry : result.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            JsonWriter.writeString(out, entry.getKey());
            out.append(':');
            writer.write(entry.getValue());
        }
        return out.append('}').toString();
    }

    private static Map<String, Object> parseObject(String json) {
        if (json == null) {
            throw new JsonException("powersync_diff needs two JSON objects, got null");
        }
        Object value = JsonParser.engine(json).parseDocument();
        if (!(value instanceof Map)) {
            throw new JsonException("powersync_diff needs two JSON objects, got " + kind(value));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) value;
        return map;
    }

    private static String kind(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof List) {
            return "an array";
        }
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        return "a number";
    }

    /**
     * serde_json's {@code Value == Value}: integers and floats are never equal (1 vs 1.0), floats compare
     * with {@code ==} (so -0.0 equals 0.0), objects compare as key sets regardless of order, nested nulls count.
     */
    static boolean engineEquals(Object a, Object b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        if (a instanceof Double) {
            return b instanceof Double && ((Double) a).doubleValue() == ((Double) b).doubleValue();
        }
        if (a instanceof Long) {
            return b instanceof Long && ((Long) a).longValue() == ((Long) b).longValue();
        }
        if (a instanceof String || a instanceof Boolean || a instanceof BigInteger) {
            return a.equals(b);
        }
        if (a instanceof Map) {
            if (!(b instanceof Map)) {
                return false;
            }
            Map<?, ?> left = (Map<?, ?>) a;
            Map<?, ?> right = (Map<?, ?>) b;
            if (left.size() != right.size()) {
                return false;
            }
            for (Map.Entry<?, ?> entry : left.entrySet()) {
                Object other = right.get(entry.getKey());
                if (other == null && !right.containsKey(entry.getKey())) {
                    return false;
                }
                if (!engineEquals(entry.getValue(), other)) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof List) {
            if (!(b instanceof List)) {
                return false;
            }
            List<?> left = (List<?>) a;
            List<?> right = (List<?>) b;
            if (left.size() != right.size()) {
                return false;
            }
            Iterator<?> l = left.iterator();
            Iterator<?> r = right.iterator();
            while (l.hasNext()) {
                if (!engineEquals(l.next(), r.next())) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }
}
