package dev.hexsync.examples.guide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hexsync.bootstrap.HexSync;
import dev.hexsync.ports.api.DiffTrigger;
import dev.hexsync.ports.api.DiffTriggerOperation;
import dev.hexsync.ports.api.DiffTriggerOptions;
import dev.hexsync.ports.api.SyncDatabase;
import dev.hexsync.ports.api.TriggerStorage;
import dev.hexsync.ports.schema.Schema;
import dev.hexsync.ports.schema.Table;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The guide's page on diff triggers. */
class DiffTriggersGuideTest {
    private static final Schema SCHEMA = Schema.of(Table.builder("todos").text("description").integer("completed")
            .build());

    @TempDir
    Path dir;

    @Test
    void trackWhatChangedInATable() {
        try (SyncDatabase db = HexSync.builder().sqlite(dir.resolve("app.db")).schema(SCHEMA).build()) {
            List<String> completed = new CopyOnWriteArrayList<>();
            // tag::track[]
            try (DiffTrigger tracker = db.trackTableDiff(
                    DiffTriggerOptions.of("todos", DiffTriggerOperation.UPDATE).withColumns("completed")
                            .withWhen(DiffTriggerOperation.UPDATE, "json_extract(NEW.data, '$.completed') = 1"),
                    ctx -> ctx.withExtractedDiff("SELECT id FROM DIFF ORDER BY __operation_id")
                            .forEach(row -> completed.add(row.getString("id"))))) {
                // The handler runs in a write transaction, at most every 30 ms, with the changes since its last call.
                db.execute("INSERT INTO todos(id, description, completed) VALUES ('t1', 'Buy milk', 0)");
                db.execute("UPDATE todos SET completed = 1 WHERE id = 't1'");
                await().atMost(Duration.ofSeconds(10)).until(() -> completed.contains("t1"));
            }
            // end::track[]
        }
    }

    @Test
    void aDiffTriggerYouReadYourself() {
        try (SyncDatabase db = HexSync.builder().sqlite(dir.resolve("app.db")).schema(SCHEMA).build()) {
            // tag::create[]
            try (DiffTrigger trigger = db.createDiffTrigger(DiffTriggerOptions.of("todos")
                    .withStorage(TriggerStorage.PERSISTED)        // survives restarts, sees other processes' writes
                    .withDestination("todo_changes"))) {
                db.execute("INSERT INTO todos(id, description, completed) VALUES ('t1', 'Buy milk', 0)");
                long recorded = db.get("SELECT count(*) AS n FROM " + trigger.destination()).getLong("n");
                System.out.println(recorded + " change(s) recorded in " + trigger.destination());
            }
            // end::create[]
        }
    }
}
