package dev.hexsync.examples.guide;

// tag::imports[]
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hexsync.bootstrap.HexSync;
import dev.hexsync.ports.api.BackendConnector;
import dev.hexsync.ports.api.SyncDatabase;
import dev.hexsync.ports.model.CrudEntry;
import dev.hexsync.ports.model.CrudTransaction;
import dev.hexsync.ports.schema.Schema;
import dev.hexsync.ports.schema.Table;
import dev.hexsync.ports.transport.Credentials;
import dev.hexsync.emulator.SyncServiceEmulator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
// end::imports[]

/** The guide's first page: a database synced from the emulator, a local write uploaded and confirmed. */
class GettingStartedTest {
    // tag::test[]
    static final Schema SCHEMA = Schema.of(Table.builder("todos").text("description").integer("completed").build());

    @TempDir
    Path dir;

    @Test
    void syncsFromTheServiceAndUploadsLocalWrites() throws Exception {
        try (SyncServiceEmulator service = SyncServiceEmulator.builder()
                        .globalBucket("global", "todos")        // every connection gets every todo
                        .build().start();
                SyncDatabase db = HexSync.builder().sqlite(dir.resolve("app.db")).schema(SCHEMA).build()) {
            service.put("todos", "t1", Map.of("description", "Written on the server", "completed", 0));

            db.connect(new BackendConnector() {
                @Override
                public Optional<Credentials> fetchCredentials() {
                    return Optional.of(Credentials.of(service.endpoint(), service.issueToken("user-1")));
                }

                @Override
                public void uploadData(SyncDatabase database) {
                    Optional<CrudTransaction> tx;
                    while ((tx = database.getNextCrudTransaction()).isPresent()) {
                        List<Map<String, Object>> entries = new ArrayList<>();
                        for (CrudEntry entry : tx.get().crud()) {
                            entries.add(entry.toUploadJson());
                        }
                        service.applyUpload(entries);           // your backend writes to its database here
                        tx.get().complete();
                    }
                }
            }).get(10, TimeUnit.SECONDS);
            db.waitForFirstSync().get(10, TimeUnit.SECONDS);
            assertThat(db.get("SELECT description FROM todos WHERE id = 't1'").getString("description"))
                    .isEqualTo("Written on the server");

            db.execute("INSERT INTO todos(id, description, completed) VALUES (uuid(), ?, ?)", "Written locally", 0);

            // Uploaded, applied by the backend, synced back: the queue drains and the server has the row.
            await().atMost(Duration.ofSeconds(10)).until(() -> db.getUploadQueueStats(false).count() == 0);
            assertThat(db.getAll("SELECT description FROM todos ORDER BY description", List.of(),
                    row -> row.getString("description"))).containsExactly("Written locally", "Written on the server");
        }
    }
    // end::test[]
}
