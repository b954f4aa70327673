package dev.hexsync.adapters.h2;

import java.util.OptionalInt;

/**
 * Finds where SQL text holds a second statement, by SQLite's own rule for where a statement ends: the state
 * machine of {@code sqlite3_complete()} ({@code complete.c}), which knows string literals, quoted identifiers,
 * comments and the {@code ;END;} that closes a {@code CREATE TRIGGER} body. The driver prepares only the first
 * statement of a text and ignores the rest without a word, so hexsync looks before it prepares.
 */
final class StatementText {
    // Tokens, as complete.c names them.
    private static final int SEMI = 0;
    private static final int WS = 1;
    private static final int OTHER = 2;
    private static final int EXPLAIN = 3;
    private static final int CREATE = 4;
    private static final int TEMP = 5;
    private static final int TRIGGER = 6;
    private static final int END = 7;

    // States: 0 nothing seen yet, 1 between statements, 2 in a statement, 3 after EXPLAIN, 4 after CREATE
    // (and TEMP), 5 in a trigger body, 6 after its ';', 7 after its ';END'.
    private static final int INVALID = 0;
    private static final int START = 1;
    private static final int[][] NEXT = {
        //          SEMI WS OTHER EXPLAIN CREATE TEMP TRIGGER END
        /* 0 */ {1, 0, 2, 3, 4, 2, 2, 2},
        /* 1 */ {1, 1, 2, 3, 4, 2, 2, 2},
        /* 2 */ {1, 2, 2, 2, 2, 2, 2, 2},
        /* 3 */ {1, 3, 3, 2, 4, 2, 2, 2},
        /* 4 */ {1, 4, 2, 2, 2, 4, 5, 2},
        /* 5 */ {6, 5, 5, 5, 5, 5, 5, 5},
        /* 6 */ {6, 6, 5, 5, 5, 5, 5, 7},
        /* 7 */ {1, 7, 5, 5, 5, 5, 5, 5},
    };

    private StatementText() {
    }

    /**
     * The offset where a second statement begins, or empty when the text holds at most one: after the
     * semicolon that ends the first statement only whitespace, comments and further semicolons may follow.
     * A first statement that never ends (an unterminated string, a trigger without {@code END}) counts as one:
     * preparing it reports SQLite's own error.
     */
    static OptionalInt secondStatement(String sql) {
        int state = INVALID;
        boolean ended = false;
        int i = 0;
        int length = sql.length();
        while (i < length) {
            int start = i;
            char c = sql.charAt(i);
            int token;
            switch (c) {
                case ';' -> {
                    token = SEMI;
                    i++;
                }
                case ' ', '\r', '\t', '\n', '\f' -> {
                    token = WS;
                    i++;
                }
                case '/' -> {
                    if (i + 1 < length && sql.charAt(i + 1) == '*') {
                        int close = sql.indexOf("*/", i + 2);
                        if (close < 0) {
                            // Unterminated: SQLite reads it as a comment running to the end.
                            return OptionalInt.empty();
                        }
                        i = close + 2;
                        token = WS;
                    } else {
                        i++;
                        token = OTHER;
                    }
                }
                case '-' -> {
                    if (i + 1 < length && sql.charAt(i + 1) == '-') {
                        int newline = sql.indexOf('\n', i + 2);
                        if (newline < 0) {
                            return OptionalInt.empty();
                        }
                        i = newline + 1;
                        token = WS;
                    } else {
                        i++;
                        token = OTHER;
                    }
                }
                case '[' -> {
                    int close = sql.indexOf(']', i + 1);
                    if (close < 0) {
                        return ended ? OptionalInt.of(start) : OptionalInt.empty();
                    }
                    i = close + 1;
                    token = OTHER;
                }
                case '\'', '"', '`' -> {
                    int close = sql.indexOf(c, i + 1);
                    if (close < 0) {
                        return ended ? OptionalInt.of(start) : OptionalInt.empty();
                    }
                    i = close + 1;
                    token = OTHER;
                }
                default -> {
                    if (isIdChar(c)) {
                        int end = i + 1;
                        while (end < length && isIdChar(sql.charAt(end))) {
                            end++;
                        }
                        token = keyword(sql, i, end);
                        i = end;
                    } else {
                        i++;
                        token = OTHER;
                    }
                }
            }
            if (ended) {
                if (token != SEMI && token != WS) {
                    return OptionalInt.of(start);
                }
                continue;
            }
            int next = NEXT[state][token];
            if (token == SEMI && next == START && state != INVALID && state != START) {
                ended = true;
            }
            state = next;
        }
        return OptionalInt.empty();
    }

    /** SQLite's IdChar: letters, digits, {@code _}, {@code $} and every non-ASCII character. */
    private static boolean isIdChar(char c) {
        return c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
                || c == '$';
    }

    private static int keyword(String sql, int from, int to) {
        int length = to - from;
        if (length == 6 && sql.regionMatches(true, from, "create", 0, 6)) {
            return CREATE;
        }
        if (length == 7 && sql.regionMatches(true, from, "trigger", 0, 7)) {
            return TRIGGER;
        }
        if (length == 7 && sql.regionMatches(true, from, "explain", 0, 7)) {
            return EXPLAIN;
        }
        if ((length == 4 && sql.regionMatches(true, from, "temp", 0, 4))
                || (length == 9 && sql.regionMatches(true, from, "temporary", 0, 9))) {
            return TEMP;
        }
        if (length == 3 && sql.regionMatches(true, from, "end", 0, 3)) {
            return END;
        }
        return OTHER;
    }
}
