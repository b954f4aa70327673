package dev.hexsync.testkit.conformance;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Prints result trees in the oracle's exact output format: two-space indentation, object keys sorted by
 * UTF-16 code units, REAL values spelled as JavaScript prints numbers (with {@code .0} added when the
 * spelling has neither a point nor an exponent), BLOBs as {@code {"blob_hex": ...}}, a trailing newline.
 *
 * <p>Accepted values: {@code Map<String, ?>}, {@code Collection}, {@code String}, {@code Boolean},
 * {@code Long}/{@code Integer}/{@code BigInteger}, {@code Double}, {@code byte[]}, {@link Verbatim} and null.
 */
public final class ResultJson {
    /** A number whose spelling must be kept as given (numbers inside engine output). */
    public record Verbatim(String text) {
    }

    private ResultJson() {
    }

    public static String print(Object value) {
        StringBuilder out = new StringBuilder();
        write(out, value, 0);
        return out.append('\n').toString();
    }

    private static void write(StringBuilder out, Object value, int depth) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Boolean b) {
            out.append(b);
        } else if (value instanceof Long || value instanceof Integer || value instanceof BigInteger) {
            out.append(value);
        } else if (value instanceof Double d) {
            out.append(real(d));
        } else if (value instanceof Verbatim v) {
            out.append(v.text());
        } else if (value instanceof String s) {
            string(out, s);
        } else if (value instanceof byte[] bytes) {
            StringBuilder hex = new StringBuilder();
            for (byte b : bytes) {
                hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
            }
            write(out, Map.of("blob_hex", hex.toString()), depth);
        } else if (value instanceof Map<?, ?> map) {
            List<String> keys = new ArrayList<>();
            for (Object key : map.keySet()) {
                keys.add((String) key);
            }
            keys.sort(null);
            if (keys.isEmpty()) {
                out.append("{}");
                return;
            }
            out.append('{');
            for (int i = 0; i < keys.size(); i++) {
                out.append(i == 0 ? "" : ",");
                newline(out, depth + 1);
                string(out, keys.get(i));
                out.append(": ");
                write(out, map.get(keys.get(i)), depth + 1);
            }
            newline(out, depth);
            out.append('}');
        } else if (value instanceof Collection<?> list) {
            if (list.isEmpty()) {
                out.append("[]");
                return;
            }
            out.append('[');
            boolean first = true;
            for (Object item : list) {
                out.append(first ? "" : ",");
                first = false;
                newline(out, depth + 1);
                write(out, item, depth + 1);
            }
            newline(out, depth);
            out.append(']');
        } else {
            throw new IllegalArgumentException("Cannot print " + value.getClass().getName());
        }
    }

    private static void newline(StringBuilder out, int depth) {
        out.append('\n');
        out.append("  ".repeat(depth));
    }

    /** JSON.stringify's string escaping. */
    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    boolean loneSurrogate = Character.isSurrogate(c)
                            && !(Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1)))
                            && !(Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(s.charAt(i - 1)));
                    if (c < 0x20 || loneSurrogate) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** A REAL as the oracle prints it: JavaScript's Number#toString, plus ".0" when it looks integral. */
    public static String real(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "\"" + (Double.isNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity") + "\"";
        }
        String text = javascript(value);
        return text.indexOf('.') >= 0 || text.indexOf('e') >= 0 ? text : text + ".0";
    }

    /** ECMAScript Number::toString(10). */
    static String javascript(double value) {
        if (value == 0) {
            return "0";
        }
        if (value < 0) {
            return "-" + javascript(-value);
        }
        BigDecimal shortest = shortest(value);
        String digits = shortest.unscaledValue().toString();
        // Strip trailing zeros of the digit string; n = position of the decimal point relative to digits.
        int k = digits.length();
        while (k > 1 && digits.charAt(k - 1) == '0') {
            k--;
        }
        digits = digits.substring(0, k);
        int n = shortest.precision() - shortest.scale();
        if (k <= n && n <= 21) {
            return digits + "0".repeat(n - k);
        }
        if (0 < n && n <= 21) {
            return digits.substring(0, n) + "." + digits.substring(n);
        }
        if (-6 < n && n <= 0) {
            return "0." + "0".repeat(-n) + digits;
        }
        int exponent = n - 1;
        String sign = exponent < 0 ? "-" : "+";
        String mantissa = k == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return mantissa + "e" + sign + Math.abs(exponent);
    }

    /** The shortest decimal that reads back as {@code value}. */
    private static BigDecimal shortest(double value) {
        BigDecimal exact = new BigDecimal(value);
        for (int precision = 1; precision <= 17; precision++) {
            BigDecimal candidate = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
            if (candidate.doubleValue() == value) {
                return candidate;
            }
        }
        return exact.round(new MathContext(17, RoundingMode.HALF_EVEN));
    }
}
