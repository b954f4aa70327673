package dev.hexsync.adapters.h2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hexsync.ports.schema.Schema;
import dev.hexsync.ports.schema.Table;
import dev.hexsync.ports.storage.DatabaseLocation;
import dev.hexsync.ports.storage.SqlSession;
import dev.hexsync.ports.storage.StorageOptions;
import dev.hexsync.testkit.claims.ChildJvm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process killed with SIGKILL inside a write transaction leaves an H2 file that opens, holds exactly the
 * committed rows and upload queue entries (MVStore drops the uncommitted ones on opening), keeps the CRUD
 * transaction counter where the last commit left it, and takes new writes.
 */
class H2CrashTest {
    static final int COMMITTED = 40;
    static final Schema SCHEMA = Schema.of(Table.builder("todos").text("description").integer("n").build());
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    @Test
    void killedInsideAWriteTransactionKeepsExactlyTheCommittedRows() {
        Path file = dir.resolve("crash");
        try (ChildJvm child = ChildJvm.start(CrashWriter.class.getName(), List.of(file.toString()), "ready", TIMEOUT)) {
            child.awaitLine("IN_TX", TIMEOUT);
            child.kill();
        }

        try (SqlSession session = new H2StorageEngine().open(DatabaseLocation.file(file), StorageOptions.DEFAULT)) {
            session.applySchema(SCHEMA);
            List<String> committed = IntStream.range(0, COMMITTED).mapToObj(i -> "c" + i).toList();
            List<String> ids = session.read(tx -> tx.getAll("SELECT id FROM todos ORDER BY n", List.of(),
                    row -> row.getString("id")));
            assertThat(ids).containsExactlyElementsOf(committed);
            List<String> queued = session.read(tx -> tx.getAll("SELECT tx_id, data FROM ps_crud ORDER BY id", List.of(),
                    row -> row.getLong("tx_id") + " " + row.getString("data")));
            assertThat(queued).containsExactlyElementsOf(IntStream.range(0, COMMITTED)
                            .mapToObj(i -> (i + 1) + " {\"op\":\"PUT\",\"id\":\"c" + i + "\",\"type\":\"todos\","
                                    + "\"data\":{\"description\":\"committed\",\"n\":" + i + "}}")
                            .toList());
            java.util.Map<String, Object> counters = session.read(tx -> tx.get(
                    "SELECT next_tx, current_tx FROM ps_tx WHERE id = 1").toMap());
            assertThat(counters).containsEntry("next_tx", (long) COMMITTED + 1).containsEntry("current_tx", null);

            session.write(tx -> tx.execute("INSERT INTO todos(id, description, n) VALUES ('after', 'after the crash', -1)"));
            assertThat(session.crudQueue().peek(100)).hasSize(COMMITTED + 1);
            assertThat(session.crudQueue().peek(100).get(COMMITTED).transactionId()).hasValue(COMMITTED + 1);
        }
    }
}
