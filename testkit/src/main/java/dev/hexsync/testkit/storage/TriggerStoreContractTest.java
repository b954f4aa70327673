package dev.hexsync.testkit.storage;

import static dev.hexsync.ports.api.DiffTriggerOperation.DELETE;
import static dev.hexsync.ports.api.DiffTriggerOperation.INSERT;
import static dev.hexsync.ports.api.DiffTriggerOperation.UPDATE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hexsync.ports.api.DiffTriggerOperation;
import dev.hexsync.ports.schema.Table;
import dev.hexsync.ports.storage.DiffTriggerDefinition;
import dev.hexsync.ports.storage.StorageException;
import dev.hexsync.ports.storage.TriggerStore;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link TriggerStore}, as a test kit: destination tables and triggers, created and dropped
 * (temporary or stored), what a trigger records, the sweep's listing of stored triggers by prefix, and the diff
 * reads. Every storage engine extends this class, names itself and where its file databases live (as for
 * {@link SyncStorageContract}), and inherits every test; an engine that is no SQL session overrides
 * {@link #triggerStore()} too.
 *
 * <pre>{@code
 * class MyTriggerStoreContractTest extends TriggerStoreContractTest {
 *     protected StorageEngine engine() { return new MyStorageEngine(); }
 *     protected DatabaseLocation newFileLocation(Path tempDir) { return DatabaseLocation.file(tempDir.resolve("db")); }
 * }
 * }</pre>
 */
public abstract class TriggerStoreContractTest extends SyncStorageContract {
    private static final Table SOURCE = todoSchema().tables().get(0);
    private static final String DESTINATION = "contract_diff";

    /** The store under test; the default is the SQL session's. */
    protected TriggerStoreFixture triggerStore() {
        return new SqlTriggerStoreFixture(session());
    }

    @Test
    void aTriggerRecordsItsOperationIntoItsDestination() {
        run(store -> {
            store.createDestination(DESTINATION, false);
            store.createTrigger(trigger("contract_insert", INSERT, DESTINATION, false));
        });
        assertThat(isEmpty(DESTINATION)).isTrue();

        change(INSERT, "t1", "{\"description\":\"a\"}");
        assertThat(isEmpty(DESTINATION)).isFalse();

        run(store -> store.clear(DESTINATION));
        assertThat(isEmpty(DESTINATION)).isTrue();
        change(UPDATE, "t1", "{\"description\":\"b\"}");
        change(DELETE, "t1", null);
        assertThat(isEmpty(DESTINATION)).as("an INSERT trigger records inserts only").isTrue();
    }

    @Test
    void temporaryDestinationsAndTriggersRecordAlike() {
        run(store -> {
            store.createDestination(DESTINATION, true);
            store.createTrigger(trigger("contract_delete", DELETE, DESTINATION, true));
        });
        change(INSERT, "t1", "{}");
        assertThat(isEmpty(DESTINATION)).isTrue();

        change(DELETE, "t1", null);

        assertThat(isEmpty(DESTINATION)).isFalse();
    }

    @Test
    void creatingATableOrATriggerTwiceFails() {
        run(store -> {
            store.createDestination(DESTINATION, false);
            store.createTrigger(trigger("contract_insert", INSERT, DESTINATION, false));
        });

        assertThatThrownBy(() -> run(store -> store.createDestination(DESTINATION, false)))
                .isInstanceOf(StorageException.class);
        assertThatThrownBy(() -> run(store -> store.createTrigger(trigger("contract_insert", UPDATE, DESTINATION,
                false)))).isInstanceOf(StorageException.class);
    }

    @Test
    void storedTriggerNamesListsOnlyStoredTriggersWithThePrefixByName() {
        run(store -> {
            store.createDestination(DESTINATION, false);
            store.createDestination("contract_temp_diff", true);
            store.createTrigger(trigger("contract_b", INSERT, DESTINATION, false));
            store.createTrigger(trigger("contract_a", UPDATE, DESTINATION, false));
            store.createTrigger(trigger("other_c", DELETE, DESTINATION, false));
            store.createTrigger(trigger("contract_t", INSERT, "contract_temp_diff", true));
        });

        assertThat(storedTriggerNames("contract_"))
                .containsExactly("contract_a", "contract_b");
        assertThat(storedTriggerNames("none_")).isEmpty();
    }

    @Test
    void theSweepDropsWhatItListed() {
        run(store -> {
            store.createDestination(DESTINATION, false);
            store.createDestination("contract_temp_diff", true);
            store.createTrigger(trigger("contract_stored", INSERT, DESTINATION, false));
            store.createTrigger(trigger("contract_temp", INSERT, "contract_temp_diff", true));
        });

        run(store -> {
            store.storedTriggerNames("contract_").forEach(store::dropTrigger);
            store.dropTable(DESTINATION);
        });
        change(INSERT, "t1", "{}");

        assertThat(storedTriggerNames("contract_")).isEmpty();
        assertThat(isEmpty("contract_temp_diff")).as("the temporary trigger still records").isFalse();
        assertThatThrownBy(() -> isEmpty(DESTINATION)).as("the dropped table is gone")
                .isInstanceOf(StorageException.class);
    }

    @Test
    void droppingWhatDoesNotExistIsNoError() {
        run(store -> {
            store.dropTrigger("contract_missing");
            store.dropTable("contract_missing");
        });

        assertThat(storedTriggerNames("")).doesNotContain("contract_missing");
    }

    @Test
    void aTriggerIntoAMissingDestinationFailsTheChangeThatFiresIt() {
        run(store -> store.createTrigger(trigger("contract_insert", INSERT, DESTINATION, false)));

        assertThatThrownBy(() -> change(INSERT, "t1", "{}")).isInstanceOf(StorageException.class);
    }

    @Test
    void readDiffShowsTheRecordedRowsInOperationOrder() {
        assumeTrue(triggerStore().readsDiffs(), "this store runs no SQL, so it reads no diffs");
        run(store -> {
            store.createDestination(DESTINATION, false);
            for (DiffTriggerOperation operation : DiffTriggerOperation.values()) {
                store.createTrigger(trigger("contract_" + operation, operation, DESTINATION, false));
            }
        });
        change(INSERT, "t1", "{\"description\":\"a\"}");
        change(UPDATE, "t1", "{\"description\":\"b\"}");
        change(DELETE, "t1", null);

        assertThat(readDiff("SELECT operation, id, value, previous_value FROM DIFF")).containsExactly(
                row("operation", "INSERT", "id", "t1", "value", "{\"description\":\"a\"}", "previous_value", null),
                row("operation", "UPDATE", "id", "t1", "value", "{\"description\":\"b\"}",
                        "previous_value", "{\"description\":\"a\"}"),
                row("operation", "DELETE", "id", "t1", "value", "{\"description\":\"b\"}", "previous_value", null));
        List<Map<String, Object>> extracted = triggerStore().write(store -> store.readExtractedDiff(DESTINATION,
                List.of("description"), "SELECT id, description, __operation FROM DIFF WHERE __operation <> ?",
                List.of("DELETE"), r -> r.toMap()));
        assertThat(extracted).containsExactly(row("id", "t1", "description", "a", "__operation", "INSERT"),
                row("id", "t1", "description", "b", "__operation", "UPDATE"));
    }

    @Test
    void operationIdsIncreaseAndAreNeverReusedAfterAClear() {
        assumeTrue(triggerStore().readsDiffs(), "this store runs no SQL, so it reads no diffs");
        run(store -> {
            store.createDestination(DESTINATION, false);
            store.createTrigger(trigger("contract_insert", INSERT, DESTINATION, false));
        });
        change(INSERT, "t1", "{}");
        change(INSERT, "t2", "{}");
        List<Map<String, Object>> first = readDiff("SELECT operation_id FROM DIFF");
        long last = (Long) first.get(1).get("operation_id");
        assertThat((Long) first.get(0).get("operation_id")).isLessThan(last);

        run(store -> store.clear(DESTINATION));
        change(INSERT, "t3", "{}");

        assertThat((Long) only(readDiff("SELECT operation_id FROM DIFF")).get("operation_id")).isGreaterThan(last);
    }

    @Test
    void theRecordedColumnsCanBeChosen() {
        assumeTrue(triggerStore().readsDiffs(), "this store runs no SQL, so it reads no diffs");
        run(store -> {
            store.createDestination(DESTINATION, false);
            store.createTrigger(new DiffTriggerDefinition("contract_some", INSERT, SOURCE, DESTINATION,
                    Optional.of(List.of("description")), Optional.empty(), false));
            store.createTrigger(new DiffTriggerDefinition("contract_none", INSERT, SOURCE, DESTINATION,
                    Optional.of(List.of()), Optional.empty(), false));
        });

        change(INSERT, "t1", "{\"description\":\"a\",\"completed\":1}");

        assertThat(readDiff("SELECT value FROM DIFF ORDER BY value")).extracting(r -> r.get("value"))
                .containsExactlyInAnyOrder("{\"description\":\"a\"}", "{}");
    }

    private void run(Consumer<TriggerStore> work) {
        triggerStore().write(store -> {
            work.accept(store);
            return null;
        });
    }

    private boolean isEmpty(String table) {
        return triggerStore().write(store -> store.isEmpty(table));
    }

    private List<String> storedTriggerNames(String prefix) {
        return triggerStore().write(store -> store.storedTriggerNames(prefix));
    }

    private void change(DiffTriggerOperation operation, String id, String data) {
        triggerStore().change(SOURCE, operation, id, data);
    }

    private List<Map<String, Object>> readDiff(String query, Object... params) {
        return triggerStore().write(store -> store.readDiff(DESTINATION, query, Arrays.asList(params), r -> r.toMap()));
    }

    private static DiffTriggerDefinition trigger(String name, DiffTriggerOperation operation, String destination,
            boolean temporary) {
        return new DiffTriggerDefinition(name, operation, SOURCE, destination, Optional.empty(), Optional.empty(),
                temporary);
    }
}
