package dev.hexsync.testkit.storage;

import dev.hexsync.ports.api.DiffTriggerOperation;
import dev.hexsync.ports.schema.Table;
import dev.hexsync.ports.storage.TriggerStore;
import java.util.function.Function;

/**
 * The engine under {@link TriggerStoreContractTest}: its {@link TriggerStore} inside a write, and a way to change
 * the stored rows of a schema table so that its triggers fire. {@link SqlTriggerStoreFixture} does it on a SQL
 * session, {@link InMemoryTriggerStoreFixture} on the in-memory fake.
 */
public interface TriggerStoreFixture {

    /** Runs {@code work} on the trigger store in one write transaction. */
    <T> T write(Function<TriggerStore, T> work);

    /**
     * Changes a stored row of {@code source} in its own write, as a local write or a publish would: inserts the row,
     * updates its data, or deletes it.
     */
    void change(Table source, DiffTriggerOperation operation, String id, String data);

    /** Whether {@link TriggerStore#readDiff} runs its query here (a store without SQL reads no rows). */
    boolean readsDiffs();
}
