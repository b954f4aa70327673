package dev.hexsync.json;

import java.util.Map;
import java.util.Objects;

/**
 * The JSON hexsync needs, with no library behind it: {@code ports} depends on the JDK only, and the
 * engine-compatible pieces (string escaping, number spelling, {@link #diff}) have to match the PowerSync
 * engine byte for byte anyway, which no general-purpose library promises.
 *
 * <p>Value model, both ways: object ↔ {@link java.util.LinkedHashMap}{@code <String, Object>} (insertion
 * order), array ↔ {@link java.util.ArrayList}, string ↔ {@link String}, {@code true}/{@code false} ↔
 * {@link Boolean}, {@code null} ↔ {@code null}, integer literal ↔ {@link Long} (or
 * {@link java.math.BigInteger} beyond 64 bits), literal with fraction or exponent ↔ {@link Double}.
 */
public final class Json {
    private Json() {
    }

    /**
     * A pre-serialised JSON fragment that {@link #write} embeds verbatim (for example a row's {@code data}
     * column inside a sync line). The text is not checked: the caller vouches that it is one valid JSON value.
     */
    public record Raw(String json) {
        public Raw {
            Objects.requireNonNull(json, "json");
        }
    }

    /**
     * Parses {@code text} as exactly one JSON value (RFC 8259, strictly: no comments, no trailing commas,
     * no NaN, no leading zeros, no unescaped control characters). Duplicate keys: the last one wins.
     * At most 512 nested arrays/objects.
     *
     * @throws JsonException naming the problem and its character offset
     */
    public static Object parse(String text) {
        Objects.requireNonNull(text, "text");
        return JsonParser.standard(text).parseDocument();
    }

    /**
     * Parses {@code text}, which must be a JSON object.
     *
     * @throws JsonException if the text is not valid JSON or not an object
     */
    public static Map<String, Object> parseObject(String text) {
        Object value = parse(text);
        if (!(value instanceof Map)) {
            throw new JsonException("expected a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) value;
        return map;
    }

    /**
     * Writes {@code value} as compact JSON (no whitespace). Accepts {@link Map} with String keys (iteration
     * order kept), any {@link java.util.Collection}, String, Boolean, null, Long/Integer/Short/Byte/BigInteger,
     * Double/Float (in the engine's spelling, see {@link JsonNumbers}), {@link java.math.BigDecimal} and
     * {@link Raw}. Strings are escaped as the engine (serde_json) escapes them.
     *
     * @throws JsonException for NaN or infinity
     * @throws IllegalArgumentException for any other type, naming its class, for non-String keys, and for
     *     nesting deeper than 512 levels
     */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder(64);
        new JsonWriter(out, false).write(value);
        return out.toString();
    }

    /**
     * The PowerSync engine's {@code powersync_diff(old, new)}, as it builds {@code ps_crud.data} for a PATCH:
     * both arguments are JSON objects; keys whose value is null on both sides are ignored; the result holds
     * every key of {@code new} whose non-null value differs from {@code old}'s (or is absent there), and
     * {@code null} for every key that has a value in {@code old} but none in {@code new}.
     *
     * <p>Equality and output follow the engine exactly: {@code 1} and {@code 1.0} differ but {@code 1.0} and
     * {@code 1.00} do not; objects compare regardless of key order; keys (also nested ones) come out sorted by
     * code point; floats are re-spelled as the engine spells them ({@code 1E2 -> 100.0}); integers above
     * 2^64-1 or below -2^63, and {@code -0}, become floats; at most 127 nested levels.
     *
     * @throws JsonException if either argument is not a JSON object (the new one is checked first)
     */
    public static String diff(String oldObjectJson, String newObjectJson) {
        return JsonDiff.diff(oldObjectJson, newObjectJson);
    }
}
