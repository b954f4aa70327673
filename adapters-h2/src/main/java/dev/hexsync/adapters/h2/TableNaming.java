package dev.hexsync.adapters.h2;

import dev.hexsync.ports.schema.Schema;
import dev.hexsync.ports.schema.Table;
import dev.hexsync.ports.storage.TableChange;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * How H2 tables appear in {@link TableChange}s: a synced table's rows live in {@code ps_data__<table>} and a
 * local-only table's in {@code ps_data_local__<table>}, both reported as {@code <table>}; raw tables and every other
 * table go by their own name; a write to {@code ps_crud} changed the upload queue (and is reported as that table
 * too, for applications that watch it). H2 is opened with case-insensitive identifiers, so every name is spelled
 * in lower case, and names compare with {@code equals}.
 */
final class TableNaming {
    static final String QUEUE = "ps_crud";
    private static final String SYNCED = "ps_data__";
    private static final String LOCAL = "ps_data_local__";

    private TableNaming() {
    }

    /** What a commit that touched {@code stored} tables changed. */
    static TableChange change(Set<String> stored) {
        Set<String> tables = fromStored(stored);
        return TableChange.of(tables, tables.contains(QUEUE));
    }

    /** The names of stored tables. */
    static Set<String> fromStored(Set<String> stored) {
        Set<String> names = new LinkedHashSet<>();
        for (String name : stored) {
            names.add(nameOf(name));
        }
        return names;
    }

    /** The name of one stored table. */
    static String nameOf(String stored) {
        String name = stored;
        if (name.startsWith(SYNCED)) {
            name = name.substring(SYNCED.length());
        } else if (name.startsWith(LOCAL)) {
            name = name.substring(LOCAL.length());
        }
        return fold(name);
    }

    /** The names of tables an application named: a view of {@code schema} stands for its table. */
    static Set<String> fromApplication(Set<String> names, Schema schema) {
        Set<String> resolved = new LinkedHashSet<>();
        for (String name : names) {
            String folded = nameOf(name);
            for (Table table : schema.tables()) {
                if (fold(table.viewName()).equals(folded)) {
                    folded = fold(table.name());
                    break;
                }
            }
            resolved.add(folded);
        }
        return resolved;
    }

    private static String fold(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
