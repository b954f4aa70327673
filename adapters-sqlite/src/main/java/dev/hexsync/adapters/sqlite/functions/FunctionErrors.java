package dev.hexsync.adapters.sqlite.functions;

import dev.hexsync.json.JsonException;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The errors of the engine's SQL functions, with the engine's wording and result codes. The engine sets its
 * code with {@code sqlite3_result_error_code}, which the driver does not offer: a Java function can only fail
 * with SQLITE_ERROR. So each kind of error has the engine's own message form, and {@link #engineCode} maps
 * that form back to the code when the error surfaces ({@code SqliteErrors}).
 *
 * <ul>
 *   <li>{@code <fn>: invalid argument: <what>. cause: <why>}: SQLITE_CONSTRAINT_DATATYPE (3091), as the
 *       engine's argument errors (malformed JSON, a value JSON cannot hold, a wrong argument type);
 *   <li>{@code <fn>: invalid state: <what>}: SQLITE_MISUSE (21);
 *   <li>{@code <fn>: internal SQLite call returned <CODE>: <message>}: the code of a statement the function
 *       ran, named as SQLite names it ({@code CONSTRAINT_UNIQUE}).
 * </ul>
 */
public final class FunctionErrors {
    static final int SQLITE_CONSTRAINT_DATATYPE = 3091;
    static final int SQLITE_MISUSE = 21;

    private static final Pattern FUNCTION_ERROR = Pattern.compile(
            "^(?:powersync|hexsync)_\\w+: (invalid argument: |invalid state: |internal SQLite call returned (\\w+): )",
            Pattern.DOTALL);
    /** The engine's message for an unknown {@code powersync_update_hooks} operation, as is (SQLITE_MISUSE). */
    static final String UNKNOWN_OPERATION = "Unknown operation";
    /** sqlite-jdbc's message form: "[CODE] description (sqlite's message)". */
    private static final Pattern DRIVER_MESSAGE = Pattern.compile("^\\[[A-Z0-9_]+\\]\\s.*?\\((.*)\\)$", Pattern.DOTALL);
    private static final Pattern INVALID_JSON = Pattern.compile("^Invalid JSON at offset \\d+: (.*)$", Pattern.DOTALL);

    private FunctionErrors() {
    }

    /** The engine's result code for an error message one of the functions raised; empty for other messages. */
    public static OptionalInt engineCode(String message) {
        if (message == null) {
            return OptionalInt.empty();
        }
        if (message.equals(UNKNOWN_OPERATION)) {
            return OptionalInt.of(SQLITE_MISUSE);
        }
        Matcher matcher = FUNCTION_ERROR.matcher(message);
        if (!matcher.find()) {
            return OptionalInt.empty();
        }
        String kind = matcher.group(1);
        if (kind.startsWith("invalid argument")) {
            return OptionalInt.of(SQLITE_CONSTRAINT_DATATYPE);
        }
        if (kind.startsWith("invalid state")) {
            return OptionalInt.of(SQLITE_MISUSE);
        }
        try {
            return OptionalInt.of(SQLiteErrorCode.valueOf("SQLITE_" + matcher.group(2)).code);
        } catch (IllegalArgumentException e) {
            return OptionalInt.empty();
        }
    }

    /** An argument error without a cause: {@code <fn>: invalid argument: <what>. cause: unknown}. */
    public static FunctionError invalidArgument(String function, String what) {
        return new FunctionError(function + ": invalid argument: " + what + ". cause: unknown");
    }

    /**
     * An argument that is not the JSON the function needs, worded as serde_json (the engine's parser) words it:
     * {@code <fn>: invalid argument: . cause: number out of range at line 1 column 13}.
     */
    static FunctionError invalidJson(String function, String text, JsonException error) {
        return new FunctionError(function + ": invalid argument: . cause: " + jsonCause(text, error));
    }

    public static FunctionError invalidState(String function, String what) {
        return new FunctionError(function + ": invalid state: " + what);
    }

    /** {@code powersync_update_hooks} with an operation it does not know: the engine's bare message (SQLITE_MISUSE). */
    public static FunctionError unknownOperation() {
        return new FunctionError(UNKNOWN_OPERATION);
    }

    /** A statement the function ran failed: its code and message, as the engine reports them. */
    static FunctionError sqlite(String function, SQLiteException error) {
        SQLiteErrorCode code = error.getResultCode();
        String name = code == SQLiteErrorCode.UNKNOWN_ERROR ? "ERROR" : code.name().replaceFirst("^SQLITE_", "");
        String message = error.getMessage() == null ? "" : error.getMessage();
        // The driver's "[CODE] description (sqlite's message)": keep SQLite's message.
        Matcher inner = DRIVER_MESSAGE.matcher(message);
        return new FunctionError(function + ": internal SQLite call returned " + name + ": "
                + (inner.matches() ? inner.group(1) : message));
    }

    /**
     * serde_json's description of what is wrong with {@code text}, from our parser's: the same words for the
     * errors both report alike (a number out of range, trailing characters, an early end), at serde's line and
     * column (the column counts the characters read on the line, the offending one included).
     */
    static String jsonCause(String text, JsonException error) {
        String message = error.getMessage() == null ? "" : error.getMessage();
        Matcher matcher = INVALID_JSON.matcher(message);
        if (!matcher.matches() || error.offset() < 0) {
            return message;
        }
        String problem = matcher.group(1);
        int offset = Math.min(error.offset(), text.length());
        int end;
        String words;
        if (problem.equals("number out of range")) {
            end = offset;
            while (end < text.length() && "+-.0123456789eE".indexOf(text.charAt(end)) >= 0) {
                end++;
            }
            words = "number out of range";
        } else if (problem.endsWith("after the JSON value")) {
            end = offset + 1;
            words = "trailing characters";
        } else if (problem.startsWith("unexpected end of input") || problem.equals("unterminated string")) {
            end = text.length();
            words = "EOF while parsing " + (problem.equals("unterminated string") ? "a string"
                    : problem.contains("'}'") || problem.contains("key") || problem.contains("':'") ? "an object"
                    : problem.contains("']'") ? "a list" : "a value");
        } else {
            end = Math.min(offset + 1, text.length());
            words = problem;
        }
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < end; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return words + " at line " + line + " column " + (end - lineStart);
    }
}
