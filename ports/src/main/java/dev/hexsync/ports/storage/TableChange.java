package dev.hexsync.ports.storage;

import java.util.Set;

/**
 * Tables a committed write touched.
 *
 * @param tables stored table names, e.g. {@code ps_data__todos}, {@code ps_crud}
 * @param external true when another process made the change and the tables are unknown: treat every table as changed
 */
public record TableChange(Set<String> tables, boolean external) {
    public TableChange {
        tables = Set.copyOf(tables);
    }

    public static TableChange of(Set<String> tables) {
        return new TableChange(tables, false);
    }
}
