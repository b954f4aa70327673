package dev.hexsync.bootstrap.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hexsync.bootstrap.HexSync;
import dev.hexsync.ports.api.SyncDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The interop suite's comparison without a service (so it runs on every build): each part compare.sh checks
 * must tell two client databases apart when they differ in it, and only then.
 */
class ClientStateTest {
    @TempDir
    Path dir;

    private Path a;
    private Path b;

    @BeforeEach
    void twoEqualDatabases() throws Exception {
        a = dir.resolve("a.db");
        try (SyncDatabase db = HexSync.builder().sqlite(a).schema(Clients.SCHEMA).build()) {
            db.execute("INSERT INTO lists (id, name, owner_id, created_at) VALUES ('l1', 'List', 'u', NULL)");
            db.execute("INSERT INTO todos (id, list_id, description, completed, created_at) VALUES ('t1', 'l1', 'x', 0, NULL)");
        }
        sql(a, "INSERT INTO ps_buckets (name, last_applied_op, last_op, downloaded_size) VALUES ('b', 3, 3, 100)",
                "INSERT INTO ps_oplog (bucket, op_id, row_type, row_id, key, data, hash)"
                        + " SELECT id, 3, 'todos', 't1', 'todos/t1', '{\"list_id\":\"l1\"}', 42 FROM ps_buckets",
                "PRAGMA wal_checkpoint(TRUNCATE)");
        b = dir.resolve("b.db");
        Files.copy(a, b);
    }

    private static void sql(Path database, String... statements) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
                Statement statement = connection.createStatement()) {
            for (String each : statements) {
                statement.execute(each);
            }
        }
    }

    private String differences() {
        return String.join("\n", ClientState.read(a).differencesFrom(ClientState.read(b), "a", "b"));
    }

    @Test
    void equalDatabasesShowNoDifference() {
        assertThat(differences()).isEmpty();
        assertThat(ClientState.read(a).part("todos")).containsExactly(java.util.Arrays.asList("t1", "l1", "x", 0L, null));
    }

    @Test
    void aRowValueDiffers() throws Exception {
        sql(b, "UPDATE ps_data__todos SET data = json_set(data, '$.completed', 1)");
        assertThat(differences()).startsWith("todos: a 1 rows, b 1 rows").contains("only in b (1): [t1, l1, x, 1, null]");
    }

    @Test
    void anOplogEntryDiffers() throws Exception {
        sql(b, "UPDATE ps_oplog SET data = '{\"list_id\":\"l2\"}'");
        assertThat(differences()).startsWith("ps_oplog: a 1 rows, b 1 rows").contains("only in a (1)");
    }

    @Test
    void theDownloadedSizeDiffers() throws Exception {
        sql(b, "UPDATE ps_buckets SET downloaded_size = 101");
        assertThat(differences()).startsWith("ps_buckets:").contains("only in b (1)");
    }

    @Test
    void aListIsMissing() throws Exception {
        sql(b, "DELETE FROM ps_data__lists");
        assertThat(differences()).startsWith("lists: a 1 rows, b 0 rows");
    }
}
