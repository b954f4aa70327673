package dev.hexsync.ports.schema;

import java.util.Objects;

/** One column of an {@link Index}, with its sort direction. */
public record IndexedColumn(String name, boolean ascending) {
    /**
     * Refuses a null name.
     *
     * @param name the column name
     * @param ascending the sort direction
     */
    public IndexedColumn {
        Objects.requireNonNull(name, "name is null");
    }

    /**
     * The column, ascending.
     *
     * @param name the column name
     * @return the indexed column
     */
    public static IndexedColumn ascending(String name) {
        return new IndexedColumn(name, true);
    }

    /**
     * The column, descending.
     *
     * @param name the column name
     * @return the indexed column
     */
    public static IndexedColumn descending(String name) {
        return new IndexedColumn(name, false);
    }
}
