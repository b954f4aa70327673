package dev.hexsync.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;

/** Compact JSON output, byte-compatible with serde_json for every value the engine can hold. */
final class JsonWriter {
    /** Deeper structures are almost certainly cyclic; failing beats a StackOverflowError. */
    static final int MAX_DEPTH = 512;

    /**
     * serde_json's Map is a BTreeMap&lt;String&gt;, ordered by UTF-8 bytes, which is code point order. It differs
     * from {@link String#compareTo} only between a supplementary character (a surrogate pair) and a BMP
     * character at or above U+E000: the engine puts "\uFF01" before "😀", compareTo the other way round.
     */
    static final Comparator<String> CODE_POINT_ORDER = JsonWriter::compareCodePoints;

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    /** BigDecimals whose plain form would need more padding zeros than this keep their exponent. */
    private static final int MAX_PLAIN_PADDING = 32;

    private final StringBuilder out;
    /** Engine mode: object keys sorted as serde_json sorts them, as the diff's output needs. */
    private final boolean sortKeys;

    JsonWriter(StringBuilder out, boolean sortKeys) {
        this.out = out;
        this.sortKeys = sortKeys;
    }

    void write(Object value) {
        write(value, 0);
    }

    private void write(Object value, int depth) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String) {
            writeString(out, (String) value);
        } else if (value instanceof Boolean) {
            out.append(((Boolean) value).booleanValue());
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            out.append(((Number) value).longValue());
        } else if (value instanceof Double) {
            JsonNumbers.appendDouble(out, (Double) value);
        } else if (value instanceof Map) {
            writeObject((Map<?, ?>) value, depth + 1);
        } else if (value instanceof Collection) {
            writeArray((Collection<?>) value, depth + 1);
        } else if (value instanceof Json.Raw) {
            out.append(((Json.Raw) value).json());
        } else if (value instanceof BigInteger) {
            out.append(value);
        } else if (value instanceof BigDecimal) {
            writeBigDecimal((BigDecimal) value);
        } else if (value instanceof Float) {
            JsonNumbers.appendFloat(out, (Float) value);
        } else {
            throw new IllegalArgumentException("cannot write a " + value.getClass().getName() + " as JSON");
        }
    }

    private void writeObject(Map<?, ?> map, int depth) {
        checkDepth(depth);
        out.append('{');
        if (sortKeys && map.size() > 1) {
            String[] keys = new String[map.size()];
            int i = 0;
            for (Object key : map.keySet()) {
                keys[i++] = key(key);
            }
            Arrays.sort(keys, CODE_POINT_ORDER);
            for (i = 0; i < keys.length; i++) {
                if (i > 0) {
                    out.append(',');
                }
                writeString(out, keys[i]);
                out.append(':');
                write(map.get(keys[i]), depth);
            }
        } else {
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                writeString(out, key(entry.getKey()));
                out.append(':');
                write(entry.getValue(), depth);
            }
        }
        out.append('}');
    }

    private static String key(Object key) {
        if (key instanceof String) {
            return (String) key;
        }
        throw new IllegalArgumentException("JSON object keys must be Strings, not "
                + (key == null ? "null" : key.getClass().getName()));
    }

    private void writeArray(Collection<?> items, int depth) {
        checkDepth(depth);
        out.append('[');
        boolean first = true;
        for (Object item : items) {
            if (!first) {
                out.append(',');
            }
            first = false;
            write(item, depth);
        }
        out.append(']');
    }

    private static void checkDepth(int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("value nested deeper than " + MAX_DEPTH + " levels (a cycle?)");
        }
    }

    private void writeBigDecimal(BigDecimal value) {
        // Plain digits when that costs at most a few zeros; 1E+1000 stays compact (still valid JSON).
        int scale = value.scale();
        int padding = scale < 0 ? -scale : Math.max(0, scale - value.precision());
        out.append(padding <= MAX_PLAIN_PADDING ? value.toPlainString() : value.toString());
    }

    /**
     * Writes a JSON string literal escaped exactly as serde_json does: {@code "} and {@code \} with a
     * backslash, \b \f \n \r \t short, other controls below U+0020 as {@code \}{@code u00xx} in lower case;
     * U+007F, {@code /} and all non-ASCII characters raw. A lone surrogate, which UTF-8 (and so the engine)
     * cannot carry, is escaped so that the text survives encoding.
     */
    static void writeString(StringBuilder out, String value) {
        out.append('"');
        int length = value.length();
        int run = 0;
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\' && (c < Character.MIN_SURROGATE || c > Character.MAX_SURROGATE)) {
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
                continue;
            }
            out.append(value, run, i);
            run = i + 1;
            switch (c) {
                case '"':
                    out.append("\\\"");
                    break;
                case '\\':
                    out.append("\\\\");
                    break;
                case '\b':
                    out.append("\\b");
                    break;
                case '\f':
                    out.append("\\f");
                    break;
                case '\n':
                    out.append("\\n");
                    break;
                case '\r':
                    out.append("\\r");
                    break;
                case '\t':
                    out.append("\\t");
                    break;
                default:
                    out.append("\\u")
                            .append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xf])
                            .append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
            }
        }
        out.append(value, run, length);
        out.append('"');
    }

    static int compareCodePoints(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                if (x >= Character.MIN_SURROGATE && y >= Character.MIN_SURROGATE) {
                    // Move surrogates (supplementary code points) above U+E000..U+FFFF.
                    x = fixUp(x);
                    y = fixUp(y);
                }
                return x - y;
            }
        }
        return a.length() - b.length();
    }

    private static char fixUp(char c) {
        return (char) (c >= 0xE000 ? c - 0x800 : c + 0x2000);
    }
}
