package dev.hexsync.domain.collection;

import dev.hexsync.ports.api.collection.RowFilter;
import dev.hexsync.ports.api.collection.RowMapping;
import dev.hexsync.ports.schema.Column;
import dev.hexsync.ports.schema.ColumnType;
import dev.hexsync.ports.schema.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The typed filter's three uses: its values turned into stored values of its columns ({@link #stored}), its
 * evaluation on a row's stored values with SQL's three-valued logic ({@link #matches}), and its SQL text over
 * column expressions the caller chooses ({@link #sql}), the view's columns for hydration or the storage's
 * {@code NEW}/{@code OLD} expressions for a trigger's {@code WHEN}.
 */
final class Filters {
    private Filters() {
    }

    /**
     * {@code filter} with each value converted as {@code mapping} converts its column and typed as the table
     * types it.
     *
     * @throws IllegalArgumentException naming a column the table does not have
     */
    static RowFilter stored(RowFilter filter, RowMapping<?> mapping, Table table) {
        if (filter instanceof RowFilter.Compare c) {
            return new RowFilter.Compare(c.column(), c.operator(), value(c.column(), c.value(), mapping, table));
        }
        if (filter instanceof RowFilter.In in) {
            return new RowFilter.In(in.column(),
                    in.values().stream().map(v -> value(in.column(), v, mapping, table)).toList());
        }
        if (filter instanceof RowFilter.IsNull isNull) {
            type(table, isNull.column());
            return isNull;
        }
        if (filter instanceof RowFilter.And and) {
            return new RowFilter.And(and.parts().stream().map(part -> stored(part, mapping, table)).toList());
        }
        if (filter instanceof RowFilter.Or or) {
            return new RowFilter.Or(or.parts().stream().map(part -> stored(part, mapping, table)).toList());
        }
        if (filter instanceof RowFilter.Not not) {
            return new RowFilter.Not(stored(not.part(), mapping, table));
        }
        return filter;
    }

    private static Object value(String column, Object value, RowMapping<?> mapping, Table table) {
        ColumnType type = type(table, column);
        Object stored = ColumnValues.normalize(type, ColumnValues.plain(mapping.toColumn(column, value)));
        if (stored == null) {
            throw new IllegalArgumentException("Filter on '" + table.name() + "." + column
                    + "' compares with a value stored as NULL: use RowFilter.isNull");
        }
        return stored;
    }

    static ColumnType type(Table table, String column) {
        if (column.equals("id")) {
            return ColumnType.TEXT;
        }
        return table.column(column).map(Column::type).orElseThrow(() -> new IllegalArgumentException(
                "Filter names column '" + column + "', which table '" + table.name() + "' does not have"));
    }

    /** Whether a row's stored values match a {@linkplain #stored stored} filter. */
    static boolean matches(RowFilter filter, Map<String, Object> row) {
        return Boolean.TRUE.equals(evaluate(filter, row));
    }

    /** TRUE, FALSE or null for unknown (a comparison with NULL), as SQL evaluates it. */
    private static Boolean evaluate(RowFilter filter, Map<String, Object> row) {
        if (filter instanceof RowFilter.Compare c) {
            Object value = row.get(c.column());
            if (value == null) {
                return null;
            }
            int order = ColumnValues.compare(value, c.value());
            switch (c.operator()) {
                case EQ: return order == 0;
                case NE: return order != 0;
                case LT: return order < 0;
                case LE: return order <= 0;
                case GT: return order > 0;
                default: return order >= 0;
            }
        }
        if (filter instanceof RowFilter.In in) {
            Object value = row.get(in.column());
            return value == null ? null : in.values().stream().anyMatch(v -> ColumnValues.compare(value, v) == 0);
        }
        if (filter instanceof RowFilter.IsNull isNull) {
            return row.get(isNull.column()) == null;
        }
        if (filter instanceof RowFilter.And and) {
            return combine(and.parts(), row, false);
        }
        if (filter instanceof RowFilter.Or or) {
            return combine(or.parts(), row, true);
        }
        if (filter instanceof RowFilter.Not not) {
            Boolean value = evaluate(not.part(), row);
            return value == null ? null : !value;
        }
        return true;
    }

    /** AND (decisive value false) or OR (decisive value true) in Kleene logic. */
    private static Boolean combine(List<RowFilter> parts, Map<String, Object> row, boolean decisive) {
        Boolean result = !decisive;
        for (RowFilter part : parts) {
            Boolean value = evaluate(part, row);
            if (value != null && value == decisive) {
                return decisive;
            }
            if (value == null) {
                result = null;
            }
        }
        return result;
    }

    /**
     * The filter as an SQL condition.
     *
     * @param column the SQL expression of a column
     * @param value the SQL of a stored value: a {@code ?} placeholder (collecting the value) or a literal
     */
    static String sql(RowFilter filter, Function<String, String> column, Function<Object, String> value) {
        if (filter instanceof RowFilter.Compare c) {
            return column.apply(c.column()) + " " + c.operator().sql() + " " + value.apply(c.value());
        }
        if (filter instanceof RowFilter.In in) {
            return column.apply(in.column()) + " IN ("
                    + in.values().stream().map(value).collect(Collectors.joining(", ")) + ")";
        }
        if (filter instanceof RowFilter.IsNull isNull) {
            return column.apply(isNull.column()) + " IS NULL";
        }
        if (filter instanceof RowFilter.And and) {
            return join(and.parts(), " AND ", "1 = 1", column, value);
        }
        if (filter instanceof RowFilter.Or or) {
            return join(or.parts(), " OR ", "1 = 0", column, value);
        }
        if (filter instanceof RowFilter.Not not) {
            return "NOT (" + sql(not.part(), column, value) + ")";
        }
        return "1 = 1";
    }

    private static String join(List<RowFilter> parts, String operator, String empty, Function<String, String> column,
            Function<Object, String> value) {
        if (parts.isEmpty()) {
            return empty;
        }
        List<String> texts = new ArrayList<>();
        for (RowFilter part : parts) {
            texts.add("(" + sql(part, column, value) + ")");
        }
        return String.join(operator, texts);
    }

    /** A stored value as an SQL literal, for trigger conditions (which take no parameters). */
    static String literal(Object value) {
        if (value instanceof Long || value instanceof Double) {
            return value.toString();
        }
        if (value instanceof byte[] bytes) {
            StringBuilder hex = new StringBuilder("X'");
            for (byte b : bytes) {
                hex.append(String.format("%02X", b));
            }
            return hex.append('\'').toString();
        }
        return "'" + value.toString().replace("'", "''") + "'";
    }

    /** Words that cannot stand unquoted as a name in the SQL dialects the engines speak. */
    private static final java.util.Set<String> RESERVED = java.util.Set.of("ALL", "ALTER", "AND", "ANY", "AS",
            "BETWEEN", "BY", "CASE", "CAST", "CHECK", "COLUMN", "CONSTRAINT", "CREATE", "CROSS", "CURRENT",
            "CURRENT_DATE", "CURRENT_TIME", "CURRENT_TIMESTAMP", "CURRENT_USER", "DATE", "DAY", "DEFAULT", "DELETE",
            "DISTINCT", "DROP", "ELSE", "END", "EXCEPT", "EXISTS", "FALSE", "FETCH", "FOR", "FOREIGN", "FROM",
            "FULL", "GROUP", "HAVING", "HOUR", "IF", "IN", "INDEX", "INNER", "INSERT", "INTERSECT", "INTERVAL",
            "INTO", "IS", "JOIN", "KEY", "LEFT", "LIKE", "LIMIT", "MINUS", "MINUTE", "MONTH", "NATURAL", "NOT",
            "NULL", "OFFSET", "ON", "OR", "ORDER", "OUTER", "PRIMARY", "QUALIFY", "REFERENCES", "RIGHT", "ROW",
            "ROWNUM", "ROWS", "SECOND", "SELECT", "SET", "TABLE", "THEN", "TO", "TOP", "TRUE", "UNION", "UNIQUE",
            "UNKNOWN", "UPDATE", "USER", "USING", "VALUE", "VALUES", "WHEN", "WHERE", "WINDOW", "WITH", "YEAR");

    /**
     * A name in SQL: as the application writes it (unquoted) when it is a plain name, so that every engine
     * resolves it as it resolves the application's own statements; quoted only when it must be.
     */
    static String identifier(String name) {
        if (name.matches("[A-Za-z_][A-Za-z0-9_]*") && !RESERVED.contains(name.toUpperCase(java.util.Locale.ROOT))) {
            return name;
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }
}
