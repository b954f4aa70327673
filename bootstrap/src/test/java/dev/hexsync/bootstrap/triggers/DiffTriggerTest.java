package dev.hexsync.bootstrap.triggers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hexsync.adapters.locks.FileLockClaimManager;
import dev.hexsync.bootstrap.HexSync;
import dev.hexsync.ports.api.DiffTrigger;
import dev.hexsync.ports.api.DiffTriggerOperation;
import dev.hexsync.ports.api.DiffTriggerOptions;
import dev.hexsync.ports.api.SqlRow;
import dev.hexsync.ports.api.SyncDatabase;
import dev.hexsync.ports.api.TriggerStorage;
import dev.hexsync.ports.schema.Schema;
import dev.hexsync.ports.schema.Table;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Diff triggers on a real SQLite file through the default wiring: what they record, setup, disposal. */
class DiffTriggerTest {
    static final Schema SCHEMA = Schema.of(
            Table.builder("todos").text("description").integer("completed").build(),
            Table.builder("lists").text("name").viewName("my_lists").build());
    private static final String ISO_TIMESTAMP = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z";
    /** Only a guard against hangs: a passing test never waits this long. */
    private static final long TIMEOUT_MILLIS = 20_000;

    @TempDir
    Path dir;
    private Path file;
    private SyncDatabase db;

    @BeforeEach
    void open() {
        file = dir.resolve("app.db");
        db = HexSync.builder().sqlite(file).schema(SCHEMA).build();
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void recordsInsertsUpdatesAndDeletesWithPreviousValues() {
        DiffTrigger trigger = db.createDiffTrigger(DiffTriggerOptions.of("todos").withDestination("todo_changes"));
        db.execute("INSERT INTO todos(id, description, completed) VALUES ('a', 'milk', 0)");
        db.execute("UPDATE todos SET completed = 1 WHERE id = 'a'");
        db.execute("DELETE FROM todos WHERE id = 'a'");

        List<SqlRow> rows = db.getAll("SELECT * FROM todo_changes ORDER BY operation_id");
        assertThat(rows).extracting(row -> row.get("operation_id"), row -> row.get("id"), row -> row.get("operation"))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1L, "a", "INSERT"),
                        org.assertj.core.groups.Tuple.tuple(2L, "a", "UPDATE"),
                        org.assertj.core.groups.Tuple.tuple(3L, "a", "DELETE"));
        assertThat(rows).allSatisfy(row -> assertThat(row.getString("timestamp")).matches(ISO_TIMESTAMP));
        assertThat(rows.get(0).getString("value")).isEqualTo("{\"description\":\"milk\",\"completed\":0}");
        assertThat(rows.get(0).get("previous_value")).isNull();
        assertThat(rows.get(1).getString("value")).isEqualTo("{\"description\":\"milk\",\"completed\":1}");
        assertThat(rows.get(1).getString("previous_value")).isEqualTo("{\"description\":\"milk\",\"completed\":0}");
        assertThat(rows.get(2).getString("value")).isEqualTo("{\"description\":\"milk\",\"completed\":1}");
        assertThat(trigger.storage()).as("a file's default").isEqualTo(TriggerStorage.PERSISTED);
        assertThat(triggerNames()).containsExactlyInAnyOrder(
                "__ps_temp_trigger_insert__todo_changes__" + trigger.id(),
                "__ps_temp_trigger_update__todo_changes__" + trigger.id(),
                "__ps_temp_trigger_delete__todo_changes__" + trigger.id());
        trigger.close();
    }

    @Test
    void projectsColumnsAndFiltersOperations() {
        DiffTrigger none = db.createDiffTrigger(DiffTriggerOptions.of("todos", DiffTriggerOperation.INSERT)
                .withDestination("ids_only").withColumns(List.of()));
        DiffTrigger listed = db.createDiffTrigger(DiffTriggerOptions.of("todos", DiffTriggerOperation.UPDATE)
                .withDestination("completions").withColumns("completed")
                .withWhen(DiffTriggerOperation.UPDATE, "json_extract(NEW.data, '$.completed') = 1"));
        db.execute("INSERT INTO todos(id, description, completed) VALUES ('a', 'milk', 0)");
        db.execute("UPDATE todos SET description = 'oat milk' WHERE id = 'a'");
        db.execute("UPDATE todos SET completed = 1 WHERE id = 'a'");

        assertThat(db.getAll("SELECT id, operation, value FROM ids_only")).extracting(SqlRow::toMap)
                .containsExactly(java.util.Map.of("id", "a", "operation", "INSERT", "value", "{}"));
        assertThat(db.getAll("SELECT operation, value, previous_value FROM completions")).extracting(SqlRow::toMap)
                .containsExactly(java.util.Map.of("operation", "UPDATE", "value", "{\"completed\":1}",
                        "previous_value", "{\"completed\":0}"));
        none.close();
        listed.close();
    }

    @Test
    void namesTheSourceByViewNameAndRejectsUnknownSourcesAndColumns() {
        DiffTrigger lists = db.createDiffTrigger(DiffTriggerOptions.of("my_lists").withDestination("list_changes"));
        db.execute("INSERT INTO my_lists(id, name) VALUES ('l', 'groceries')");
        assertThat(db.getAll("SELECT id FROM list_changes")).hasSize(1);
        lists.close();

        assertThatThrownBy(() -> db.createDiffTrigger(DiffTriggerOptions.of("nope")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'nope'");
        assertThatThrownBy(() -> db.createDiffTrigger(DiffTriggerOptions.of("todos").withColumns("colour")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no column 'colour'");
        assertThat(triggerNames()).isEmpty();
    }

    @Test
    void closingDropsTriggersAndTableAndReleasesTheClaim() {
        DiffTrigger trigger = db.createDiffTrigger(DiffTriggerOptions.of("todos"));
        FileLockClaimManager probe = new FileLockClaimManager(dir.resolve("app.db.claims"));
        assertThat(probe.isClaimed(trigger.id())).isTrue();
        assertThat(tableNames()).contains(trigger.destination());

        trigger.close();
        trigger.close();

        assertThat(triggerNames()).isEmpty();
        assertThat(tableNames()).doesNotContain(trigger.destination());
        assertThat(probe.isClaimed(trigger.id())).isFalse();
    }

    @Test
    void temporaryTriggersLiveOnTheConnectionOnly() {
        DiffTrigger trigger = db.createDiffTrigger(DiffTriggerOptions.of("todos").withStorage(TriggerStorage.TEMPORARY));
        db.execute("INSERT INTO todos(id, description) VALUES ('a', 'milk')");

        assertThat(triggerNames()).as("nothing stored in the file").isEmpty();
        assertThat(onWriter("SELECT name FROM sqlite_temp_master WHERE type = 'trigger'")).hasSize(3);
        assertThat(onWriter("SELECT id FROM " + trigger.destination())).hasSize(1);
        trigger.close();
        assertThat(onWriter("SELECT name FROM sqlite_temp_master WHERE name <> 'sqlite_sequence'")).isEmpty();
    }

    @Test
    void beforeCreateRunsInTheSetupTransactionSoNothingIsMissedOrSeenTwice() {
        db.execute("INSERT INTO todos(id, description) VALUES ('old', 'before')");
        List<String> snapshot = new ArrayList<>();
        DiffTrigger trigger = db.createDiffTrigger(DiffTriggerOptions.of("todos").withDestination("after_snapshot")
                .withBeforeCreate(tx -> tx.getAll("SELECT id FROM todos").forEach(row -> snapshot.add(row.getString("id")))));
        db.execute("INSERT INTO todos(id, description) VALUES ('new', 'after')");

        assertThat(snapshot).containsExactly("old");
        assertThat(db.getAll("SELECT id FROM after_snapshot")).extracting(row -> row.get("id")).containsExactly("new");
        trigger.close();
    }

    @Test
    void setupInsideTheCallersTransactionIsUndoneWithIt() {
        assertThatThrownBy(() -> db.writeTransaction(tx -> {
            db.createDiffTrigger(DiffTriggerOptions.of("todos").withDestination("doomed"));
            assertThat(tx.getAll("SELECT name FROM sqlite_master WHERE name = 'doomed'")).hasSize(1);
            throw new IllegalStateException("the caller gives up");
        })).hasMessage("the caller gives up");

        assertThat(tableNames()).doesNotContain("doomed");
        assertThat(triggerNames()).isEmpty();
    }

    @Test
    void aFailedSetupLeavesNothingBehindAndReleasesTheClaim() {
        db.execute("CREATE TABLE taken (x)");
        assertThatThrownBy(() -> db.createDiffTrigger(DiffTriggerOptions.of("todos").withDestination("taken")))
                .hasMessageContaining("taken");
        assertThat(triggerNames()).isEmpty();
        assertThat(dir.resolve("app.db.claims").toFile().list()).as("no claim left behind").isEmpty();
    }

    @Test
    void trackTableDiffHandsTheRecordedChangesToTheHandlerAndEmptiesTheDestination() throws Exception {
        List<List<String>> batches = new CopyOnWriteArrayList<>();
        List<List<String>> extracted = new CopyOnWriteArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        DiffTrigger tracker = db.trackTableDiff(DiffTriggerOptions.of("todos").withColumns("description"),
                Duration.ofMillis(10), context -> {
                    calls.incrementAndGet();
                    batches.add(context.withDiff("SELECT operation || ':' || id AS change FROM DIFF").stream()
                            .map(row -> row.getString("change")).toList());
                    extracted.add(context.withExtractedDiff("SELECT id, description, __operation FROM DIFF").stream()
                            .map(row -> row.get("id") + "=" + row.get("description") + "/" + row.get("__operation"))
                            .toList());
                });
        assertThat(tracker.destination()).startsWith("__ps_temp_track_todos_");

        db.writeTransaction(tx -> {
            tx.execute("INSERT INTO todos(id, description) VALUES ('a', 'milk')");
            tx.execute("INSERT INTO todos(id, description) VALUES ('b', 'eggs')");
            tx.execute("UPDATE todos SET description = 'oat milk' WHERE id = 'a'");
            return null;
        });
        await(() -> !extracted.isEmpty()); // the handler fills batches first, extracted after
        assertThat(batches.get(0)).containsExactly("INSERT:a", "INSERT:b", "UPDATE:a");
        assertThat(extracted.get(0)).containsExactly("a=milk/INSERT", "b=eggs/INSERT", "a=oat milk/UPDATE");
        await(() -> onWriter("SELECT 1 FROM " + tracker.destination()).isEmpty());

        db.execute("DELETE FROM todos WHERE id = 'b'");
        await(() -> batches.size() == 2);
        assertThat(batches.get(1)).containsExactly("DELETE:b");

        tracker.close();
        db.execute("INSERT INTO todos(id, description) VALUES ('c', 'tea')");
        TimeUnit.MILLISECONDS.sleep(200);
        assertThat(calls.get()).as("no call for the emptying itself, none after close").isEqualTo(2);
    }

    @Test
    void aFailingHandlerKeepsTheChangesForTheNextCall() {
        AtomicInteger attempts = new AtomicInteger();
        List<String> handled = new CopyOnWriteArrayList<>();
        DiffTrigger tracker = db.trackTableDiff(DiffTriggerOptions.of("todos"), Duration.ofMillis(10), context -> {
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("first attempt fails");
            }
            context.withDiff("SELECT id FROM DIFF").forEach(row -> handled.add(row.getString("id")));
        });
        db.execute("INSERT INTO todos(id, description) VALUES ('a', 'milk')");
        await(() -> attempts.get() == 1);
        db.execute("INSERT INTO todos(id, description) VALUES ('b', 'eggs')");
        await(() -> handled.size() == 2);
        assertThat(handled).containsExactly("a", "b");
        tracker.close();
    }

    @Test
    void closingTheDatabaseDropsItsLiveTriggers() {
        DiffTrigger trigger = db.createDiffTrigger(DiffTriggerOptions.of("todos"));
        db.close();
        try (SyncDatabase reopened = HexSync.builder().sqlite(file).schema(SCHEMA).build()) {
            assertThat(reopened.getAll("SELECT name FROM sqlite_master WHERE name LIKE '%' || ? || '%'", trigger.id()))
                    .isEmpty();
        }
    }

    @Test
    void inMemoryDatabasesDefaultToTemporaryTriggers() {
        try (SyncDatabase memory = HexSync.builder().inMemory().schema(SCHEMA).build()) {
            DiffTrigger trigger = memory.createDiffTrigger(DiffTriggerOptions.of("todos"));
            assertThat(trigger.storage()).isEqualTo(TriggerStorage.TEMPORARY);
            memory.execute("INSERT INTO todos(id, description) VALUES ('a', 'milk')");
            assertThat(memory.getAll("SELECT id FROM " + trigger.destination())).hasSize(1);
            trigger.close();
        }
    }

    /** Temporary objects are visible on the writer connection only. */
    private List<SqlRow> onWriter(String sql) {
        return db.writeTransaction(tx -> tx.getAll(sql));
    }

    private List<String> triggerNames() {
        return db.getAll("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '\\_\\_ps_temp%' ESCAPE '\\'")
                .stream().map(row -> row.getString("name")).toList();
    }

    private List<String> tableNames() {
        return db.getAll("SELECT name FROM sqlite_master WHERE type = 'table'").stream()
                .map(row -> row.getString("name")).toList();
    }

    static void await(BooleanSupplier condition) {
        long deadline = System.currentTimeMillis() + TIMEOUT_MILLIS;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("condition not reached within " + TIMEOUT_MILLIS + " ms");
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
