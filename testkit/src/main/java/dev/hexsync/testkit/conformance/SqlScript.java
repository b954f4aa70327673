package dev.hexsync.testkit.conformance;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits SQL text holding several statements at the semicolons between them, as SQLite reads them:
 * semicolons inside string literals, quoted identifiers, comments and trigger bodies
 * ({@code CREATE TRIGGER ... BEGIN ... END}) do not split.
 */
public final class SqlScript {
    private SqlScript() {
    }

    public static List<String> split(String sql) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int depth = 0;
        boolean trigger = false;
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"' || c == '`' || c == '[') {
                char close = c == '[' ? ']' : c;
                int end = i + 1;
                while (end < sql.length()) {
                    if (sql.charAt(end) == close) {
                        if (close != ']' && end + 1 < sql.length() && sql.charAt(end + 1) == close) {
                            end += 2;
                            continue;
                        }
                        break;
                    }
                    end++;
                }
                end = Math.min(end + 1, sql.length());
                current.append(sql, i, end);
                i = end;
            } else if (sql.startsWith("--", i)) {
                int end = sql.indexOf('\n', i);
                end = end < 0 ? sql.length() : end + 1;
                current.append(sql, i, end);
                i = end;
            } else if (sql.startsWith("/*", i)) {
                int end = sql.indexOf("*/", i + 2);
                end = end < 0 ? sql.length() : end + 2;
                current.append(sql, i, end);
                i = end;
            } else if (Character.isLetter(c) && (i == 0 || !isWordChar(sql.charAt(i - 1)))) {
                int end = i;
                while (end < sql.length() && isWordChar(sql.charAt(end))) {
                    end++;
                }
                String word = sql.substring(i, end).toUpperCase(java.util.Locale.ROOT);
                if (word.equals("TRIGGER") && current.toString().trim().toUpperCase(java.util.Locale.ROOT).startsWith("CREATE")) {
                    trigger = true;
                } else if (trigger && (word.equals("BEGIN") || word.equals("CASE"))) {
                    depth++;
                } else if (trigger && word.equals("END") && depth > 0) {
                    depth--;
                }
                current.append(sql, i, end);
                i = end;
            } else if (c == ';' && depth == 0) {
                add(statements, current);
                current.setLength(0);
                trigger = false;
                i++;
            } else {
                current.append(c);
                i++;
            }
        }
        add(statements, current);
        return statements;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    private static void add(List<String> statements, StringBuilder statement) {
        String text = statement.toString().trim();
        if (!text.isEmpty() && !isOnlyComments(text)) {
            statements.add(text);
        }
    }

    private static boolean isOnlyComments(String text) {
        String rest = text.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("--[^\n]*", "").trim();
        return rest.isEmpty();
    }
}
