package dev.hexsync.testkit.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hexsync.ports.model.Checksum;
import dev.hexsync.ports.model.OpId;
import dev.hexsync.ports.model.OpType;
import dev.hexsync.ports.model.OplogEntry;
import dev.hexsync.ports.schema.Schema;
import dev.hexsync.ports.schema.Table;
import dev.hexsync.ports.storage.DatabaseLocation;
import dev.hexsync.ports.storage.SqlSession;
import dev.hexsync.ports.storage.StorageEngine;
import dev.hexsync.ports.storage.StorageOptions;
import dev.hexsync.ports.storage.sync.BucketStore;
import dev.hexsync.ports.storage.sync.KeyValueStore;
import dev.hexsync.ports.storage.sync.OplogStore;
import dev.hexsync.ports.storage.sync.PublishStore;
import dev.hexsync.ports.storage.sync.StreamSubscriptionStore;
import dev.hexsync.ports.storage.sync.SyncStorage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the contract tests of the sync storage roles share ({@link BucketStoreContractTest},
 * {@link OplogStoreContractTest}, {@link PublishStoreContractTest}, {@link KeyValueStoreContractTest},
 * {@link StreamSubscriptionStoreContractTest}, {@link ReplicaStoreContractTest}): a fresh file database per test,
 * opened by the storage engine under test, with {@link #todoSchema()} applied, and the helpers that drive the
 * roles and observe their effects.
 *
 * <p>The roles are driven through the ports only. Their effects are observed in the PowerSync layout
 * ({@code ps_buckets}, {@code ps_oplog}, {@code ps_updated_rows}, {@code ps_data__<type>}, ...), because every
 * storage engine keeps that layout and the SQLite one is compared row by row with the PowerSync engine; the
 * expected values (unsigned checksum sums, signed op hashes, the signed CLEAR checksum) are the engine's. All of
 * that SQL goes through {@link #rows} and {@link #execute}, which an engine with another SQL dialect overrides.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class SyncStorageContract {
    /** The synced table of {@link #todoSchema()}. */
    protected static final String TODOS = "todos";

    /** Fresh per test; the database file lives in it. */
    @TempDir
    protected Path tempDir;

    private SqlSession session;

    /** The engine under test. */
    protected abstract StorageEngine engine();

    /** Where to create a file database inside {@code tempDir}; called once per test, the database must not exist yet. */
    protected abstract DatabaseLocation newFileLocation(Path tempDir);

    /** The options every session of the contract is opened with. */
    protected StorageOptions options() {
        return StorageOptions.DEFAULT;
    }

    /** The application schema the tests publish into: one synced table, {@code todos}. */
    protected static Schema todoSchema() {
        return Schema.of(Table.builder(TODOS).text("description").integer("completed").build());
    }

    @BeforeEach
    void openSession() {
        session = engine().open(newFileLocation(tempDir), options());
        session.applySchema(todoSchema());
    }

    @AfterEach
    void closeSession() {
        if (session != null) {
            session.close();
        }
    }

    /** The open session (fresh per test, with {@link #todoSchema()} applied). */
    protected final SqlSession session() {
        return session;
    }

    /** Runs {@code work} on the session's storage roles inside one write transaction. */
    protected final <T> T store(Function<SyncStorage, T> work) {
        return session.write(tx -> work.apply(session.syncStorage()));
    }

    /** Runs {@code work} on the session's {@link BucketStore} inside one write transaction. */
    protected final <T> T buckets(Function<BucketStore, T> work) {
        return store(s -> work.apply(s.buckets()));
    }

    /** Runs {@code work} on the session's {@link OplogStore} inside one write transaction. */
    protected final <T> T oplog(Function<OplogStore, T> work) {
        return store(s -> work.apply(s.oplog()));
    }

    /** Runs {@code work} on the session's {@link PublishStore} inside one write transaction. */
    protected final <T> T publishing(Function<PublishStore, T> work) {
        return store(s -> work.apply(s.publishing()));
    }

    /** Runs {@code work} on the session's {@link KeyValueStore} inside one write transaction. */
    protected final <T> T keyValues(Function<KeyValueStore, T> work) {
        return store(s -> work.apply(s.keyValues()));
    }

    /** Runs {@code work} on the session's {@link StreamSubscriptionStore} inside one write transaction. */
    protected final <T> T subscriptions(Function<StreamSubscriptionStore, T> work) {
        return store(s -> work.apply(s.subscriptions()));
    }

    /**
     * Every row of a query on the PowerSync layout, as column name to value (Long, Double, String or null).
     * Together with {@link #execute} the only SQL of the contract; override both for another dialect.
     */
    protected List<Map<String, Object>> rows(String sql, Object... params) {
        return session.read(tx -> tx.getAll(sql, Arrays.asList(params), r -> r.toMap()));
    }

    /** Runs a statement on the PowerSync layout in its own write transaction, to set up a state to test. */
    protected void execute(String sql, Object... params) {
        session.write(tx -> tx.execute(sql, params));
    }

    /** A PUT op. */
    protected static OplogEntry put(long opId, String type, String id, String data, long checksum) {
        return new OplogEntry(new OpId(opId), OpType.PUT, type, id, null, data, Checksum.of(checksum));
    }

    /** An expected row: alternating column names and values. */
    protected static Map<String, Object> row(Object... namesAndValues) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            row.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return row;
    }

    /** The named columns of the bucket's {@code ps_buckets} row. */
    protected final Map<String, Object> bucket(String name, String columns) {
        return only(rows("SELECT " + columns + " FROM ps_buckets WHERE name = ?", name));
    }

    /** {@code ps_updated_rows}, by type and id. */
    protected final List<Map<String, Object>> updatedRows() {
        return rows("SELECT row_type, row_id FROM ps_updated_rows ORDER BY row_type, row_id");
    }

    /** {@code ps_untyped}, by type and id. */
    protected final List<Map<String, Object>> untyped() {
        return rows("SELECT type, id, data FROM ps_untyped ORDER BY type, id");
    }

    /** The rows of {@code ps_data__<table>}, by id. */
    protected final List<Map<String, Object>> dataRows(String table) {
        return rows("SELECT id, data FROM ps_data__" + table + " ORDER BY id");
    }

    /** The only element of {@code items}. */
    protected static <T> T only(List<T> items) {
        assertThat(items).hasSize(1);
        return items.get(0);
    }
}
