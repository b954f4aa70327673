package dev.hexsync.adapters.h2;

import dev.hexsync.ports.api.SqlRow;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The tables a query reads, for watches: every name in the query's text that is a table of the database, and the
 * tables behind every view it names (a view's definition read the same way, recursively). H2 has no statement
 * explanation that lists tables as SQLite's bytecode does; a name that appears only inside a string literal or
 * a comment is not counted, one used as a column alias that happens to be a table's name is (a watch then fires
 * once too often, never once too rarely).
 */
final class TablesRead {
    private static final String OBJECTS = "SELECT table_name, table_type FROM information_schema.tables"
            + " WHERE table_schema = 'public'";
    private static final String VIEWS = "SELECT table_name, view_definition FROM information_schema.views"
            + " WHERE table_schema = 'public'";

    private TablesRead() {
    }

    static Set<String> of(H2Session session, String sql) {
        return session.read(tx -> {
            Set<String> tables = new HashSet<>();
            for (SqlRow row : tx.getAll(OBJECTS)) {
                if (!"VIEW".equalsIgnoreCase(row.getString("table_type"))) {
                    tables.add(row.getString("table_name").toLowerCase(Locale.ROOT));
                }
            }
            Map<String, String> views = new HashMap<>();
            for (SqlRow row : tx.getAll(VIEWS)) {
                views.put(row.getString("table_name").toLowerCase(Locale.ROOT), row.getString("view_definition"));
            }
            Set<String> read = new LinkedHashSet<>();
            collect(sql, tables, views, read, new HashSet<>());
            return TableNaming.fromStored(read);
        });
    }

    private static void collect(String sql, Set<String> tables, Map<String, String> views, Set<String> read,
            Set<String> seenViews) {
        for (String name : names(sql)) {
            if (tables.contains(name)) {
                read.add(name);
            } else if (views.containsKey(name) && seenViews.add(name)) {
                collect(views.get(name), tables, views, read, seenViews);
            }
        }
    }

    /** The identifiers of a statement, lower-cased, quoted ones unquoted; literals and comments skipped. */
    static List<String> names(String sql) {
        List<String> names = new java.util.ArrayList<>();
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'') {
                i = sql.indexOf('\'', i + 1);
                while (i >= 0 && i + 1 < n && sql.charAt(i + 1) == '\'') {
                    i = sql.indexOf('\'', i + 2);
                }
                i = i < 0 ? n : i + 1;
            } else if (c == '"' || c == '`') {
                StringBuilder name = new StringBuilder();
                i++;
                while (i < n) {
                    char d = sql.charAt(i++);
                    if (d == c) {
                        if (i < n && sql.charAt(i) == c) {
                            name.append(c);
                            i++;
                            continue;
                        }
                        break;
                    }
                    name.append(d);
                }
                names.add(name.toString().toLowerCase(Locale.ROOT));
            } else if (sql.startsWith("--", i)) {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else if (sql.startsWith("/*", i)) {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_' || sql.charAt(i) == '$')) {
                    i++;
                }
                names.add(sql.substring(start, i).toLowerCase(Locale.ROOT));
            } else {
                i++;
            }
        }
        return names;
    }
}
