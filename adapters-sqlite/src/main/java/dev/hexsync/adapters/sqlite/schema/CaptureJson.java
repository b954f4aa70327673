package dev.hexsync.adapters.sqlite.schema;

import static dev.hexsync.adapters.sqlite.schema.SqlText.literal;

import dev.hexsync.ports.schema.Column;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The JSON of a queue entry built by SQLite itself, for the rows whose text SQLite spells as the engine does.
 *
 * <p>The engine's data is {@code json(powersync_diff(old, new))}: the members of {@code new} that differ from
 * {@code old} (nulls left out, a member that became null written as null), keys sorted by code point, numbers
 * re-spelled the way serde_json writes them. Strings and integers come out of that exactly as
 * {@code json_object} writes them (same escapes), so for them the same text is built here with
 * {@code json_object} over the sorted columns and {@code json_remove} of the unchanged ones: no call into
 * Java. A REAL is the exception: {@code json_object} writes 17 digits where its 15 do not round-trip and
 * an exponent outside [1e-4, 1e15), while serde_json writes the shortest round-trip digits in another exponent
 * style; {@link #exact} tells in SQL whether a value is spelled alike by both, and rows with any other REAL
 * keep the Java path.
 *
 * <p>Only for tables whose column names need no quoting in a JSON path and fit in one {@code json_object}
 * call (see {@link #supports}); others keep the Java path for every row.
 */
final class CaptureJson {
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** The engine splits json_object calls at this many columns; beyond, the Java path. */
    private static final int MAX_COLUMNS = 50;
    /** A {@code json_remove} path that matches nothing in an object. */
    private static final String NO_PATH = "'$[0]'";

    private CaptureJson() {
    }

    /** Whether the SQL path can render these columns. */
    static boolean supports(List<Column> columns) {
        // A name given twice is one key in the engine's diff (a map) but two in json_object: the Java path.
        return columns.size() <= MAX_COLUMNS
                && columns.stream().allMatch(c -> PLAIN_NAME.matcher(c.name()).matches())
                && columns.stream().map(Column::name).distinct().count() == columns.size();
    }

    /**
     * The value without SQLite's JSON subtype, like {@code powersync_strip_subtype}: text is copied by
     * concatenation (which keeps its bytes and drops the subtype), other values need no stripping
     * ({@code json_object} reads the subtype of text only).
     */
    static String strip(String value) {
        return "CASE WHEN typeof(" + value + ") = 'text' THEN " + value + " || '' ELSE " + value + " END";
    }

    /**
     * True when every value is spelled by {@code json_object} as the engine's diff re-spells it: anything but
     * a REAL, or a REAL that SQLite writes without an exponent in at most 15 digits. The engine parses that
     * text and writes the shortest digits of the double it reads; a decimal of at most 15 significant digits
     * is the only one that short for its double, so it comes back as it went in, and without an exponent in
     * both spellings (SQLite's then lies in [1e-4, 1e15), serde_json's plain range is wider). Longer spellings
     * (17 digits where SQLite's 15 did not round-trip) and exponents keep the Java path.
     */
    static String exact(List<String> values) {
        List<String> tests = new ArrayList<>();
        for (String value : values) {
            String text = "json_quote(" + value + ")";
            tests.add("CASE WHEN typeof(" + value + ") != 'real' THEN 1 ELSE instr(" + text + ", 'e') = 0 AND length("
                    + text + ") <= 16 + (" + value + " < 0) END");
        }
        return tests.isEmpty() ? "1" : String.join(" AND ", tests);
    }

    /** The values of {@code row} for these columns, for {@link #exact}. */
    static List<String> values(String row, List<Column> columns) {
        return columns.stream().map(c -> row + "." + SqlText.identifier(c.name())).toList();
    }

    /**
     * {@code powersync_diff(from, to)} as SQL, {@code from} null meaning {@code '{}'}: the members of
     * {@code to} that differ from {@code from}, sorted; a member equal in value and type is removed, and so
     * is a null that was null before (or absent).
     */
    static String diff(String from, String to, List<Column> columns) {
        List<Column> sorted = new ArrayList<>(columns);
        sorted.sort(Comparator.comparing(Column::name, CaptureJson::compareCodePoints));
        List<String> pairs = new ArrayList<>();
        List<String> removals = new ArrayList<>();
        for (Column column : sorted) {
            String name = SqlText.identifier(column.name());
            String now = to + "." + name;
            pairs.add(literal(column.name()) + ", " + strip(now));
            String unchanged = from == null ? now + " IS NULL"
                    : now + " IS " + from + "." + name + " AND typeof(" + now + ") = typeof(" + from + "." + name + ")";
            removals.add("CASE WHEN " + unchanged + " THEN " + literal("$." + column.name()) + " ELSE " + NO_PATH + " END");
        }
        return "json_remove(json_object(" + String.join(", ", pairs) + "), " + String.join(", ", removals) + ")";
    }

    /**
     * The queue entry {@code {"op","id","type","data"?,"old"?,"metadata"?}} as the Java entry function
     * writes it: data and old embedded (they are JSON), metadata as a string when it is text, else left out.
     */
    static String entry(String op, String id, String type, String data, String old, String metadata) {
        StringBuilder object = new StringBuilder("json_object('op', ").append(op)
                .append(", 'id', ").append(strip(id)).append(", 'type', ").append(type);
        if (data != null) {
            object.append(", 'data', ").append(data);
        }
        if (old != null) {
            object.append(", 'old', ").append(old);
        }
        if (metadata == null) {
            return object.append(')').toString();
        }
        object.append(", 'metadata', CASE WHEN typeof(").append(metadata).append(") = 'text' THEN ")
                .append(metadata).append(" || '' END)");
        return "json_remove(" + object + ", CASE WHEN typeof(" + metadata + ") = 'text' THEN " + NO_PATH
                + " ELSE '$.metadata' END)";
    }

    private static int compareCodePoints(String a, String b) {
        return java.util.Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
    }
}
