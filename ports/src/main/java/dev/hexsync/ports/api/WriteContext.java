package dev.hexsync.ports.api;

import java.util.Arrays;
import java.util.List;

/** Runs statements that may write, besides queries. */
public interface WriteContext extends ReadContext {

    /**
     * Runs one statement. Text holding several statements is refused before any of them runs (the PowerSync
     * SDKs' {@code execute} also runs one): with {@code ?} parameters it would be ambiguous which values belong
     * to which statement. Run each with its own call; inside {@code writeTransaction} they commit together.
     * Trailing semicolons and comments are fine.
     *
     * @return the number of rows the statement changed in the table it names, as SQLite counts them: rows
     *     written through a synced table's view are handled by its triggers and not counted (0), as in the
     *     PowerSync SDKs
     * @throws dev.hexsync.ports.storage.MultipleStatementsException when {@code sql} holds more than one statement
     * @throws dev.hexsync.ports.storage.WriteInReadException when called on a read transaction's context
     */
    long execute(String sql, List<?> params);

    /** Runs one statement; see {@link #execute(String, List)}. */
    default long execute(String sql, Object... params) {
        return execute(sql, Arrays.asList(params));
    }

    /**
     * Runs one statement once per parameter set, as one unit: all succeed or none does. One statement only, as
     * {@link #execute(String, List)}.
     */
    void executeBatch(String sql, List<? extends List<?>> parameterSets);
}
