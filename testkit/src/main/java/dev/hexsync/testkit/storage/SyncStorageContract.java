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
import dev.hexsync.testkit.storage.InMemorySyncStorage.BucketRow;
import dev.hexsync.testkit.storage.InMemorySyncStorage.RowKey;
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
 * {@link StreamSubscriptionStoreContractTest}, {@link ReplicaStoreContractTest}): a fresh engine per test (for a SQL
 * engine a file database), with {@link #todoSchema()} applied, and the helpers that drive the roles and observe
 * their effects.
 *
 * <p>The roles are driven through the ports only. Their effects are observed through a {@link LayoutObservation}
 * of the PowerSync layout ({@code ps_buckets}, {@code ps_oplog}, {@code ps_updated_rows}, {@code ps_data__<type>},
 * ...), because every storage engine keeps that layout and the SQLite one is compared row by row with the PowerSync
 * engine; the expected values (unsigned checksum sums, signed op hashes, the signed CLEAR checksum) are the
 * engine's. A SQL engine names its {@link #engine()} and {@link #newFileLocation}; the default fixture
 * ({@link SqlSyncStorageFixture}) observes with SQL through {@link #rows} and {@link #execute}, which an engine
 * with another SQL dialect overrides. Another engine, such as the in-memory fakes, overrides {@link #openFixture}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class SyncStorageContract {
    /** The synced table of {@link #todoSchema()}. */
    protected static final String TODOS = "todos";

    /** Fresh per test; a database file lives in it. */
    @TempDir
    protected Path tempDir;

    private SyncStorageFixture fixture;

    /** The SQL engine under test; an engine that overrides {@link #openFixture} need not name one. */
    protected StorageEngine engine() {
        throw new UnsupportedOperationException(getClass().getName() + " overrides neither engine() nor openFixture()");
    }

    /**
     * Where to create a file database inside {@code tempDir}; called once per test, the database must not exist yet.
     * An engine that overrides {@link #openFixture} need not name one.
     */
    protected DatabaseLocation newFileLocation(Path tempDir) {
        throw new UnsupportedOperationException(getClass().getName()
                + " overrides neither newFileLocation() nor openFixture()");
    }

    /** The options every session of the contract is opened with. */
    protected StorageOptions options() {
        return StorageOptions.DEFAULT;
    }

    /**
     * The engine of one test, fresh. The default opens a session of {@link #engine()} on
     * {@link #newFileLocation} and observes it with {@link #rows} and {@link #execute}.
     */
    protected SyncStorageFixture openFixture(Path tempDir) {
        SqlSession opened = engine().open(newFileLocation(tempDir), options());
        return new SqlSyncStorageFixture(opened) {
            @Override
            public List<Map<String, Object>> rows(String sql, Object... params) {
                return SyncStorageContract.this.rows(sql, params);
            }

            @Override
            public void execute(String sql, Object... params) {
                SyncStorageContract.this.execute(sql, params);
            }
        };
    }

    /** The application schema the tests publish into: one synced table, {@code todos}. */
    protected static Schema todoSchema() {
        return Schema.of(Table.builder(TODOS).text("description").integer("completed").build());
    }

    @BeforeEach
    void openSession() {
        fixture = openFixture(tempDir);
        fixture.applySchema(todoSchema());
    }

    @AfterEach
    void closeSession() {
        if (fixture != null) {
            fixture.close();
        }
    }

    /** The engine of this test (fresh, with {@link #todoSchema()} applied). */
    protected final SyncStorageFixture fixture() {
        return fixture;
    }

    /** What the engine stores now. */
    protected final LayoutObservation stored() {
        return fixture.observe();
    }

    /**
     * The open session of a SQL engine (fresh per test, with {@link #todoSchema()} applied).
     *
     * @throws IllegalStateException when the engine under test is no SQL session
     */
    protected final SqlSession session() {
        if (fixture instanceof SqlSyncStorageFixture sql) {
            return sql.session();
        }
        throw new IllegalStateException(getClass().getName() + " runs on " + fixture + ", which has no SQL session");
    }

    /** Runs {@code work} on the storage roles inside one write transaction. */
    protected final <T> T store(Function<SyncStorage, T> work) {
        return fixture.write(work);
    }

    /** Runs {@code work} on the {@link BucketStore} inside one write transaction. */
    protected final <T> T buckets(Function<BucketStore, T> work) {
        return store(s -> work.apply(s.buckets()));
    }

    /** Runs {@code work} on the {@link OplogStore} inside one write transaction. */
    protected final <T> T oplog(Function<OplogStore, T> work) {
        return store(s -> work.apply(s.oplog()));
    }

    /** Runs {@code work} on the {@link PublishStore} inside one write transaction. */
    protected final <T> T publishing(Function<PublishStore, T> work) {
        return store(s -> work.apply(s.publishing()));
    }

    /** Runs {@code work} on the {@link KeyValueStore} inside one write transaction. */
    protected final <T> T keyValues(Function<KeyValueStore, T> work) {
        return store(s -> work.apply(s.keyValues()));
    }

    /** Runs {@code work} on the {@link StreamSubscriptionStore} inside one write transaction. */
    protected final <T> T subscriptions(Function<StreamSubscriptionStore, T> work) {
        return store(s -> work.apply(s.subscriptions()));
    }

    /**
     * Every row of a query on a SQL engine's session, as column name to value (Long, Double, String or null).
     * Together with {@link #execute} the only SQL of the default fixture; override both for another dialect.
     */
    protected List<Map<String, Object>> rows(String sql, Object... params) {
        return session().read(tx -> tx.getAll(sql, Arrays.asList(params), r -> r.toMap()));
    }

    /** Runs a statement on a SQL engine's session in its own write transaction, to set up a state to test. */
    protected void execute(String sql, Object... params) {
        session().write(tx -> tx.execute(sql, params));
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

    /** The {@code ps_buckets} row of the bucket. */
    protected final BucketRow bucket(String name) {
        return only(stored().buckets().stream().filter(b -> b.name().equals(name)).toList());
    }

    /** {@code ps_updated_rows}, by type and id. */
    protected final List<RowKey> updatedRows() {
        return stored().updatedRows();
    }

    /** {@code ps_untyped}, by type and id. */
    protected final Map<RowKey, String> untyped() {
        return stored().untyped();
    }

    /** The rows of {@code ps_data__<table>}, id to data, by id. */
    protected final Map<String, String> dataRows(String table) {
        return stored().syncedRows(table);
    }

    /** A row of {@code ps_updated_rows} or key of {@code ps_untyped}. */
    protected static RowKey key(String type, String id) {
        return new RowKey(type, id);
    }

    /** The only element of {@code items}. */
    protected static <T> T only(List<T> items) {
        assertThat(items).hasSize(1);
        return items.get(0);
    }
}
