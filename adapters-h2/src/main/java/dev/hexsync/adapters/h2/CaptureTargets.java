package dev.hexsync.adapters.h2;

import java.util.Locale;

/**
 * Finds the table or view a write statement targets, to mirror an engine detail: the engine allocates the
 * transaction's CRUD id when a statement that <em>can</em> capture starts (its virtual table joins the
 * transaction), so an UPDATE or DELETE on a synced view that matches no row still uses up an id. The
 * triggers cannot see such statements, so the adapter allocates before running them.
 *
 * <p>Recognises {@code INSERT [OR x] INTO t}, {@code REPLACE INTO t}, {@code UPDATE [OR x] t} and
 * {@code DELETE FROM t}, after leading white space and comments; anything else answers null.
 */
final class CaptureTargets {
    private CaptureTargets() {
    }

    /** The lower-cased target name of a write statement, or null. */
    static String target(String sql) {
        Scanner scanner = new Scanner(sql);
        String first = scanner.word();
        if (first == null) {
            return null;
        }
        switch (first) {
            case "insert" -> {
                String next = scanner.word();
                if ("or".equals(next)) {
                    scanner.word();
                    next = scanner.word();
                }
                return "into".equals(next) ? scanner.name() : null;
            }
            case "replace" -> {
                return "into".equals(scanner.word()) ? scanner.name() : null;
            }
            case "update" -> {
                int mark = scanner.position;
                if ("or".equals(scanner.word())) {
                    scanner.word();
                } else {
                    scanner.position = mark;
                }
                return scanner.name();
            }
            case "delete" -> {
                return "from".equals(scanner.word()) ? scanner.name() : null;
            }
            default -> {
                return null;
            }
        }
    }

    /** A tiny tokenizer over the start of a statement. */
    private static final class Scanner {
        private final String sql;
        private int position;

        Scanner(String sql) {
            this.sql = sql;
        }

        private void skipSpaceAndComments() {
            while (position < sql.length()) {
                char c = sql.charAt(position);
                if (Character.isWhitespace(c)) {
                    position++;
                } else if (sql.startsWith("--", position)) {
                    int end = sql.indexOf('\n', position);
                    position = end < 0 ? sql.length() : end + 1;
                } else if (sql.startsWith("/*", position)) {
                    int end = sql.indexOf("*/", position + 2);
                    position = end < 0 ? sql.length() : end + 2;
                } else {
                    return;
                }
            }
        }

        /** The next bare keyword, lower-cased, or null. */
        String word() {
            skipSpaceAndComments();
            int start = position;
            while (position < sql.length() && (Character.isLetterOrDigit(sql.charAt(position)) || sql.charAt(position) == '_')) {
                position++;
            }
            return position == start ? null : sql.substring(start, position).toLowerCase(Locale.ROOT);
        }

        /** The next (possibly quoted, possibly schema-qualified) name, lower-cased, or null. */
        String name() {
            String name = part();
            skipSpaceAndComments();
            if (name != null && position < sql.length() && sql.charAt(position) == '.') {
                position++;
                name = part();
            }
            return name == null ? null : name.toLowerCase(Locale.ROOT);
        }

        private String part() {
            skipSpaceAndComments();
            if (position >= sql.length()) {
                return null;
            }
            char open = sql.charAt(position);
            char close = switch (open) {
                case '"' -> '"';
                case '`' -> '`';
                case '[' -> ']';
                default -> 0;
            };
            if (close == 0) {
                return word();
            }
            StringBuilder name = new StringBuilder();
            position++;
            while (position < sql.length()) {
                char c = sql.charAt(position++);
                if (c == close) {
                    if (close != ']' && position < sql.length() && sql.charAt(position) == close) {
                        name.append(c);
                        position++;
                        continue;
                    }
                    return name.toString();
                }
                name.append(c);
            }
            return null;
        }
    }
}
