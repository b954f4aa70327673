package dev.hexsync.adapters.sqlite;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The views whose triggers capture into the upload queue, cached per schema version; and the allocation of
 * the transaction's CRUD id before a statement on one of them runs (see {@link CaptureTargets}).
 * Used on the writer only, under its lock.
 */
final class CaptureViews {
    private long schemaVersion = -1;
    private Set<String> views = Set.of();

    void allocateIfCapturing(Connection connection, String sql) throws SQLException {
        String target = CaptureTargets.target(sql);
        if (target == null || !views(connection).contains(target)) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate("UPDATE ps_tx SET next_tx = next_tx + 1 WHERE id = 1 AND hexsync_begin_crud_tx(next_tx)");
        }
    }

    private Set<String> views(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            long version;
            try (ResultSet rows = statement.executeQuery("PRAGMA schema_version")) {
                rows.next();
                version = rows.getLong(1);
            }
            if (version != schemaVersion) {
                Set<String> found = new HashSet<>();
                try (ResultSet rows = statement.executeQuery("SELECT tbl_name FROM sqlite_master WHERE type = 'trigger'"
                        + " AND ((name GLOB 'ps_view_*' AND sql LIKE '%hexsync_begin_crud_tx(%')"
                        // Raw tables: the application's triggers write to the capture views by name.
                        + " OR sql LIKE '%powersync_crud%')")) {
                    while (rows.next()) {
                        found.add(rows.getString(1).toLowerCase(Locale.ROOT));
                    }
                }
                views = found;
                schemaVersion = version;
            }
            return views;
        }
    }
}
