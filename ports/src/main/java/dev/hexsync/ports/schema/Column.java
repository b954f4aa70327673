package dev.hexsync.ports.schema;

import java.util.Objects;

/** A column of a synced or local-only table. The implicit {@code id} column is never declared. */
public record Column(String name, ColumnType type) {
    public Column {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(type, "type is null");
    }

    public static Column text(String name) {
        return new Column(name, ColumnType.TEXT);
    }

    public static Column integer(String name) {
        return new Column(name, ColumnType.INTEGER);
    }

    public static Column real(String name) {
        return new Column(name, ColumnType.REAL);
    }
}
