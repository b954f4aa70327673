package dev.hexsync.ports.schema;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** A secondary index over columns of a table; the storage engine creates it over the stored values. */
public record Index(String name, List<IndexedColumn> columns) {
    /**
     * Copies the column list.
     *
     * @param name the index name, unique within its table
     * @param columns the indexed columns, in order
     */
    public Index {
        Objects.requireNonNull(name, "name is null");
        columns = List.copyOf(columns);
    }

    /**
     * An index over the given columns, all ascending.
     *
     * @param name the index name
     * @param columns the column names, in order
     * @return the index
     */
    public static Index on(String name, String... columns) {
        return new Index(name, Arrays.stream(columns).map(IndexedColumn::ascending).toList());
    }
}
