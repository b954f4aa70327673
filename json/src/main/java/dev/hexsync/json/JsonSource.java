package dev.hexsync.json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits JSON text into the source text of its members, without re-serialising them. The sync engine keeps
 * some payload parts verbatim (stream parameters are compared as text, app metadata is forwarded as sent),
 * so their exact spelling must survive a round trip.
 */
public final class JsonSource {
    private JsonSource() {
    }

    /** The members of an object, each value as its exact source text (white space inside kept). */
    public static Map<String, String> members(String objectText) {
        Json.parseObject(objectText); // validates; the scan below can then assume well-formed input
        Map<String, String> members = new LinkedHashMap<>();
        Scanner scanner = new Scanner(objectText);
        scanner.skipWhitespace();
        scanner.expect('{');
        scanner.skipWhitespace();
        if (scanner.peek() == '}') {
            return members;
        }
        while (true) {
            scanner.skipWhitespace();
            String key = (String) Json.parse(scanner.stringToken());
            scanner.skipWhitespace();
            scanner.expect(':');
            members.put(key, scanner.valueToken());
            scanner.skipWhitespace();
            if (scanner.next() == '}') {
                return members;
            }
        }
    }

    /** The elements of an array, each as its exact source text (white space inside kept). */
    public static List<String> elements(String arrayText) {
        Object parsed = Json.parse(arrayText);
        if (!(parsed instanceof List<?>)) {
            throw new JsonException("expected a JSON array");
        }
        List<String> elements = new ArrayList<>();
        Scanner scanner = new Scanner(arrayText);
        scanner.skipWhitespace();
        scanner.expect('[');
        scanner.skipWhitespace();
        if (scanner.peek() == ']') {
            return elements;
        }
        while (true) {
            elements.add(scanner.valueToken());
            scanner.skipWhitespace();
            if (scanner.next() == ']') {
                return elements;
            }
        }
    }

    /** Removes insignificant white space, keeping strings (and their escapes) byte for byte. */
    public static String compact(String json) {
        StringBuilder out = new StringBuilder(json.length());
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                out.append(c);
                if (c == '\\' && i + 1 < json.length()) {
                    out.append(json.charAt(++i));
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
                out.append(c);
            } else if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static final class Scanner {
        private final String text;
        private int position;

        Scanner(String text) {
            this.text = text;
        }

        void skipWhitespace() {
            while (position < text.length() && " \t\n\r".indexOf(text.charAt(position)) >= 0) {
                position++;
            }
        }

        char peek() {
            return text.charAt(position);
        }

        char next() {
            return text.charAt(position++);
        }

        void expect(char c) {
            if (next() != c) {
                throw new JsonException(position - 1, "expected '" + c + "'");
            }
        }

        String stringToken() {
            int start = position;
            position++;
            while (text.charAt(position) != '"') {
                position += text.charAt(position) == '\\' ? 2 : 1;
            }
            position++;
            return text.substring(start, position);
        }

        /** The source text of the value starting here (after white space). */
        String valueToken() {
            skipWhitespace();
            int start = position;
            char c = peek();
            if (c == '"') {
                return stringToken();
            }
            if (c == '{' || c == '[') {
                int depth = 0;
                do {
                    char d = text.charAt(position);
                    if (d == '"') {
                        stringToken();
                        continue;
                    }
                    if (d == '{' || d == '[') {
                        depth++;
                    } else if (d == '}' || d == ']') {
                        depth--;
                    }
                    position++;
                } while (depth > 0);
                return text.substring(start, position);
            }
            while (position < text.length() && ",}] \t\n\r".indexOf(text.charAt(position)) < 0) {
                position++;
            }
            return text.substring(start, position);
        }
    }
}
