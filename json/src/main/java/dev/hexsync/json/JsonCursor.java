package dev.hexsync.json;

/**
 * Where a {@link JsonParser} is in its text, and what every part of it reads with: whitespace, digits, and errors
 * naming the character offset.
 */
abstract class JsonCursor {
    final String text;
    final int length;
    int pos;

    JsonCursor(String text) {
        this.text = text;
        this.length = text.length();
    }

    void skipWhitespace() {
        while (pos < length) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return;
            }
            pos++;
        }
    }

    static String describe(char c) {
        if (c < 0x20 || c == 0x7f || Character.isSurrogate(c)) {
            return String.format("U+%04X", (int) c);
        }
        return "'" + c + "'";
    }

    static JsonException error(int offset, String problem) {
        return new JsonException(offset, problem);
    }

    void requireDigit(String where) {
        if (pos >= length) {
            throw error(pos, "unexpected end of input, expected a digit " + where);
        }
        if (!isDigit(text.charAt(pos))) {
            throw error(pos, "invalid number: expected a digit " + where + " but found " + describe(text.charAt(pos)));
        }
    }

    void skipDigits() {
        while (pos < length && isDigit(text.charAt(pos))) {
            pos++;
        }
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
