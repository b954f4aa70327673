package dev.hexsync.ports.schema;

import java.util.List;
import java.util.Objects;

/**
 * A raw table's {@code put} or {@code delete} statement: SQL of the storage engine, and what each of its
 * parameters is bound to (the engine's {@code PendingStatement}). The number of parameters must match the
 * statement's placeholders; a storage engine checks that when it first prepares it.
 *
 * @param params one source per placeholder, in order
 */
public record RawTableStatement(String sql, List<Param> params) {
    /**
     * Copies the parameter list.
     *
     * @param sql the statement with {@code ?} placeholders
     * @param params one source per placeholder, in order
     */
    public RawTableStatement {
        Objects.requireNonNull(sql, "sql is null");
        params = List.copyOf(params);
    }

    /**
     * The statement with these parameter sources.
     *
     * @param sql the statement with {@code ?} placeholders
     * @param params one source per placeholder, in order
     * @return the statement
     */
    public static RawTableStatement of(String sql, Param... params) {
        return new RawTableStatement(sql, List.of(params));
    }

    /** What a placeholder is bound to; spelled {@code "Id"}, {@code {"Column": name}} or {@code "Rest"} in JSON. */
    public sealed interface Param {
        /** The row's id. */
        Param ID = new Id();
        /** The row's members no other parameter names, as a JSON object (NULL when there are none). */
        Param REST = new Rest();

        /**
         * The value of one member of the row's data.
         *
         * @param name the member's name
         * @return the parameter source
         */
        static Param column(String name) {
            return new Column(name);
        }

        /** The row's id; see {@link #ID}. */
        record Id() implements Param {
        }

        /** One member of the row's data (NULL when absent). */
        record Column(String name) implements Param {
            /**
             * Refuses a null name.
             *
             * @param name the member's name
             */
            public Column {
                Objects.requireNonNull(name, "name is null");
            }
        }

        /** The other members; see {@link #REST}. */
        record Rest() implements Param {
        }
    }
}
