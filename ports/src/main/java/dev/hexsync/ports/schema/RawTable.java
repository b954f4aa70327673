package dev.hexsync.ports.schema;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A raw table: synced rows of type {@code name} are written by the application's own statements into a table
 * it manages, instead of a JSON view (the PowerSync schema's {@code raw_tables} entries).
 *
 * @param name the synced row type ({@code object_type}) whose rows go to this table
 * @param tableName the local table ({@code table_name}); needed when {@code put} or {@code delete} is left to
 *     be inferred from its columns
 * @param syncedColumns the local table's columns an inferred {@code put} writes ({@code synced_columns}); empty
 *     for all of them except {@code id}
 * @param put the statement that inserts or replaces a synced row; empty to infer an upsert from the local table
 * @param delete the statement that deletes a synced row; empty to infer {@code DELETE ... WHERE id = ?}
 * @param clear the statement that empties the table when the local replica is cleared, if any
 */
public record RawTable(String name, Optional<String> tableName, Optional<List<String>> syncedColumns,
        Optional<RawTableStatement> put, Optional<RawTableStatement> delete, Optional<String> clear) {
    /**
     * Refuses null components.
     *
     * @param name the synced row type
     * @param tableName the local table
     * @param syncedColumns the columns an inferred put writes
     * @param put the put statement
     * @param delete the delete statement
     * @param clear the clear statement
     */
    public RawTable {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(tableName, "tableName is null");
        syncedColumns = Objects.requireNonNull(syncedColumns, "syncedColumns is null").map(List::copyOf);
        Objects.requireNonNull(put, "put is null");
        Objects.requireNonNull(delete, "delete is null");
        Objects.requireNonNull(clear, "clear is null");
    }

    /**
     * A raw table of this name with nothing else declared.
     *
     * @param name the synced row type
     * @return the table
     */
    public static RawTable of(String name) {
        return new RawTable(name, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    /**
     * The same table with this local table name.
     *
     * @param table the local table
     * @return the new table
     */
    public RawTable withTableName(String table) {
        return new RawTable(name, Optional.of(table), syncedColumns, put, delete, clear);
    }

    /**
     * The same table with an inferred {@code put} restricted to these columns.
     *
     * @param columns the columns the inferred put writes
     * @return the new table
     */
    public RawTable withSyncedColumns(List<String> columns) {
        return new RawTable(name, tableName, Optional.of(columns), put, delete, clear);
    }

    /**
     * The same table with this {@code put} statement.
     *
     * @param statement the statement
     * @return the new table
     */
    public RawTable withPut(RawTableStatement statement) {
        return new RawTable(name, tableName, syncedColumns, Optional.of(statement), delete, clear);
    }

    /**
     * The same table with this {@code delete} statement.
     *
     * @param statement the statement
     * @return the new table
     */
    public RawTable withDelete(RawTableStatement statement) {
        return new RawTable(name, tableName, syncedColumns, put, Optional.of(statement), clear);
    }

    /**
     * The same table with this {@code clear} statement.
     *
     * @param sql the statement
     * @return the new table
     */
    public RawTable withClear(String sql) {
        return new RawTable(name, tableName, syncedColumns, put, delete, Optional.of(sql));
    }
}
