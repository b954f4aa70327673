package dev.hexsync.adapters.sqlite.schema;

/** Identifier quoting for adapter code outside this package, spelled as the engine spells it. */
public final class SqlIdentifiers {
    private SqlIdentifiers() {
    }

    public static String quote(String name) {
        return SqlText.identifier(name);
    }
}
