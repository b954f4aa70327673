package dev.hexsync.bootstrap.collections;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hexsync.bootstrap.HexSync;
import dev.hexsync.bootstrap.triggers.TriggerChildMain;
import dev.hexsync.ports.api.SyncDatabase;
import dev.hexsync.ports.api.collection.CollectionOptions;
import dev.hexsync.ports.api.collection.LiveCollection;
import dev.hexsync.ports.schema.Schema;
import dev.hexsync.ports.schema.Table;
import dev.hexsync.testkit.claims.ChildJvm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A live collection over a file hears the writes of another process: its diff trigger is persisted. */
class LiveCollectionProcessesTest {
    private static final Duration CHILD_TIMEOUT = Duration.ofSeconds(60);
    /** The schema {@link TriggerChildMain} opens the file with; both processes must apply the same one. */
    private static final Schema SCHEMA = Schema.of(
            Table.builder("todos").text("description").integer("completed").build(),
            Table.builder("lists").text("name").viewName("my_lists").build());

    /** A todo of that schema. */
    record Note(String id, String description, Long completed) {
    }

    @TempDir
    Path dir;

    @Test
    void aWriteFromAnotherProcessReachesTheCollection() {
        Path file = dir.resolve("shared.db");
        try (SyncDatabase db = HexSync.builder().sqlite(file).schema(SCHEMA).build()) {
            db.execute("INSERT INTO todos(id, description, completed) VALUES ('here', 'written here', 1)");
            LiveCollection<Note> notes = db.collections().open(CollectionOptions.of("todos", Note.class));
            assertThat(notes.values()).containsExactly(new Note("here", "written here", 1L));
            try (ChildJvm child = ChildJvm.start(TriggerChildMain.class.getName(), List.of(file.toString()), "ready",
                    CHILD_TIMEOUT)) {
                child.send("insert from-child");
                assertThat(child.nextLine(CHILD_TIMEOUT)).isEqualTo("inserted");
                LiveCollectionTest.await("the other process's row", () -> notes.get("from-child").isPresent());
            }
            assertThat(notes.get("from-child")).contains(new Note("from-child", "from the child", null));
            assertThat(notes.size()).isEqualTo(2);
            notes.close();
        }
    }
}
