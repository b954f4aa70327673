package dev.hexsync.adapters.h2.schema;

import dev.hexsync.ports.schema.Column;
import dev.hexsync.ports.schema.Table;
import java.util.List;
import java.util.Locale;

/**
 * The H2 objects of one schema table: the JSON row table {@code ps_data__<name>} (or {@code ps_data_local__<name>})
 * as the PowerSync layout has it, and the typed view over it, each column read out of {@code data} by the
 * functions of {@code JsonFunctions} with the column's declared type.
 */
public final class H2TableSql {
    private H2TableSql() {
    }

    /** {@code ps_data__<name>} for synced tables, {@code ps_data_local__<name>} for local-only ones. */
    public static String internalName(Table table) {
        return (table.options().localOnly() ? "ps_data_local__" : "ps_data__") + table.name();
    }

    static String createTable(String internal) {
        return "CREATE TABLE IF NOT EXISTS " + quote(internal) + "(id VARCHAR PRIMARY KEY NOT NULL, data VARCHAR)";
    }

    static String createView(Table table) {
        StringBuilder names = new StringBuilder("\"id\"");
        StringBuilder selects = new StringBuilder("id");
        for (Column column : table.columns()) {
            names.append(", ").append(quote(column.name()));
            selects.append(", ").append(extract(column));
        }
        if (table.options().trackMetadata()) {
            names.append(", \"_metadata\", \"_deleted\"");
            selects.append(", CAST(NULL AS VARCHAR), CAST(NULL AS BIGINT)");
        }
        return "CREATE VIEW " + quote(table.viewName()) + "(" + names + ") AS SELECT " + selects + " FROM "
                + quote(internalName(table));
    }

    /** The three INSTEAD OF triggers of the view (insert-only tables: insert only). */
    static List<String> createTriggers(Table table) {
        String view = table.viewName();
        String call = " FOR EACH ROW CALL '" + ViewTrigger.class.getName() + "'";
        String insert = "CREATE TRIGGER " + quote("ps_view_insert_" + view) + " INSTEAD OF INSERT ON " + quote(view) + call;
        if (table.options().insertOnly() && !table.options().localOnly()) {
            return List.of(insert);
        }
        return List.of(insert,
                "CREATE TRIGGER " + quote("ps_view_update_" + view) + " INSTEAD OF UPDATE ON " + quote(view) + call,
                "CREATE TRIGGER " + quote("ps_view_delete_" + view) + " INSTEAD OF DELETE ON " + quote(view) + call);
    }

    /** The column read out of {@code data}: SQLite's CAST to the declared type, by the type's affinity. */
    private static String extract(Column column) {
        String key = literal(column.name());
        String type = column.type().sqlName().toLowerCase(Locale.ROOT);
        if (type.contains("int")) {
            return "ps_json_integer(data, " + key + ")";
        }
        if (type.contains("real") || type.contains("floa") || type.contains("doub")) {
            return "ps_json_real(data, " + key + ")";
        }
        return "ps_json_text(data, " + key + ")";
    }

    public static String quote(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
