package dev.hexsync.testkit.storage;

import dev.hexsync.ports.schema.Schema;
import dev.hexsync.ports.storage.sync.SyncStorage;
import java.util.function.Function;

/**
 * The engine under a sync storage contract, as the contract uses it: it runs the roles in a transaction, applies
 * schemas, arranges states the roles cannot reach by themselves, and shows what is stored ({@link #observe()}).
 * {@link SqlSyncStorageFixture} does it on a SQL session in the PowerSync layout, {@link InMemorySyncStorageFixture}
 * on the in-memory fakes. Fresh per test; closed after it.
 */
public interface SyncStorageFixture extends AutoCloseable {

    /** Runs {@code work} on the roles in one write transaction: all of it stays, or, when it throws, none. */
    <T> T write(Function<SyncStorage, T> work);

    /** Applies an application schema, as {@link dev.hexsync.ports.storage.SqlSession#applySchema} does. */
    void applySchema(Schema schema);

    /**
     * An application's insert of one row with one text column through the table's view: a synced table stores the
     * row and queues an upload; a local-only table only stores it.
     */
    void insertLocally(String table, String id, String column, String value);

    /** Sets a row of {@code ps_data__<type>} as a local write or an earlier publish would have left it. */
    void putSyncedRow(String type, String id, String data);

    /** Adds a row to {@code ps_untyped}. */
    void putUntyped(String type, String id, String data);

    /** Marks a bucket {@code pending_delete}, as the engine's delete of a bucket it still has data of does. */
    void markPendingDelete(String bucket);

    /** What is stored now. */
    LayoutObservation observe();

    @Override
    void close();
}
