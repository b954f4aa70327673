package dev.hexsync.adapters.sqlite.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hexsync.adapters.sqlite.SqliteStorageEngine;
import dev.hexsync.ports.api.SqlRow;
import dev.hexsync.ports.storage.DatabaseLocation;
import dev.hexsync.ports.storage.SqlSession;
import dev.hexsync.ports.storage.StorageException;
import dev.hexsync.ports.storage.StorageOptions;
import dev.hexsync.testkit.time.VirtualScheduler;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Upgrading a database an older PowerSync core left at schema version 13, and refusing what can't be read. */
class MigrationTest {
    @TempDir
    Path dir;

    /** A version-13 database: ps_buckets still has target_op, and the write gate lives in the '$local' bucket. */
    private Path version13(long lastApplied, long lastSeen, long target) throws Exception {
        Path file = dir.resolve("v13.db");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement()) {
            for (String sql : Layout.STATEMENTS) {
                statement.execute(sql);
            }
            statement.execute("ALTER TABLE ps_buckets ADD COLUMN target_op INTEGER NOT NULL DEFAULT 0");
            statement.execute("INSERT INTO ps_kv(key, value) VALUES ('client_id', 'legacy-client')");
            // A stale key such as a downgraded database may hold: the '$local' row must win.
            statement.execute("INSERT INTO ps_kv(key, value) VALUES ('last_seen_checkpoint_request_id', 999)");
            for (int version = 1; version <= 13; version++) {
                statement.execute("INSERT INTO ps_migration(id, down_migrations) VALUES (" + version + ", NULL)");
            }
            statement.execute("INSERT INTO ps_buckets(name, pending_delete, last_applied_op, last_op, target_op) VALUES ('$local', 1, "
                    + lastApplied + ", " + lastSeen + ", " + target + ")");
            statement.execute("INSERT INTO ps_buckets(name, last_op) VALUES ('b1', 7)");
        }
        return file;
    }

    @Test
    void version13LocalBucketMovesToKeyValues() throws Exception {
        Path file = version13(3, 5, Long.MAX_VALUE);
        try (SqlSession session = new SqliteStorageEngine(new VirtualScheduler()).open(DatabaseLocation.file(file), StorageOptions.DEFAULT)) {
            List<SqlRow> kv = session.read(tx -> tx.getAll("SELECT key, value FROM ps_kv ORDER BY key"));
            assertThat(kv).extracting(r -> r.getString("key") + "=" + r.get("value")).containsExactly(
                    "client_id=legacy-client",
                    "last_applied_checkpoint_request_id=3",
                    "last_seen_checkpoint_request_id=5",
                    "target_checkpoint_request_id=" + Long.MAX_VALUE);
            List<SqlRow> buckets = session.read(tx -> tx.getAll("SELECT name FROM ps_buckets"));
            assertThat(buckets).extracting(r -> r.getString("name")).containsExactly("b1");
            List<SqlRow> targetColumn = session.read(
                    tx -> tx.getAll("SELECT name FROM pragma_table_info('ps_buckets') WHERE name = 'target_op'"));
            assertThat(targetColumn).isEmpty();
            long version = session.read(tx -> tx.get("SELECT max(id) AS v FROM ps_migration").getLong("v"));
            assertThat(version).isEqualTo(14);
        }
    }

    @Test
    void zeroValuesOfTheLocalBucketLeaveNoKeys() throws Exception {
        Path file = version13(0, 0, 0);
        try (SqlSession session = new SqliteStorageEngine(new VirtualScheduler()).open(DatabaseLocation.file(file), StorageOptions.DEFAULT)) {
            List<SqlRow> keys = session.read(tx -> tx.getAll("SELECT key FROM ps_kv ORDER BY key"));
            assertThat(keys).extracting(r -> r.getString("key")).containsExactly("client_id");
        }
    }

    @Test
    void aNewerDatabaseIsRefusedWithItsVersion() throws Exception {
        Path file = dir.resolve("future.db");
        try (SqlSession session = new SqliteStorageEngine(new VirtualScheduler()).open(DatabaseLocation.file(file), StorageOptions.DEFAULT)) {
            session.write(tx -> tx.execute("INSERT INTO ps_migration(id, down_migrations) VALUES (15, NULL)"));
        }
        assertThatThrownBy(() -> new SqliteStorageEngine(new VirtualScheduler()).open(DatabaseLocation.file(file), StorageOptions.DEFAULT))
                .isInstanceOf(StorageException.class).hasMessageContaining("version 15").hasMessageContaining("newer");
    }
}
