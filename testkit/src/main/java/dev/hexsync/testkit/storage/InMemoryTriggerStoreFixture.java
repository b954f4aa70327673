package dev.hexsync.testkit.storage;

import dev.hexsync.ports.api.DiffTriggerOperation;
import dev.hexsync.ports.schema.Table;
import dev.hexsync.ports.storage.TriggerStore;
import java.util.function.Function;

/**
 * {@link TriggerStoreContractTest}'s engine as {@link InMemoryTriggerStore}: a change fires the triggers on that
 * operation of the table ({@link InMemoryTriggerStore#fire}); the store runs no SQL, so it reads no diffs.
 */
public final class InMemoryTriggerStoreFixture implements TriggerStoreFixture {
    private final InMemoryTriggerStore store = new InMemoryTriggerStore();

    @Override
    public <T> T write(Function<TriggerStore, T> work) {
        return work.apply(store);
    }

    @Override
    public void change(Table source, DiffTriggerOperation operation, String id, String data) {
        store.fire(source.name(), operation);
    }

    @Override
    public boolean readsDiffs() {
        return false;
    }
}
