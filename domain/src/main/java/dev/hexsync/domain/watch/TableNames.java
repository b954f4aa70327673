package dev.hexsync.domain.watch;

import dev.hexsync.ports.schema.Schema;
import dev.hexsync.ports.schema.Table;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Maps stored table names to the names applications use: {@code ps_data__todos} and
 * {@code ps_data_local__todos} both mean table {@code todos}. Applications may name a table by its view
 * name too; both sides are normalised to the table name, lower-cased (SQLite names are case-insensitive).
 */
public final class TableNames {
    private static final String SYNCED = "ps_data__";
    private static final String LOCAL = "ps_data_local__";

    private TableNames() {
    }

    /** The application-level table name for a stored table name. */
    public static String fromStored(String stored) {
        String name = stored;
        if (name.startsWith(SYNCED)) {
            name = name.substring(SYNCED.length());
        } else if (name.startsWith(LOCAL)) {
            name = name.substring(LOCAL.length());
        }
        return name.toLowerCase(Locale.ROOT);
    }

    /** Normalises names an application gave (table or view names) against the current schema. */
    public static Set<String> fromApplication(Set<String> names, Schema schema) {
        Set<String> normalised = new LinkedHashSet<>();
        for (String name : names) {
            String folded = fromStored(name);
            for (Table table : schema.tables()) {
                if (table.viewName().equalsIgnoreCase(folded)) {
                    folded = table.name().toLowerCase(Locale.ROOT);
                    break;
                }
            }
            normalised.add(folded);
        }
        return normalised;
    }

    /** Normalises stored names. */
    public static Set<String> fromStored(Set<String> stored) {
        Set<String> names = new LinkedHashSet<>();
        for (String name : stored) {
            names.add(fromStored(name));
        }
        return names;
    }
}
