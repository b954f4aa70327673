package dev.hexsync.adapters.sqlite.migration;

import dev.hexsync.ports.storage.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

/**
 * Brings a database to the PowerSync layout hexsync speaks (internal schema version {@value #CURRENT}).
 *
 * <p>A new database gets the whole layout at once and the versions 1 to {@value #CURRENT} recorded, as the
 * engine leaves them. A database at an older version climbs the ladder step by step; each step is a
 * {@link Migration} and later versions are added at the end. Down-migrations are not recorded
 * ({@code down_migrations} stays NULL): a PowerSync core older than the file cannot downgrade it.
 */
public final class Migrations {
    /** The internal schema version of the PowerSync layout this code produces. */
    public static final int CURRENT = 14;

    /** The oldest version hexsync can upgrade from. */
    static final int OLDEST_UPGRADABLE = 13;

    private static final List<Migration> LADDER = List.of(new Migration(14, List.of(
            // v14: the write gate moves from the '$local' bucket to ps_kv, and target_op is dropped. The keys
            // are cleared first: a database downgraded from 14 may hold stale ones, and '$local' is the truth.
            "DELETE FROM ps_kv WHERE key IN ('last_applied_checkpoint_request_id', 'last_seen_checkpoint_request_id',"
                    + " 'target_checkpoint_request_id')",
            "INSERT OR REPLACE INTO ps_kv(key, value) SELECT 'last_applied_checkpoint_request_id', last_applied_op"
                    + " FROM ps_buckets WHERE name = '$local' AND last_applied_op > 0",
            "INSERT OR REPLACE INTO ps_kv(key, value) SELECT 'last_seen_checkpoint_request_id', last_op"
                    + " FROM ps_buckets WHERE name = '$local' AND last_op > 0",
            "INSERT OR REPLACE INTO ps_kv(key, value) SELECT 'target_checkpoint_request_id', target_op"
                    + " FROM ps_buckets WHERE name = '$local' AND target_op > 0",
            "DELETE FROM ps_buckets WHERE name = '$local'",
            "ALTER TABLE ps_buckets DROP COLUMN target_op")));

    private Migrations() {
    }

    /** Creates or upgrades the layout; must run inside a write transaction. */
    public static void migrate(Connection connection, String where) throws SQLException {
        int version = currentVersion(connection);
        if (version == 0) {
            createLayout(connection);
            return;
        }
        if (version > CURRENT) {
            throw new StorageException(where + " has PowerSync schema version " + version
                    + ", newer than this hexsync supports (" + CURRENT + "); open it with a newer hexsync");
        }
        if (version < OLDEST_UPGRADABLE) {
            throw new StorageException(where + " has PowerSync schema version " + version
                    + "; hexsync upgrades from version " + OLDEST_UPGRADABLE + " or newer");
        }
        try (Statement statement = connection.createStatement()) {
            for (Migration migration : LADDER) {
                if (migration.version() <= version) {
                    continue;
                }
                for (String sql : migration.statements()) {
                    statement.execute(sql);
                }
                record(connection, migration.version());
            }
        }
    }

    /** The highest applied version, 0 for a database without the layout. */
    public static int currentVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet exists = statement.executeQuery(
                        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'ps_migration'")) {
            if (!exists.next()) {
                return 0;
            }
        }
        try (Statement statement = connection.createStatement();
                ResultSet max = statement.executeQuery("SELECT ifnull(max(id), 0) FROM ps_migration")) {
            return max.next() ? max.getInt(1) : 0;
        }
    }

    private static void createLayout(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : Layout.STATEMENTS) {
                statement.execute(sql);
            }
        }
        try (PreparedStatement clientId = connection.prepareStatement(
                "INSERT INTO ps_kv(key, value) VALUES ('client_id', ?)")) {
            clientId.setString(1, UUID.randomUUID().toString());
            clientId.executeUpdate();
        }
        for (int version = 1; version <= CURRENT; version++) {
            record(connection, version);
        }
    }

    private static void record(Connection connection, int version) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO ps_migration(id, down_migrations) VALUES (?, NULL)")) {
            insert.setInt(1, version);
            insert.executeUpdate();
        }
    }
}
