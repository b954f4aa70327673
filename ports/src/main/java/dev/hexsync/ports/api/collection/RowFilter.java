package dev.hexsync.ports.api.collection;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A small typed filter over a table's columns. It is evaluated in memory for subsets and, for on-demand
 * collections, compiled to the diff trigger's {@code WHEN} clause and the hydration query. Values are given as
 * the row type's field values (converted like the column) or as stored values. Comparisons follow SQL: a
 * comparison with NULL never matches; use {@link #isNull}.
 */
public sealed interface RowFilter {

    /** Comparison operators. */
    enum Operator {
        EQ("="), NE("<>"), LT("<"), LE("<="), GT(">"), GE(">=");

        private final String sql;

        Operator(String sql) {
            this.sql = sql;
        }

        /** The SQL spelling of the operator. */
        public String sql() {
            return sql;
        }
    }

    /** Every row. */
    record All() implements RowFilter {
    }

    /** {@code column operator value}. */
    record Compare(String column, Operator operator, Object value) implements RowFilter {
        public Compare {
            Objects.requireNonNull(column, "column is null");
            Objects.requireNonNull(operator, "operator is null");
            Objects.requireNonNull(value, "value is null: compare with NULL through RowFilter.isNull");
        }
    }

    /** {@code column IN (values)}. */
    record In(String column, List<Object> values) implements RowFilter {
        public In {
            Objects.requireNonNull(column, "column is null");
            values = List.copyOf(values);
            if (values.isEmpty()) {
                throw new IllegalArgumentException("IN on '" + column + "' needs at least one value");
            }
        }
    }

    /** {@code column IS NULL}. */
    record IsNull(String column) implements RowFilter {
        public IsNull {
            Objects.requireNonNull(column, "column is null");
        }
    }

    /** Every part matches. */
    record And(List<RowFilter> parts) implements RowFilter {
        public And {
            parts = List.copyOf(parts);
        }
    }

    /** Some part matches. */
    record Or(List<RowFilter> parts) implements RowFilter {
        public Or {
            parts = List.copyOf(parts);
        }
    }

    /** The part does not match (SQL's NOT: a comparison with NULL matches neither way). */
    record Not(RowFilter part) implements RowFilter {
        public Not {
            Objects.requireNonNull(part, "part is null");
        }
    }

    static RowFilter all() {
        return new All();
    }

    static RowFilter eq(String column, Object value) {
        return new Compare(column, Operator.EQ, value);
    }

    static RowFilter ne(String column, Object value) {
        return new Compare(column, Operator.NE, value);
    }

    static RowFilter lt(String column, Object value) {
        return new Compare(column, Operator.LT, value);
    }

    static RowFilter le(String column, Object value) {
        return new Compare(column, Operator.LE, value);
    }

    static RowFilter gt(String column, Object value) {
        return new Compare(column, Operator.GT, value);
    }

    static RowFilter ge(String column, Object value) {
        return new Compare(column, Operator.GE, value);
    }

    static RowFilter in(String column, Object... values) {
        return new In(column, Arrays.asList(values));
    }

    static RowFilter isNull(String column) {
        return new IsNull(column);
    }

    static RowFilter and(RowFilter... parts) {
        return new And(Arrays.asList(parts));
    }

    static RowFilter or(RowFilter... parts) {
        return new Or(Arrays.asList(parts));
    }

    static RowFilter not(RowFilter part) {
        return new Not(part);
    }

    /** This filter and {@code other}. */
    default RowFilter and(RowFilter other) {
        return and(this, other);
    }

    /** This filter or {@code other}. */
    default RowFilter or(RowFilter other) {
        return or(this, other);
    }
}
