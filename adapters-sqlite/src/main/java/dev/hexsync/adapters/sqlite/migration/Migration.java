package dev.hexsync.adapters.sqlite.migration;

import java.util.List;

/**
 * One step of the schema ladder of the PowerSync layout: the statements that take a database from
 * {@code version - 1} to {@code version}. Recorded in {@code ps_migration} once applied.
 */
record Migration(int version, List<String> statements) {
    Migration {
        statements = List.copyOf(statements);
    }
}
