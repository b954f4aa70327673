package dev.hexsync.ports.schema;

import java.util.Objects;

/** One column of an {@link Index}, with its sort direction. */
public record IndexedColumn(String name, boolean ascending) {
    public IndexedColumn {
        Objects.requireNonNull(name, "name is null");
    }

    public static IndexedColumn ascending(String name) {
        return new IndexedColumn(name, true);
    }

    public static IndexedColumn descending(String name) {
        return new IndexedColumn(name, false);
    }
}
