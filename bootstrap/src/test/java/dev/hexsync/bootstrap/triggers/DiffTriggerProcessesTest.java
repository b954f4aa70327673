package dev.hexsync.bootstrap.triggers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hexsync.bootstrap.HexSync;
import dev.hexsync.ports.api.DiffTrigger;
import dev.hexsync.ports.api.DiffTriggerOptions;
import dev.hexsync.ports.api.SqlRow;
import dev.hexsync.ports.api.SyncDatabase;
import dev.hexsync.ports.api.TriggerStorage;
import dev.hexsync.testkit.claims.ChildJvm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Diff triggers across connections and processes over one file: temporary triggers miss the writes of other
 * connections (the JS SDK's multi-tab bug), persisted ones record them, and the sweep drops exactly the
 * persisted triggers whose owner died.
 */
class DiffTriggerProcessesTest {
    private static final Duration CHILD_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dir;
    private Path file;
    private SyncDatabase db;

    @BeforeEach
    void open() {
        file = dir.resolve("shared.db");
        db = HexSync.builder().sqlite(file).schema(DiffTriggerTest.SCHEMA).build();
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void temporaryTriggersMissAnotherConnectionsWritesAndPersistedOnesRecordThem() {
        try (SyncDatabase other = HexSync.builder().sqlite(file).schema(DiffTriggerTest.SCHEMA).build()) {
            DiffTrigger temporary = other.createDiffTrigger(DiffTriggerOptions.of("todos")
                    .withStorage(TriggerStorage.TEMPORARY));
            DiffTrigger persisted = other.createDiffTrigger(DiffTriggerOptions.of("todos")
                    .withStorage(TriggerStorage.PERSISTED));

            db.execute("INSERT INTO todos(id, description) VALUES ('a', 'written by the first instance')");

            List<SqlRow> missed = other.writeTransaction(tx -> tx.getAll("SELECT id FROM " + temporary.destination()));
            assertThat(missed).as("the seed's bug: a TEMP trigger sees its own connection only").isEmpty();
            assertThat(other.getAll("SELECT id, operation FROM " + persisted.destination()))
                    .extracting(SqlRow::toMap).containsExactly(java.util.Map.of("id", "a", "operation", "INSERT"));
            temporary.close();
            persisted.close();
        }
    }

    @Test
    void aPersistedTriggerRecordsWritesOfAnotherProcess() {
        DiffTrigger trigger = db.createDiffTrigger(DiffTriggerOptions.of("todos"));
        try (ChildJvm child = ChildJvm.start(TriggerChildMain.class.getName(), List.of(file.toString()), "ready",
                CHILD_TIMEOUT)) {
            child.send("insert from-child");
            assertThat(child.nextLine(CHILD_TIMEOUT)).isEqualTo("inserted");
        }
        assertThat(db.getAll("SELECT id FROM " + trigger.destination())).extracting(row -> row.get("id"))
                .containsExactly("from-child");
        trigger.close();
    }

    @Test
    void aTrackedTableHearsTheWritesOfAnotherProcess() {
        java.util.List<String> handled = new java.util.concurrent.CopyOnWriteArrayList<>();
        DiffTrigger tracker = db.trackTableDiff(DiffTriggerOptions.of("todos"),
                context -> context.withDiff("SELECT id FROM DIFF").forEach(row -> handled.add(row.getString("id"))));
        try (ChildJvm child = ChildJvm.start(TriggerChildMain.class.getName(), List.of(file.toString()), "ready",
                CHILD_TIMEOUT)) {
            child.send("insert elsewhere");
            assertThat(child.nextLine(CHILD_TIMEOUT)).isEqualTo("inserted");
            // The other process's commit reaches this one through the change signal, as an external change.
            DiffTriggerTest.await(() -> handled.contains("elsewhere"));
        }
        assertThat(handled).containsExactly("elsewhere");
        tracker.close();
    }

    @Test
    void theSweepAtOpenDropsTheTriggersOfAKilledOwnerAndKeepsClaimedOnes() {
        DiffTrigger mine = db.createDiffTrigger(DiffTriggerOptions.of("todos"));
        try (ChildJvm doomed = ChildJvm.start(TriggerChildMain.class.getName(), List.of(file.toString()), "ready",
                CHILD_TIMEOUT);
                ChildJvm alive = ChildJvm.start(TriggerChildMain.class.getName(), List.of(file.toString()), "ready",
                        CHILD_TIMEOUT)) {
            String[] killed = persist(doomed);
            String[] kept = persist(alive);
            assertThat(triggersOf(killed[0])).hasSize(3);

            doomed.kill();
            doomed.awaitExit(CHILD_TIMEOUT);
            // Opening another instance sweeps: the killed owner's claim died with it, the others' did not.
            try (SyncDatabase sweeper = HexSync.builder().sqlite(file).schema(DiffTriggerTest.SCHEMA).build()) {
                assertThat(triggersOf(killed[0])).isEmpty();
                assertThat(tables()).doesNotContain(killed[1]).contains(kept[1], mine.destination());
                assertThat(triggersOf(kept[0])).hasSize(3);
                assertThat(triggersOf(mine.id())).hasSize(3);
                assertThat(sweeper.getAll("PRAGMA integrity_check")).extracting(row -> row.get(0)).containsExactly("ok");
            }
        }
        mine.close();
    }

    private static String[] persist(ChildJvm child) {
        child.send("persist");
        String[] words = child.nextLine(CHILD_TIMEOUT).split(" ");
        assertThat(words[0]).isEqualTo("trigger");
        return new String[] {words[1], words[2]};
    }

    private List<SqlRow> triggersOf(String id) {
        return db.getAll("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%' || ?", id);
    }

    private List<String> tables() {
        return db.getAll("SELECT name FROM sqlite_master WHERE type = 'table'").stream()
                .map(row -> row.getString("name")).toList();
    }
}
