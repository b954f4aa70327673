package dev.hexsync.ports.api;

import java.util.Arrays;
import java.util.List;

/** Runs statements that may write, besides queries. */
public interface WriteContext extends ReadContext {

    /**
     * Runs one statement.
     *
     * @return the number of rows the statement changed in the table it names, as SQLite counts them: rows
     *     written through a synced table's view are handled by its triggers and not counted (0), as in the
     *     PowerSync SDKs
     */
    long execute(String sql, List<?> params);

    /** Runs one statement; see {@link #execute(String, List)}. */
    default long execute(String sql, Object... params) {
        return execute(sql, Arrays.asList(params));
    }

    /** Runs one statement once per parameter set, as one unit: all succeed or none does. */
    void executeBatch(String sql, List<? extends List<?>> parameterSets);
}
