package dev.hexsync.adapters.sqlite;

import dev.hexsync.adapters.sqlite.schema.SqlIdentifiers;
import dev.hexsync.ports.schema.RawTable;
import dev.hexsync.ports.storage.sync.ReplicaStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine's {@code powersync_clear} on SQLite, statement for statement. Runs on the session's writer inside
 * {@link SqliteSession#write}.
 */
final class SqliteReplicaStore implements ReplicaStore {
    private final SqliteSession session;

    SqliteReplicaStore(SqliteSession session) {
        this.session = session;
    }

    @Override
    public void clear(boolean clearLocal, boolean soft, List<RawTable> rawTables) {
        try {
            clear(session.writerConnection(), clearLocal, soft, rawTables);
        } catch (SQLException e) {
            throw SqliteErrors.translate(e);
        }
    }

    /** The clear itself, on a connection inside a write transaction (also for {@code powersync_clear} in SQL). */
    static void clear(Connection connection, boolean clearLocal, boolean soft, List<RawTable> rawTables)
            throws SQLException {
        try (Statement statement = connection.createStatement()) {
            if (soft) {
                statement.execute("UPDATE ps_buckets SET last_applied_op = 0");
            } else {
                statement.execute("DELETE FROM ps_oplog");
                statement.execute("DELETE FROM ps_buckets");
            }
            statement.execute("DELETE FROM ps_crud");
            statement.execute("DELETE FROM ps_untyped");
            statement.execute("DELETE FROM ps_updated_rows");
            statement.execute("DELETE FROM ps_kv WHERE key != 'client_id'");
            statement.execute("DELETE FROM ps_stream_subscriptions");
            statement.execute("DELETE FROM ps_sync_state");
            statement.execute("UPDATE ps_stream_subscriptions SET last_synced_at = NULL");
            List<String> tables = new ArrayList<>();
            try (PreparedStatement list = connection.prepareStatement(
                    "SELECT name FROM sqlite_master WHERE type='table' AND name GLOB ?1")) {
                list.setString(1, clearLocal ? "ps_data_*" : "ps_data__*");
                try (ResultSet rows = list.executeQuery()) {
                    while (rows.next()) {
                        tables.add(rows.getString(1));
                    }
                }
            }
            for (String table : tables) {
                String quoted = SqlIdentifiers.quote(table);
                // One row first, so table-change listeners hear of the table; then the truncate optimisation.
                statement.execute("DELETE FROM " + quoted + " WHERE rowid IN (SELECT rowid FROM " + quoted + " LIMIT 1)");
                statement.execute("DELETE FROM " + quoted);
            }
            // Raw tables' own triggers must not queue these deletes for upload, as during a publish.
            statement.execute("SELECT hexsync_sync_operation(1)");
            try {
                for (RawTable raw : rawTables) {
                    if (raw.clear().isPresent()) {
                        statement.execute(raw.clear().get());
                    }
                }
            } finally {
                statement.execute("SELECT hexsync_sync_operation(0)");
            }
        }
    }
}
