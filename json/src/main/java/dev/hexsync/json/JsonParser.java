package dev.hexsync.json;

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
final class JsonParser extends JsonNumberReader {
    static final int MAX_DEPTH = 512;
    /** serde_json's default recursion limit: the 128th nested container is refused. */
    static final int ENGINE_MAX_DEPTH = 127;

    private final boolean engine;
    private final int maxDepth;
    private int depth;

    private JsonParser(String text, boolean engine) {
        super(text);
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
}
