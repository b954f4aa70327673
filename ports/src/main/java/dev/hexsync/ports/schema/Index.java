package dev.hexsync.ports.schema;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** A secondary index over columns of a table; the storage engine creates it over the stored values. */
public record Index(String name, List<IndexedColumn> columns) {
    public Index {
        Objects.requireNonNull(name, "name is null");
        columns = List.copyOf(columns);
    }

    /** An index over the given columns, all ascending. */
    public static Index on(String name, String... columns) {
        return new Index(name, Arrays.stream(columns).map(IndexedColumn::ascending).toList());
    }
}
