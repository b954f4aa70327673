package dev.hexsync.adapters.sqlite.schema;

/** Quoting for generated SQL, spelled exactly as the PowerSync engine spells it. */
final class SqlText {
    private SqlText() {
    }

    /** A double-quoted identifier. */
    static String identifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** A single-quoted string literal. */
    static String literal(String value) {
        return '\'' + value.replace("'", "''") + '\'';
    }
}
