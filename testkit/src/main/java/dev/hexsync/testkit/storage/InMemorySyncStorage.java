package dev.hexsync.testkit.storage;

import dev.hexsync.ports.model.Checksum;
import dev.hexsync.ports.storage.sync.OplogStore;
import dev.hexsync.ports.storage.sync.SyncStorage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The sync engine's storage roles on plain Java collections, for running the sync engine in domain tests
 * without a database: {@link #storage()} hands them out, sharing this object's state, and the methods here set
 * up and inspect that state. It reproduces the PowerSync SQLite layout's semantics statement by statement (the
 * core's {@code storage_adapter.rs}, {@code operations.rs} and {@code sync_local.rs}), so that a test against
 * it predicts what the SQLite adapter stores:
 *
 * <ul>
 *   <li>{@code ps_buckets}: ids are assigned like an {@code INTEGER PRIMARY KEY} (largest id + 1, 1 when
 *       empty), rows are scanned in id order; checksum sums are kept as the SQL leaves them ({@link
 *       OplogStore#finishDataLine} wraps them to unsigned 32-bit with {@code & 0xffffffff}, {@link
 *       OplogStore#clearBucket} stores the signed value), see {@link BucketRow};</li>
 *   <li>{@code ps_oplog}: rows of (bucket, op_id, key, row_type, row_id, data, hash), with no primary key,
 *       as in SQLite; a PUT without type and id is stored with a NULL key, so {@link OplogStore#supersede}
 *       never matches it;</li>
 *   <li>{@code ps_updated_rows}: {@code INSERT OR IGNORE} into a NOT NULL primary key, so rows without type or
 *       id are skipped;</li>
 *   <li>publishing: the full query (candidates are the rows of every op above its bucket's
 *       {@code last_applied_op} plus the updated rows; the op with the greatest op_id across all buckets wins)
 *       and the partial one (candidates and winners from the given buckets only); rows go to
 *       {@code ps_data__<type>} when {@link #declareTable declared}, else to a raw table of that name, else to
 *       {@code ps_untyped};</li>
 *   <li>{@code ps_sync_state}, {@code ps_kv} (with the {@code client_id} row) and
 *       {@code ps_stream_subscriptions} (UNIQUE(stream_name, local_params), ids largest + 1).</li>
 * </ul>
 *
 * <p>Two things are stand-ins rather than reproductions. The upload queue ({@code ps_crud}) is only a count,
 * set with {@link #setPendingUploads}, because all the engine asks is whether it is empty. Raw tables run no
 * statements: the put or delete a publish would execute is appended to {@link #rawTableWrites()}, so a test
 * can check what reached which raw table and in which order.
 *
 * <p>Local-only tables ({@link #declareLocalTable}) hold rows that only a clear including local tables removes.
 *
 * <p>There are no transactions: every call applies at once and a failure does not roll anything back. The
 * engine's contract is one event per transaction, so a test that needs rollback takes its own copy of the
 * state it compares ({@link InMemorySyncStorageFixture} does, to run the storage contracts). Not thread-safe, like the write connection it stands for.
 */
public final class InMemorySyncStorage {
    /** The {@code ps_kv} key of the client id. */
    public static final String CLIENT_ID_KEY = "client_id";

    /**
     * A row of {@code ps_buckets}, with every column.
     *
     * @param addChecksum as stored: unsigned after a data line, signed after a CLEAR (compare through
     *     {@link Checksum#of})
     * @param opChecksum as stored, like {@code addChecksum}
     */
    public record BucketRow(long id, String name, long lastAppliedOp, long lastOp, long addChecksum,
            long opChecksum, boolean pendingDelete, long countAtLast, long countSinceLast, long downloadedSize) {
        public BucketRow {
            Objects.requireNonNull(name, "name is null");
        }
    }

    /**
     * A row of {@code ps_oplog}: the current PUT of a key in a bucket.
     *
     * @param key {@code type/id/subkey}, or null for a PUT without type and id
     * @param hash the op's checksum as the signed 32-bit value SQLite stores
     */
    public record OplogRow(long bucket, long opId, String key, String rowType, String rowId, String data, int hash) {
    }

    /** A (type, id) pair: a row of {@code ps_updated_rows}, or the key of a {@code ps_untyped} row. */
    public record RowKey(String type, String id) implements Comparable<RowKey> {
        private static final Comparator<RowKey> ORDER =
                Comparator.comparing(RowKey::type).thenComparing(RowKey::id);

        public RowKey {
            Objects.requireNonNull(type, "type is null");
            Objects.requireNonNull(id, "id is null");
        }

        @Override
        public int compareTo(RowKey other) {
            return ORDER.compare(this, other);
        }
    }

    /**
     * A statement a publish would have run on a raw table.
     *
     * @param table the raw table's name (the synced row type)
     * @param data the row's JSON for a put, null for a delete
     */
    public record RawTableWrite(String table, String id, String data) {
        public boolean isDelete() {
            return data == null;
        }
    }

    /** {@code ps_buckets}, by id (the scan order). */
    final TreeMap<Long, BucketRow> buckets = new TreeMap<>();
    /** {@code ps_oplog}, grouped by bucket id, each in insertion order. */
    final TreeMap<Long, List<OplogRow>> oplog = new TreeMap<>();
    final TreeSet<RowKey> updatedRows = new TreeSet<>();
    /** Declared {@code ps_data__<type>} tables: type to (id to data). */
    final Map<String, TreeMap<String, String>> tables = new TreeMap<>();
    /** Declared local-only tables: name to (id to data); only a clear that includes local tables touches them. */
    final Map<String, TreeMap<String, String>> localTables = new TreeMap<>();
    final TreeMap<RowKey, String> untyped = new TreeMap<>();
    final List<RawTableWrite> rawTableWrites = new ArrayList<>();
    final TreeMap<Integer, Long> syncStates = new TreeMap<>();
    final LinkedHashMap<String, Object> kv = new LinkedHashMap<>();
    final TreeMap<Long, InMemoryStreamSubscriptionStore.SubscriptionRow> subscriptionRows = new TreeMap<>();
    long pendingUploads;

    private final SyncStorage storage = new SyncStorage(new InMemoryBucketStore(this), new InMemoryOplogStore(this),
            new InMemoryPublishStore(this), new InMemoryKeyValueStore(this), new InMemoryStreamSubscriptionStore(this),
            new InMemoryReplicaStore(this));

    /** A storage with a random client id, as a new database gets one. */
    public InMemorySyncStorage() {
        this(UUID.randomUUID().toString());
    }

    /** A storage with this client id (tests pin it to compare requests exactly). */
    public InMemorySyncStorage(String clientId) {
        kv.put(CLIENT_ID_KEY, Objects.requireNonNull(clientId, "clientId is null"));
    }

    // ---- the roles -------------------------------------------------------------------------------------------

    /** Every role, sharing this state. */
    public SyncStorage storage() {
        return storage;
    }

    // ---- test set-up ---------------------------------------------------------------------------------------

    /** Creates the empty table {@code ps_data__<type>}, as applying a schema with that table would. */
    public InMemorySyncStorage declareTable(String type) {
        tables.computeIfAbsent(Objects.requireNonNull(type, "type is null"), t -> new TreeMap<>());
        return this;
    }

    /**
     * Writes a row straight into a declared table, as a local write (or an earlier publish) would have.
     *
     * @throws IllegalArgumentException when no such table was {@link #declareTable declared}
     */
    public InMemorySyncStorage putRow(String type, String id, String data) {
        table(type).put(id, data);
        return this;
    }

    /** Creates the empty local-only table {@code name}, as applying a schema with that table would. */
    public InMemorySyncStorage declareLocalTable(String name) {
        localTables.computeIfAbsent(Objects.requireNonNull(name, "name is null"), t -> new TreeMap<>());
        return this;
    }

    /**
     * Writes a row into a declared local-only table, as a local write would have.
     *
     * @throws IllegalArgumentException when no such table was {@link #declareLocalTable declared}
     */
    public InMemorySyncStorage putLocalRow(String name, String id, String data) {
        localTable(name).put(id, data);
        return this;
    }

    /** Writes a row into {@code ps_untyped}, as publishing a type without a table would have. */
    public InMemorySyncStorage putUntyped(String type, String id, String data) {
        untyped.put(new RowKey(type, id), Objects.requireNonNull(data, "data is null"));
        return this;
    }

    /**
     * Marks the bucket {@code pending_delete}.
     *
     * @throws IllegalArgumentException when there is no bucket of that name
     */
    public InMemorySyncStorage markPendingDelete(String name) {
        BucketRow row = findBucket(name).orElseThrow(() -> new IllegalArgumentException("No bucket " + name));
        buckets.put(row.id(), new BucketRow(row.id(), row.name(), row.lastAppliedOp(), row.lastOp(),
                row.addChecksum(), row.opChecksum(), true, row.countAtLast(), row.countSinceLast(),
                row.downloadedSize()));
        return this;
    }

    /** Sets how many entries the upload queue ({@code ps_crud}) holds; only emptiness is observable. */
    public InMemorySyncStorage setPendingUploads(long count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative");
        }
        pendingUploads = count;
        return this;
    }

    // ---- inspection ----------------------------------------------------------------------------------------

    /**
     * The rows of {@code ps_data__<type>}: id to data JSON, by id.
     *
     * @throws IllegalArgumentException when no such table was {@link #declareTable declared}
     */
    public Map<String, String> rows(String type) {
        return Collections.unmodifiableMap(new TreeMap<>(table(type)));
    }

    /**
     * The rows of a local-only table: id to data JSON, by id.
     *
     * @throws IllegalArgumentException when no such table was {@link #declareLocalTable declared}
     */
    public Map<String, String> localRows(String name) {
        return Collections.unmodifiableMap(new TreeMap<>(localTable(name)));
    }

    /** Whether {@code ps_data__<type>} exists. */
    public boolean hasTable(String type) {
        return tables.containsKey(type);
    }

    /** {@code ps_untyped}: (type, id) to data JSON, ordered by type then id. */
    public Map<RowKey, String> untyped() {
        return Collections.unmodifiableMap(new TreeMap<>(untyped));
    }

    /** {@code ps_updated_rows}, ordered by type then id. */
    public Set<RowKey> updatedRows() {
        return Collections.unmodifiableSet(new TreeSet<>(updatedRows));
    }

    /** {@code ps_buckets}, by id. */
    public List<BucketRow> buckets() {
        return List.copyOf(buckets.values());
    }

    /** The {@code ps_buckets} row of this name. */
    public Optional<BucketRow> bucket(String name) {
        return findBucket(name);
    }

    /** {@code ps_oplog}, ordered by bucket id then op id. */
    public List<OplogRow> oplog() {
        List<OplogRow> all = new ArrayList<>();
        oplog.values().forEach(all::addAll);
        all.sort(Comparator.comparingLong(OplogRow::bucket).thenComparingLong(OplogRow::opId));
        return List.copyOf(all);
    }

    /** {@code ps_kv}: integer values as {@link Long}, the client id as text, in insertion order. */
    public Map<String, Object> kv() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(kv));
    }

    /** Every put and delete publishing sent to a raw table, in order. */
    public List<RawTableWrite> rawTableWrites() {
        return List.copyOf(rawTableWrites);
    }

    /** How many entries the stand-in upload queue holds. */
    public long pendingUploads() {
        return pendingUploads;
    }

    // ---- shared by the roles -----------------------------------------------------------------------------------

    Optional<BucketRow> findBucket(String name) {
        for (BucketRow row : buckets.values()) {
            if (row.name().equals(name)) {
                return Optional.of(row);
            }
        }
        return Optional.empty();
    }

    /** {@code INSERT OR IGNORE INTO ps_updated_rows(row_type, row_id)}: rows without type or id are skipped. */
    void queueUpdated(String rowType, String rowId) {
        if (rowType != null && rowId != null) {
            updatedRows.add(new RowKey(rowType, rowId));
        }
    }

    /** {@code INSERT OR IGNORE INTO ps_updated_rows SELECT row_type, row_id FROM ps_oplog WHERE bucket = ?}. */
    void markOplogUpdated(long bucketId) {
        for (OplogRow row : oplog.getOrDefault(bucketId, List.of())) {
            queueUpdated(row.rowType(), row.rowId());
        }
    }

    /** Makes this state a copy of {@code other}'s (a snapshot to roll back to, or the rollback itself). */
    void copyFrom(InMemorySyncStorage other) {
        buckets.clear();
        buckets.putAll(other.buckets);
        oplog.clear();
        other.oplog.forEach((bucket, rows) -> oplog.put(bucket, new ArrayList<>(rows)));
        updatedRows.clear();
        updatedRows.addAll(other.updatedRows);
        copyTables(other.tables, tables);
        copyTables(other.localTables, localTables);
        untyped.clear();
        untyped.putAll(other.untyped);
        rawTableWrites.clear();
        rawTableWrites.addAll(other.rawTableWrites);
        syncStates.clear();
        syncStates.putAll(other.syncStates);
        kv.clear();
        kv.putAll(other.kv);
        subscriptionRows.clear();
        subscriptionRows.putAll(other.subscriptionRows);
        pendingUploads = other.pendingUploads;
    }

    private static void copyTables(Map<String, TreeMap<String, String>> from, Map<String, TreeMap<String, String>> to) {
        to.clear();
        from.forEach((name, rows) -> to.put(name, new TreeMap<>(rows)));
    }

    private TreeMap<String, String> localTable(String name) {
        TreeMap<String, String> table = localTables.get(name);
        if (table == null) {
            throw new IllegalArgumentException("No local-only table " + name + " was declared");
        }
        return table;
    }

    private TreeMap<String, String> table(String type) {
        TreeMap<String, String> table = tables.get(type);
        if (table == null) {
            throw new IllegalArgumentException("No table ps_data__" + type + " was declared");
        }
        return table;
    }
}
