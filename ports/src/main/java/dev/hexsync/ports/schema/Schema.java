package dev.hexsync.ports.schema;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The application's tables. A schema is a value: build it once, validate it, hand it to the database.
 */
public record Schema(List<Table> tables, List<RawTable> rawTables) {

    /** The most columns a table may have: SQLite's limit on function arguments, minus the id. */
    public static final int MAX_COLUMNS = 1999;

    /** Characters the PowerSync SDKs refuse in table, view and column names. */
    private static final Pattern INVALID_NAME = Pattern.compile("[\"'%,.#\\s\\[\\]\\p{Cntrl}]");

    /**
     * Copies the lists.
     *
     * @param tables the tables
     * @param rawTables the raw tables
     */
    public Schema {
        tables = List.copyOf(tables);
        rawTables = List.copyOf(rawTables);
    }

    /**
     * A schema of these tables and no raw tables.
     *
     * @param tables the tables
     * @return the schema, not yet validated
     */
    public static Schema of(Table... tables) {
        return new Schema(List.of(tables), List.of());
    }

    /**
     * A schema without tables.
     *
     * @return the empty schema
     */
    public static Schema empty() {
        return new Schema(List.of(), List.of());
    }

    /**
     * The table with this name (not view name), if any.
     *
     * @param name the table name
     * @return the table, or empty
     */
    public Optional<Table> table(String name) {
        return tables.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /**
     * The table a name refers to in SQL: by table or view name, compared as {@link #validate()} compares names
     * (SQLite's rule: ASCII case does not matter).
     *
     * @param name a table or view name
     * @return the table, or empty
     */
    public Optional<Table> tableOrView(String name) {
        String folded = fold(name);
        return tables.stream().filter(t -> fold(t.viewName()).equals(folded) || fold(t.name()).equals(folded))
                .findFirst();
    }

    /**
     * Checks the schema as the PowerSync SDKs do before applying it, and returns it.
     *
     * @return this schema
     * @throws SchemaException naming the first problem found
     */
    public Schema validate() {
        Set<String> tableNames = new HashSet<>();
        Map<String, String> viewOwners = new HashMap<>();
        for (Table table : tables) {
            String where = "table '" + table.name() + "'";
            requireName(table.name(), "table name", where);
            if (!tableNames.add(fold(table.name()))) {
                throw new SchemaException("Duplicate table name '" + table.name() + "'");
            }
            String view = table.viewName();
            requireName(view, "view name", where);
            String other = viewOwners.putIfAbsent(fold(view), table.name());
            if (other != null) {
                throw new SchemaException(where + ": view name '" + view + "' is already used by table '" + other + "'");
            }
            validateColumns(table, where);
            validateIndexes(table, where);
            validateOptions(table, where);
        }
        for (RawTable raw : rawTables) {
            requireName(raw.name(), "raw table name", "raw table '" + raw.name() + "'");
            if (!tableNames.add(fold(raw.name()))) {
                throw new SchemaException("Duplicate table name '" + raw.name() + "' (raw table)");
            }
        }
        return this;
    }

    private static void validateColumns(Table table, String where) {
        if (table.columns().size() > MAX_COLUMNS) {
            throw new SchemaException(where + " has " + table.columns().size()
                    + " columns; a table may have at most " + MAX_COLUMNS);
        }
        Set<String> seen = new HashSet<>();
        for (Column column : table.columns()) {
            requireName(column.name(), "column name", where);
            if (fold(column.name()).equals("id")) {
                throw new SchemaException(where + ": declares a column named '" + column.name()
                        + "'; the text primary key 'id' is added automatically and must not be declared");
            }
            if (!seen.add(fold(column.name()))) {
                throw new SchemaException(where + ": duplicate column '" + column.name() + "'");
            }
            if (!column.type().isStandard()) {
                throw new SchemaException(where + ": column '" + column.name() + "' has type '" + column.type()
                        + "'; the type must be text, integer or real");
            }
        }
    }

    private static void validateIndexes(Table table, String where) {
        Set<String> seen = new HashSet<>();
        for (Index index : table.indexes()) {
            requireName(index.name(), "index name", where);
            if (!seen.add(fold(index.name()))) {
                throw new SchemaException(where + ": duplicate index '" + index.name() + "'");
            }
            if (index.columns().isEmpty()) {
                throw new SchemaException(where + ": index '" + index.name() + "' has no columns");
            }
            for (IndexedColumn column : index.columns()) {
                if (!fold(column.name()).equals("id") && table.column(column.name()).isEmpty()) {
                    throw new SchemaException(where + ": index '" + index.name() + "' uses unknown column '"
                            + column.name() + "'");
                }
            }
        }
    }

    private static void validateOptions(Table table, String where) {
        TableOptions options = table.options();
        if (options.localOnly() && options.trackMetadata()) {
            throw new SchemaException(where + ": a local-only table cannot track metadata (nothing is uploaded)");
        }
        if (options.localOnly() && options.trackPreviousValues().isPresent()) {
            throw new SchemaException(where + ": a local-only table cannot track previous values (nothing is uploaded)");
        }
        if (options.localOnly() && options.insertOnly()) {
            throw new SchemaException(where + ": a table cannot be both local-only and insert-only");
        }
        if (options.insertOnly() && options.trackPreviousValues().isPresent()) {
            throw new SchemaException(where + ": an insert-only table has no previous values to track");
        }
        options.trackPreviousValues().flatMap(TrackPreviousValues::columns).ifPresent(columns -> {
            for (String column : columns) {
                if (table.column(column).isEmpty()) {
                    throw new SchemaException(where + ": tracks previous values of unknown column '" + column + "'");
                }
            }
        });
    }

    private static void requireName(String name, String what, String where) {
        Objects.requireNonNull(name, what + " is null");
        if (name.isEmpty()) {
            throw new SchemaException(where + ": " + what + " is empty");
        }
        if (INVALID_NAME.matcher(name).find()) {
            throw new SchemaException(where + ": " + what + " '" + name
                    + "' is not a valid identifier (it must not contain quotes, %, comma, period, #, brackets or white space)");
        }
    }

    private static String fold(String name) {
        // SQLite compares identifiers case-insensitively (ASCII), so 'Name' and 'name' collide.
        return name.toLowerCase(Locale.ROOT);
    }
}
