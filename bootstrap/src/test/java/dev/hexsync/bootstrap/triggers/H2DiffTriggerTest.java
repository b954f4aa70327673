package dev.hexsync.bootstrap.triggers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hexsync.bootstrap.HexSync;
import dev.hexsync.ports.api.DiffTrigger;
import dev.hexsync.ports.api.DiffTriggerOperation;
import dev.hexsync.ports.api.DiffTriggerOptions;
import dev.hexsync.ports.api.SqlRow;
import dev.hexsync.ports.api.SyncDatabase;
import dev.hexsync.ports.api.TriggerStorage;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Diff triggers on an H2 file through the default wiring: what they record, and that closing drops them. */
class H2DiffTriggerTest {
    private static final String ISO_TIMESTAMP = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z";

    @TempDir
    Path dir;

    @Test
    void recordsInsertsUpdatesAndDeletesWithPreviousValues() {
        try (SyncDatabase db = HexSync.builder().h2(dir.resolve("app")).schema(DiffTriggerTest.SCHEMA).build()) {
            DiffTrigger trigger = db.createDiffTrigger(DiffTriggerOptions.of("todos").withDestination("todo_changes"));
            db.execute("INSERT INTO todos(id, description, completed) VALUES ('a', 'milk', 0)");
            db.execute("UPDATE todos SET completed = 1 WHERE id = 'a'");
            db.execute("DELETE FROM todos WHERE id = 'a'");

            List<SqlRow> rows = db.getAll("SELECT * FROM todo_changes ORDER BY operation_id");
            assertThat(rows).extracting(row -> row.get("operation_id"), row -> row.get("id"), row -> row.get("operation"))
                    .containsExactly(Tuple.tuple(1L, "a", "INSERT"), Tuple.tuple(2L, "a", "UPDATE"),
                            Tuple.tuple(3L, "a", "DELETE"));
            assertThat(rows).allSatisfy(row -> assertThat(row.getString("timestamp")).matches(ISO_TIMESTAMP));
            assertThat(rows.get(0).getString("value")).isEqualTo("{\"description\":\"milk\",\"completed\":0}");
            assertThat(rows.get(0).get("previous_value")).isNull();
            assertThat(rows.get(1).getString("previous_value")).isEqualTo("{\"description\":\"milk\",\"completed\":0}");
            assertThat(rows.get(2).getString("value")).isEqualTo("{\"description\":\"milk\",\"completed\":1}");
            assertThat(trigger.storage()).isEqualTo(TriggerStorage.PERSISTED);
            assertThat(triggers(db, trigger.id())).hasSize(3);
            trigger.close();
            assertThat(triggers(db, trigger.id())).as("closing the trigger drops it").isEmpty();
        }
    }

    @Test
    void onlyTheListedColumnsAreRecordedWhenTheConditionHolds() {
        try (SyncDatabase db = HexSync.builder().h2(dir.resolve("app")).schema(DiffTriggerTest.SCHEMA).build()) {
            db.createDiffTrigger(DiffTriggerOptions.of("todos").withDestination("done_changes")
                    .withColumns("completed").withWhen(DiffTriggerOperation.INSERT, "json_extract(NEW.data, '$.completed') = '1'"));
            db.execute("INSERT INTO todos(id, description, completed) VALUES ('a', 'milk', 0)");
            db.execute("INSERT INTO todos(id, description, completed) VALUES ('b', 'bread', 1)");

            assertThat(db.getAll("SELECT id, value FROM done_changes ORDER BY operation_id"))
                    .extracting(row -> row.get("id"), row -> row.get("value"))
                    .containsExactly(Tuple.tuple("b", "{\"completed\":1}"));
        }
    }

    private static List<SqlRow> triggers(SyncDatabase db, String id) {
        return db.getAll("SELECT trigger_name FROM information_schema.triggers WHERE trigger_name LIKE ?", "%" + id + "%");
    }
}
