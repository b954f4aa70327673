package dev.hexsync.ports.schema;

import java.util.Objects;

/** A column of a synced or local-only table. The implicit {@code id} column is never declared. */
public record Column(String name, ColumnType type) {
    /**
     * Refuses null components.
     *
     * @param name the column name
     * @param type its type
     */
    public Column {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(type, "type is null");
    }

    /**
     * A text column.
     *
     * @param name the column name
     * @return the column
     */
    public static Column text(String name) {
        return new Column(name, ColumnType.TEXT);
    }

    /**
     * A integer column.
     *
     * @param name the column name
     * @return the column
     */
    public static Column integer(String name) {
        return new Column(name, ColumnType.INTEGER);
    }

    /**
     * A real column.
     *
     * @param name the column name
     * @return the column
     */
    public static Column real(String name) {
        return new Column(name, ColumnType.REAL);
    }
}
