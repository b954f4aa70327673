package dev.hexsync.json;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Strict RFC 8259 recursive-descent parser with a nesting limit, so hostile input ends in a
 * {@link JsonException} instead of a {@link StackOverflowError}.
 *
 * <p>Two number models: the {@linkplain #standard(String) standard} one keeps integers exact
 * (Long, else BigInteger) and reads fractions correctly rounded; the {@linkplain #engine(String) engine}
 * one reproduces serde_json as built into the PowerSync engine, so that {@link JsonDiff} compares and
 * re-prints exactly the values the engine would.
 */
final class JsonParser {
    static final int MAX_DEPTH = 512;
    /** serde_json's default recursion limit: the 128th nested container is refused. */
    static final int ENGINE_MAX_DEPTH = 127;

    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);
    /** u64::MAX / 10 and u64::MAX % 10, for serde_json's overflow check. */
    private static final long U64_MAX_DIV_10 = Long.divideUnsigned(-1L, 10);
    private static final long U64_MAX_MOD_10 = Long.remainderUnsigned(-1L, 10);

    private final String text;
    private final int length;
    private final boolean engine;
    private final int maxDepth;
    private int pos;
    private int depth;

    private JsonParser(String text, boolean engine) {
        this.text = text;
        this.length = text.length();
        this.engine = engine;
        this.maxDepth = engine ? ENGINE_MAX_DEPTH : MAX_DEPTH;
    }

    static JsonParser standard(String text) {
        return new JsonParser(text, false);
    }

    /**
     * serde_json semantics: integers are u64 (BigInteger above Long.MAX_VALUE) or negative i64, {@code -0}
     * and every other integer outside those ranges is a Double; fractions use serde_json's inexact
     * arithmetic; lone surrogate escapes are refused; at most 127 nested containers.
     */
    static JsonParser engine(String text) {
        return new JsonParser(text, true);
    }

    /** Parses the whole input as one JSON value. */
    Object parseDocument() {
        skipWhitespace();
        Object value = parseValue();
        skipWhitespace();
        if (pos < length) {
            throw error(pos, "unexpected " + describe(text.charAt(pos)) + " after the JSON value");
        }
        return value;
    }

    private Object parseValue() {
        if (pos >= length) {
            throw error(pos, "unexpected end of input, expected a value");
        }
        char c = text.charAt(pos);
        switch (c) {
            case '{':
                return parseObject();
            case '[':
                return parseArray();
            case '"':
                return parseString();
            case 't':
                parseLiteral("true");
                return Boolean.TRUE;
            case 'f':
                parseLiteral("false");
                return Boolean.FALSE;
            case 'n':
                parseLiteral("null");
                return null;
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return engine ? parseEngineNumber() : parseNumber();
                }
                throw error(pos, "expected a value but found " + describe(c));
        }
    }

    private Map<String, Object> parseObject() {
        enter();
        pos++;
        Map<String, Object> map = new LinkedHashMap<>();
        skipWhitespace();
        if (pos < length && text.charAt(pos) == '}') {
            pos++;
            depth--;
            return map;
        }
        while (true) {
            skipWhitespace();
            if (pos >= length) {
                throw error(pos, "unexpected end of input, expected a string key");
            }
            if (text.charAt(pos) != '"') {
                throw error(pos, "expected a string key but found " + describe(text.charAt(pos)));
            }
            String key = parseString();
            skipWhitespace();
            if (pos >= length) {
                throw error(pos, "unexpected end of input, expected ':'");
            }
            if (text.charAt(pos) != ':') {
                throw error(pos, "expected ':'");
            }
            pos++;
            skipWhitespace();
            map.put(key, parseValue());
            skipWhitespace();
            if (pos >= length) {
                throw error(pos, "unexpected end of input, expected ',' or '}'");
            }
            char c = text.charAt(pos);
            if (c == ',') {
                pos++;
            } else if (c == '}') {
                pos++;
                depth--;
                return map;
            } else {
                throw error(pos, "expected ',' or '}'");
            }
        }
    }

    private List<Object> parseArray() {
        enter();
        pos++;
        List<Object> list = new ArrayList<>();
        skipWhitespace();
        if (pos < length && text.charAt(pos) == ']') {
            pos++;
            depth--;
            return list;
        }
        while (true) {
            skipWhitespace();
            list.add(parseValue());
            skipWhitespace();
            if (pos >= length) {
                throw error(pos, "unexpected end of input, expected ',' or ']'");
            }
            char c = text.charAt(pos);
            if (c == ',') {
                pos++;
            } else if (c == ']') {
                pos++;
                depth--;
                return list;
            } else {
                throw error(pos, "expected ',' or ']'");
            }
        }
    }

    private void enter() {
        if (++depth > maxDepth) {
            throw error(pos, "nesting deeper than " + maxDepth + " levels");
        }
    }

    private void parseLiteral(String literal) {
        for (int i = 0; i < literal.length(); i++) {
            if (pos + i >= length) {
                throw error(pos + i, "unexpected end of input, expected '" + literal + "'");
            }
            if (text.charAt(pos + i) != literal.charAt(i)) {
                throw error(pos + i, "invalid literal, expected '" + literal + "'");
            }
        }
        pos += literal.length();
    }

    private String parseString() {
        int open = pos;
        int start = ++pos;
        // Most strings have no escapes: scan, then take one substring.
        while (pos < length) {
            char c = text.charAt(pos);
            if (c == '"') {
                String value = text.substring(start, pos);
                pos++;
                return value;
            }
            if (c == '\\') {
                return parseEscapedString(open, start);
            }
            if (c < 0x20) {
                throw error(pos, "unescaped control character " + describe(c) + " in string");
            }
            pos++;
        }
        throw error(open, "unterminated string");
    }

    private String parseEscapedString(int open, int start) {
        StringBuilder out = new StringBuilder(pos - start + 16);
        out.append(text, start, pos);
        while (pos < length) {
            char c = text.charAt(pos);
            if (c == '"') {
                pos++;
                return out.toString();
            }
            if (c < 0x20) {
                throw error(pos, "unescaped control character " + describe(c) + " in string");
            }
            if (c != '\\') {
                out.append(c);
                pos++;
                continue;
            }
            int escape = pos;
            if (++pos >= length) {
                break;
            }
            char e = text.charAt(pos++);
            switch (e) {
                case '"':
                case '\\':
                case '/':
                    out.append(e);
                    break;
                case 'b':
                    out.append('\b');
                    break;
                case 'f':
                    out.append('\f');
                    break;
                case 'n':
                    out.append('\n');
                    break;
                case 'r':
                    out.append('\r');
                    break;
                case 't':
                    out.append('\t');
                    break;
                case 'u':
                    char unit = hexEscape(escape);
                    if (engine && Character.isSurrogate(unit)) {
                        unit = checkSurrogatePair(escape, unit, out);
                    }
                    out.append(unit);
                    break;
                default:
                    throw error(escape, "invalid escape sequence '\\" + e + "'");
            }
        }
        throw error(open, "unterminated string");
    }

    /** Reads the four hex digits after {@code \}{@code u}; pos is just past the 'u'. */
    private char hexEscape(int escape) {
        if (pos + 4 > length) {
            throw error(escape, "invalid \\u escape: expected four hex digits");
        }
        int value = 0;
        for (int i = 0; i < 4; i++) {
            int digit = hexDigit(text.charAt(pos + i));
            if (digit < 0) {
                throw error(escape, "invalid \\u escape: expected four hex digits");
            }
            value = value * 16 + digit;
        }
        pos += 4;
        return (char) value;
    }

    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /**
     * serde_json accepts a surrogate escape only as a high-low pair. Appends the high half and
     * returns the low one.
     */
    private char checkSurrogatePair(int escape, char high, StringBuilder out) {
        if (Character.isHighSurrogate(high)
                && pos + 1 < length && text.charAt(pos) == '\\' && text.charAt(pos + 1) == 'u') {
            int second = pos;
            pos += 2;
            char low = hexEscape(second);
            if (Character.isLowSurrogate(low)) {
                out.append(high);
                return low;
            }
        }
        throw error(escape, "lone surrogate in \\u escape");
    }

    // ---------------------------------------------------------------------------------------------
    // Standard numbers: exact integers, correctly rounded doubles.
    // ---------------------------------------------------------------------------------------------

    private Object parseNumber() {
        int start = pos;
        if (text.charAt(pos) == '-') {
            pos++;
        }
        int digitsStart = pos;
        if (pos >= length) {
            throw error(pos, "unexpected end of input in number");
        }
        char c = text.charAt(pos);
        if (c == '0') {
            pos++;
            if (pos < length && isDigit(text.charAt(pos))) {
                throw error(pos, "invalid number: leading zeros are not allowed");
            }
        } else if (c >= '1' && c <= '9') {
            pos++;
            skipDigits();
        } else {
            throw error(pos, "invalid number: expected a digit but found " + describe(c));
        }
        int integerEnd = pos;
        boolean integral = true;
        if (pos < length && text.charAt(pos) == '.') {
            pos++;
            requireDigit("after the decimal point");
            skipDigits();
            integral = false;
        }
        if (pos < length && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            pos++;
            if (pos < length && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
                pos++;
            }
            requireDigit("in the exponent");
            skipDigits();
            integral = false;
        }
        if (integral) {
            boolean negative = digitsStart > start;
            if (integerEnd - digitsStart <= 18) {
                long value = 0;
                for (int i = digitsStart; i < integerEnd; i++) {
                    value = value * 10 + (text.charAt(i) - '0');
                }
                return negative ? -value : value;
            }
            BigInteger big = new BigInteger(text.substring(start, integerEnd));
            return big.bitLength() < 64 ? (Object) big.longValue() : big;
        }
        double value = Double.parseDouble(text.substring(start, pos));
        if (Double.isInfinite(value)) {
            throw error(start, "number out of range");
        }
        return value;
    }

    private void requireDigit(String where) {
        if (pos >= length) {
            throw error(pos, "unexpected end of input, expected a digit " + where);
        }
        if (!isDigit(text.charAt(pos))) {
            throw error(pos, "invalid number: expected a digit " + where + " but found " + describe(text.charAt(pos)));
        }
    }

    private void skipDigits() {
        while (pos < length && isDigit(text.charAt(pos))) {
            pos++;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    // ---------------------------------------------------------------------------------------------
    // Engine numbers: serde_json 1.0.151 de.rs (parse_integer .. f64_from_parts), step for step,
    // because its inexact arithmetic decides which double, and so which digits, the engine records.
    // ---------------------------------------------------------------------------------------------

    private Object parseEngineNumber() {
        int start = pos;
        boolean positive = true;
        if (text.charAt(pos) == '-') {
            positive = false;
            pos++;
        }
        if (pos >= length) {
            throw error(pos, "unexpected end of input in number");
        }
        char c = text.charAt(pos++);
        if (c == '0') {
            if (pos < length && isDigit(text.charAt(pos))) {
                throw error(pos, "invalid number: leading zeros are not allowed");
            }
            return engineNumberTail(start, positive, 0);
        }
        if (c < '1' || c > '9') {
            throw error(pos - 1, "invalid number: expected a digit but found " + describe(c));
        }
        long significand = c - '0';
        while (pos < length && isDigit(text.charAt(pos))) {
            int digit = text.charAt(pos) - '0';
            if (overflowsU64(significand, digit)) {
                return engineDouble(start, positive, parseLongInteger(significand));
            }
            pos++;
            significand = significand * 10 + digit;
        }
        return engineNumberTail(start, positive, significand);
    }

    private Object engineNumberTail(int start, boolean positive, long significand) {
        if (pos < length) {
            char c = text.charAt(pos);
            if (c == '.') {
                return engineDouble(start, positive, parseDecimal(significand, 0));
            }
            if (c == 'e' || c == 'E') {
                return engineDouble(start, positive, parseExponent(significand, 0));
            }
        }
        if (positive) {
            return significand >= 0 ? (Object) significand : BigInteger.valueOf(significand).add(TWO_64);
        }
        long negated = -significand;
        if (negated >= 0) {
            // i64 underflow, or -0: serde_json turns both into a float.
            return -JsonNumbers.unsignedToDouble(significand);
        }
        return negated;
    }

    private Object engineDouble(int start, boolean positive, double magnitude) {
        if (Double.isNaN(magnitude)) {
            throw error(start, "number out of range");
        }
        return positive ? magnitude : -magnitude;
    }

    private static boolean overflowsU64(long significand, int digit) {
        int cmp = Long.compareUnsigned(significand, U64_MAX_DIV_10);
        return cmp >= 0 && (cmp > 0 || digit > U64_MAX_MOD_10);
    }

    /** Digits beyond u64 only scale the value: they are counted, not read. */
    private double parseLongInteger(long significand) {
        int exponent = 0;
        while (pos < length) {
            char c = text.charAt(pos);
            if (isDigit(c)) {
                pos++;
                exponent++;
            } else if (c == '.') {
                return parseDecimal(significand, exponent);
            } else if (c == 'e' || c == 'E') {
                return parseExponent(significand, exponent);
            } else {
                break;
            }
        }
        return JsonNumbers.engineDoubleFromParts(significand, exponent);
    }

    private double parseDecimal(long significand, int exponentBeforePoint) {
        pos++;
        int exponentAfterPoint = 0;
        while (pos < length && isDigit(text.charAt(pos))) {
            int digit = text.charAt(pos) - '0';
            if (overflowsU64(significand, digit)) {
                // Fraction digits that no longer fit are dropped (truncated, not rounded).
                skipDigits();
                return parseExponentOrFinish(significand, exponentBeforePoint + exponentAfterPoint);
            }
            pos++;
            significand = significand * 10 + digit;
            exponentAfterPoint--;
        }
        if (exponentAfterPoint == 0) {
            requireDigit("after the decimal point");
        }
        return parseExponentOrFinish(significand, exponentBeforePoint + exponentAfterPoint);
    }

    private double parseExponentOrFinish(long significand, int exponent) {
        if (pos < length && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            return parseExponent(significand, exponent);
        }
        return JsonNumbers.engineDoubleFromParts(significand, exponent);
    }

    private double parseExponent(long significand, int startingExponent) {
        pos++;
        boolean positiveExponent = true;
        if (pos < length && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
            positiveExponent = text.charAt(pos) == '+';
            pos++;
        }
        requireDigit("in the exponent");
        int exponent = text.charAt(pos++) - '0';
        while (pos < length && isDigit(text.charAt(pos))) {
            int digit = text.charAt(pos++) - '0';
            if (exponent >= Integer.MAX_VALUE / 10 && (exponent > Integer.MAX_VALUE / 10 || digit > Integer.MAX_VALUE % 10)) {
                // An exponent beyond i32: zero, or out of range when it grows the value.
                if (significand != 0 && positiveExponent) {
                    return Double.NaN;
                }
                skipDigits();
                return 0.0;
            }
            exponent = exponent * 10 + digit;
        }
        long sum = positiveExponent ? (long) startingExponent + exponent : (long) startingExponent - exponent;
        int saturated = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, sum));
        return JsonNumbers.engineDoubleFromParts(significand, saturated);
    }

    // ---------------------------------------------------------------------------------------------

    private void skipWhitespace() {
        while (pos < length) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return;
            }
            pos++;
        }
    }

    private static String describe(char c) {
        if (c < 0x20 || c == 0x7f || Character.isSurrogate(c)) {
            return String.format("U+%04X", (int) c);
        }
        return "'" + c + "'";
    }

    private static JsonException error(int offset, String problem) {
        return new JsonException(offset, problem);
    }
}
