package dev.hexsync.cli.campaign;

import dev.hexsync.ports.api.SqlRow;
import dev.hexsync.ports.api.WriteContext;
import dev.hexsync.ports.storage.SqlSession;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A full logical dump of a database: the schema (every row of {@code sqlite_master}) and every row of every
 * table, values typed and blobs in hex, rows sorted. Two dumps are equal exactly when the databases hold the
 * same schema and data, which is what "unchanged by a rejected line" means regardless of page layout.
 */
final class DatabaseDump {
    private DatabaseDump() {
    }

    /** Dumps inside a write transaction, so a commit the session holds back is part of what is dumped. */
    static String of(SqlSession session) {
        return session.write(DatabaseDump::of);
    }

    static String of(WriteContext tx) {
        StringBuilder dump = new StringBuilder();
        List<String> tables = new ArrayList<>();
        for (SqlRow row : tx.getAll("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name")) {
            dump.append(line(row)).append('\n');
            if ("table".equals(row.get(0)) && !String.valueOf(row.get(1)).startsWith("sqlite_")) {
                tables.add(String.valueOf(row.get(1)));
            }
        }
        for (String table : tables) {
            List<String> rows = new ArrayList<>();
            for (SqlRow row : tx.getAll("SELECT * FROM \"" + table.replace("\"", "\"\"") + "\"")) {
                rows.add(line(row));
            }
            rows.sort(null);
            dump.append("-- ").append(table).append(' ').append(rows.size()).append('\n');
            rows.forEach(row -> dump.append(row).append('\n'));
        }
        return dump.toString();
    }

    private static String line(SqlRow row) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < row.size(); i++) {
            Object value = row.get(i);
            line.append(i == 0 ? "" : "|");
            if (value == null) {
                line.append("NULL");
            } else if (value instanceof byte[] bytes) {
                line.append("x'").append(HexFormat.of().formatHex(bytes)).append('\'');
            } else {
                line.append(value.getClass().getSimpleName().charAt(0)).append(':').append(value);
            }
        }
        return line.toString();
    }
}
