package dev.hexsync.adapters.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The tables a query reads, from its bytecode: the root pages its OpenRead opcodes name, looked up by name. */
final class TablesRead {
    private TablesRead() {
    }

    /** The stored tables {@code sql} opens for reading on {@code connection} (views resolved). */
    static Set<String> of(Connection connection, String sql, List<?> params) {
        List<Long> rootPages = new ArrayList<>();
        try (PreparedStatement explain = connection.prepareStatement("EXPLAIN " + sql)) {
            SqliteContext.bind(explain, params);
            try (ResultSet rows = explain.executeQuery()) {
                while (rows.next()) {
                    if ("OpenRead".equals(rows.getString("opcode")) && rows.getLong("p3") == 0) {
                        rootPages.add(rows.getLong("p2"));
                    }
                }
            }
            Set<String> tables = new LinkedHashSet<>();
            if (rootPages.isEmpty()) {
                return tables;
            }
            String marks = String.join(",", rootPages.stream().map(p -> "?").toList());
            try (PreparedStatement names = connection.prepareStatement(
                    "SELECT DISTINCT tbl_name FROM sqlite_master WHERE rootpage IN (" + marks + ")")) {
                for (int i = 0; i < rootPages.size(); i++) {
                    names.setLong(i + 1, rootPages.get(i));
                }
                try (ResultSet rows = names.executeQuery()) {
                    while (rows.next()) {
                        tables.add(rows.getString(1));
                    }
                }
            }
            return tables;
        } catch (SQLException e) {
            throw SqliteErrors.translate(e);
        }
    }
}
