package dev.hexsync.domain.connection;

import dev.hexsync.ports.api.ReadWork;
import dev.hexsync.ports.api.WriteWork;
import dev.hexsync.ports.schema.Schema;
import dev.hexsync.ports.storage.CrudQueue;
import dev.hexsync.ports.storage.DatabaseLocation;
import dev.hexsync.ports.storage.SqlSession;
import dev.hexsync.ports.storage.TableChanges;
import dev.hexsync.ports.storage.TriggerStore;
import dev.hexsync.ports.storage.sync.SyncStorage;
import dev.hexsync.testkit.storage.InMemoryTriggerStore;
import dev.hexsync.testkit.storage.NoTableChanges;

/**
 * A session over the in-memory sync storage only: reads and writes just run (the fakes have no transactions,
 * writes are serialized), no SQL, no table changes, an empty upload queue.
 */
final class StorageOnlySession implements SqlSession {
    private final SyncStorage storage;

    StorageOnlySession(SyncStorage storage) {
        this.storage = storage;
    }

    @Override
    public DatabaseLocation location() {
        return DatabaseLocation.inMemory("storage-only");
    }

    @Override
    public <T> T read(ReadWork<T> work) {
        return work.run(null);
    }

    @Override
    public synchronized <T> T write(WriteWork<T> work) {
        return work.run(null);
    }

    @Override
    public void applySchema(Schema schema) {
    }

    @Override
    public CrudQueue crudQueue() {
        return new EmptyCrudQueue();
    }

    @Override
    public SyncStorage syncStorage() {
        return storage;
    }

    @Override
    public TriggerStore triggerStore() {
        return new InMemoryTriggerStore();
    }

    @Override
    public TableChanges tableChanges() {
        return NoTableChanges.INSTANCE;
    }

    @Override
    public void close() {
    }
}
