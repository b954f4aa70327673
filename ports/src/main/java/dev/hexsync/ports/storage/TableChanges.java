package dev.hexsync.ports.storage;

import java.util.List;
import java.util.Set;

/**
 * A session's table changes, named as applications name tables: who hears each committed write, and how the
 * names a query or an application uses map to the names a {@link TableChange} carries. Watches and diff-trigger
 * tracking use it to decide which commits concern them. Reached through {@link SqlSession#tableChanges()}.
 */
public interface TableChanges {

    /**
     * Calls {@code listener} after each committed write with what it changed, in the application's terms (see
     * {@link TableChange}). The listener runs on the committing thread and must return quickly.
     */
    SqlSession.Registration addListener(TableChangeListener listener);

    /**
     * The tables a query reads, named as {@link TableChange#tables()} names them (a view of the schema resolves to
     * its table).
     */
    Set<String> tablesReadBy(String sql, List<?> params);

    /**
     * The names {@link TableChange#tables()} uses for the tables an application named: a table or view of the
     * applied schema, or any other table, spelled as SQL accepts it here (a storage whose names ignore case
     * spells them all alike). Callers compare the results with {@code equals}.
     *
     * <p>The default returns the names as given: right for a storage with neither views nor case-insensitive
     * names.
     */
    default Set<String> tableNames(Set<String> names) {
        return Set.copyOf(names);
    }
}
