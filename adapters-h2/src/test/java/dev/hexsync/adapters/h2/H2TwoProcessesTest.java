package dev.hexsync.adapters.h2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hexsync.ports.storage.CrudRecord;
import dev.hexsync.ports.storage.DatabaseLocation;
import dev.hexsync.ports.storage.SqlSession;
import dev.hexsync.ports.storage.StorageOptions;
import dev.hexsync.testkit.claims.ChildJvm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two JVMs on one H2 file through AUTO_SERVER: the first to open it serves it, the second connects; each sees the
 * other's committed writes, and the upload queue holds both processes' entries, each in a transaction of its own.
 */
class H2TwoProcessesTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void twoProcessesWriteAndReadOneFile() {
        Path file = dir.resolve("shared");
        try (SqlSession session = new H2StorageEngine().open(DatabaseLocation.file(file), StorageOptions.DEFAULT)) {
            session.applySchema(SharedFileChild.SCHEMA);
            session.write(tx -> tx.execute("INSERT INTO todos(id, description) VALUES ('p1', 'from the parent')"));
            try (ChildJvm child = ChildJvm.start(SharedFileChild.class.getName(), List.of(file.toString()), "ready",
                    TIMEOUT)) {
                child.send("count");
                child.awaitLine("count 1 1", TIMEOUT);
                child.send("insert c1");
                child.awaitLine("inserted c1", TIMEOUT);

                List<String> ids = session.read(tx -> tx.getAll("SELECT id FROM todos ORDER BY id", List.of(),
                        row -> row.getString("id")));
                assertThat(ids).containsExactly("c1", "p1");
                List<CrudRecord> queued = session.crudQueue().peek(10);
                assertThat(queued).hasSize(2);
                assertThat(queued.get(0).transactionId()).isNotEqualTo(queued.get(1).transactionId());
                assertThat(queued.get(1).data()).contains("\"id\":\"c1\"").contains("from the child");

                session.write(tx -> tx.execute("INSERT INTO todos(id, description) VALUES ('p2', 'from the parent')"));
                child.send("count");
                child.awaitLine("count 3 3", TIMEOUT);
                child.send("exit");
            }
        }
    }
}
