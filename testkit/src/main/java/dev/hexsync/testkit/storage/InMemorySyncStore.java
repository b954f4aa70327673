package dev.hexsync.testkit.storage;

import dev.hexsync.ports.model.Checksum;
import dev.hexsync.ports.model.OpId;
import dev.hexsync.ports.model.OplogEntry;
import dev.hexsync.ports.schema.RawTable;
import dev.hexsync.ports.storage.StorageException;
import dev.hexsync.ports.storage.SyncStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * A {@link SyncStore} on plain Java collections, for running the sync engine in domain tests without a
 * database. It reproduces the PowerSync SQLite layout's semantics statement by statement (the core's
 * {@code storage_adapter.rs}, {@code operations.rs} and {@code sync_local.rs}), so that a test against it
 * predicts what the SQLite adapter stores:
 *
 * <ul>
 *   <li>{@code ps_buckets}: ids are assigned like an {@code INTEGER PRIMARY KEY} (largest id + 1, 1 when
 *       empty), rows are scanned in id order; checksum sums are kept as the SQL leaves them ({@link
 *       #finishDataLine} wraps them to unsigned 32-bit with {@code & 0xffffffff}, {@link #clearBucket} stores
 *       the signed value), see {@link BucketRow};</li>
 *   <li>{@code ps_oplog}: rows of (bucket, op_id, key, row_type, row_id, data, hash), with no primary key,
 *       as in SQLite; a PUT without type and id is stored with a NULL key, so {@link #supersede} never matches
 *       it;</li>
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
 * <p>There are no transactions: every call applies at once and a failure does not roll anything back. The
 * engine's contract is one event per transaction, so a test that needs rollback takes its own copy of the
 * state it compares. Not thread-safe, like the write connection it stands for.
 */
public final class InMemorySyncStore implements SyncStore {
    /** The {@code ps_kv} key of the client id. */
    public static final String CLIENT_ID_KEY = "client_id";

    private static final long MICROS_PER_SECOND = 1_000_000L;
    private static final String NULL_PARAMS = "null";

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
    private final TreeMap<Long, BucketRow> buckets = new TreeMap<>();
    /** {@code ps_oplog}, grouped by bucket id, each in insertion order. */
    private final TreeMap<Long, List<OplogRow>> oplog = new TreeMap<>();
    private final TreeSet<RowKey> updatedRows = new TreeSet<>();
    /** Declared {@code ps_data__<type>} tables: type to (id to data). */
    private final Map<String, TreeMap<String, String>> tables = new TreeMap<>();
    private final TreeMap<RowKey, String> untyped = new TreeMap<>();
    private final List<RawTableWrite> rawTableWrites = new ArrayList<>();
    private final TreeMap<Integer, Long> syncStates = new TreeMap<>();
    private final LinkedHashMap<String, Object> kv = new LinkedHashMap<>();
    private final TreeMap<Long, SubscriptionRow> subscriptionRows = new TreeMap<>();
    private long pendingUploads;

    /** A store with a random client id, as a new database gets one. */
    public InMemorySyncStore() {
        this(UUID.randomUUID().toString());
    }

    /** A store with this client id (tests pin it to compare requests exactly). */
    public InMemorySyncStore(String clientId) {
        kv.put(CLIENT_ID_KEY, Objects.requireNonNull(clientId, "clientId is null"));
    }

    // ---- test set-up ---------------------------------------------------------------------------------------

    /** Creates the empty table {@code ps_data__<type>}, as applying a schema with that table would. */
    public InMemorySyncStore declareTable(String type) {
        tables.computeIfAbsent(Objects.requireNonNull(type, "type is null"), t -> new TreeMap<>());
        return this;
    }

    /**
     * Writes a row straight into a declared table, as a local write (or an earlier publish) would have.
     *
     * @throws IllegalArgumentException when no such table was {@link #declareTable declared}
     */
    public InMemorySyncStore putRow(String type, String id, String data) {
        table(type).put(id, data);
        return this;
    }

    /** Sets how many entries the upload queue ({@code ps_crud}) holds; only emptiness is observable. */
    public InMemorySyncStore setPendingUploads(long count) {
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

    // ---- buckets ---------------------------------------------------------------------------------------------

    @Override
    public List<BucketRequest> bucketRequests() {
        List<BucketRequest> requests = new ArrayList<>();
        for (BucketRow row : buckets.values()) {
            if (!row.pendingDelete()) {
                requests.add(new BucketRequest(row.name(), new OpId(row.lastOp())));
            }
        }
        return requests;
    }

    @Override
    public BucketHandle lookupBucket(String name) {
        Objects.requireNonNull(name, "name is null");
        BucketRow row = findBucket(name).orElse(null);
        if (row == null) {
            long id = buckets.isEmpty() ? 1 : buckets.lastKey() + 1;
            row = new BucketRow(id, name, 0, 0, 0, 0, false, 0, 0, 0);
            buckets.put(id, row);
        }
        return new BucketHandle(row.id(), new OpId(row.lastAppliedOp()), new OpId(row.lastOp()));
    }

    @Override
    public void deleteBuckets(Collection<String> names) {
        for (String name : names) {
            Optional<BucketRow> row = findBucket(name);
            if (row.isEmpty()) {
                continue;
            }
            long id = row.get().id();
            buckets.remove(id);
            markOplogUpdated(id);
            oplog.remove(id);
        }
    }

    @Override
    public List<BucketProgress> bucketProgress() {
        List<BucketProgress> progress = new ArrayList<>();
        for (BucketRow row : buckets.values()) {
            progress.add(new BucketProgress(row.name(), row.countAtLast(), row.countSinceLast()));
        }
        return progress;
    }

    @Override
    public void resetProgress() {
        buckets.replaceAll((id, row) -> withCounters(row, 0, 0));
    }

    @Override
    public void resetProgressAfterSync(Map<String, Long> countsByBucket) {
        countsByBucket.forEach((name, count) ->
                findBucket(name).ifPresent(row -> buckets.put(row.id(), withCounters(row, count, 0))));
    }

    // ---- oplog -----------------------------------------------------------------------------------------------

    @Override
    public List<Checksum> supersede(long bucketId, String key) {
        List<Checksum> superseded = new ArrayList<>();
        List<OplogRow> rows = oplog.get(bucketId);
        if (rows == null || key == null) {
            return superseded;
        }
        rows.removeIf(row -> {
            if (key.equals(row.key())) {
                superseded.add(new Checksum(row.hash()));
                return true;
            }
            return false;
        });
        return superseded;
    }

    @Override
    public void insertOp(long bucketId, OplogEntry put) {
        // The engine binds type and id only as a pair, and no key without them.
        boolean typed = put.objectType() != null && put.objectId() != null;
        OplogRow row = new OplogRow(bucketId, put.opId().value(), put.key(), typed ? put.objectType() : null,
                typed ? put.objectId() : null, put.data(), put.checksum().bits());
        oplog.computeIfAbsent(bucketId, id -> new ArrayList<>()).add(row);
    }

    @Override
    public void markUpdated(String rowType, String rowId) {
        if (rowType != null && rowId != null) {
            updatedRows.add(new RowKey(rowType, rowId));
        }
    }

    @Override
    public void clearBucket(long bucketId, Checksum clearChecksum) {
        markOplogUpdated(bucketId);
        oplog.remove(bucketId);
        BucketRow row = buckets.get(bucketId);
        if (row != null) {
            // The CLEAR's checksum is bound as a signed 32-bit integer and stored unmasked.
            buckets.put(bucketId, new BucketRow(row.id(), row.name(), 0, row.lastOp(), clearChecksum.bits(), 0,
                    row.pendingDelete(), row.countAtLast(), row.countSinceLast(), row.downloadedSize()));
        }
    }

    @Override
    public void finishDataLine(long bucketId, OpId lastOp, Checksum addChecksum, Checksum opChecksum, int opCount,
            long lineSize) {
        BucketRow row = buckets.get(bucketId);
        if (row == null) {
            return;
        }
        // SET add_checksum = (add_checksum + ?) & 0xffffffff, with ? bound as a signed 32-bit integer.
        long add = (row.addChecksum() + addChecksum.bits()) & 0xffffffffL;
        long op = (row.opChecksum() + opChecksum.bits()) & 0xffffffffL;
        buckets.put(bucketId, new BucketRow(row.id(), row.name(), row.lastAppliedOp(), lastOp.value(), add, op,
                row.pendingDelete(), row.countAtLast(), row.countSinceLast() + opCount,
                row.downloadedSize() + lineSize));
    }

    @Override
    public Map<String, BucketChecksums> checksums(Collection<String> names) {
        Map<String, BucketChecksums> sums = new LinkedHashMap<>();
        for (String name : names) {
            findBucket(name).ifPresent(row -> sums.put(name,
                    new BucketChecksums(Checksum.of(row.addChecksum()), Checksum.of(row.opChecksum()))));
        }
        return sums;
    }

    @Override
    public void setLastOp(Collection<String> names, OpId lastOp) {
        for (String name : names) {
            findBucket(name).ifPresent(row -> buckets.put(row.id(), new BucketRow(row.id(), row.name(),
                    row.lastAppliedOp(), lastOp.value(), row.addChecksum(), row.opChecksum(), row.pendingDelete(),
                    row.countAtLast(), row.countSinceLast(), row.downloadedSize())));
        }
    }

    // ---- publishing ------------------------------------------------------------------------------------------

    @Override
    public boolean hasPendingUploads() {
        return pendingUploads > 0;
    }

    @Override
    public void publish(Optional<Collection<String>> partialBuckets, List<RawTable> rawTables) {
        Set<Long> involved = new HashSet<>();
        if (partialBuckets.isPresent()) {
            Set<String> names = new HashSet<>(partialBuckets.get());
            for (BucketRow row : buckets.values()) {
                if (names.contains(row.name())) {
                    involved.add(row.id());
                }
            }
        } else {
            involved.addAll(buckets.keySet());
        }

        // Candidates: rows of unapplied ops of the buckets in scope (GROUP BY row_type, row_id orders them).
        TreeSet<RowKey> candidates = new TreeSet<>();
        for (long bucketId : involved) {
            long lastApplied = buckets.get(bucketId).lastAppliedOp();
            for (OplogRow row : oplog.getOrDefault(bucketId, List.of())) {
                // SQLite groups NULL types into one candidate that then fails; the engine never stores one
                // it would publish, so such rows are skipped here.
                if (row.opId() > lastApplied && row.rowType() != null && row.rowId() != null) {
                    candidates.add(new RowKey(row.rowType(), row.rowId()));
                }
            }
        }
        if (partialBuckets.isEmpty()) {
            candidates.addAll(updatedRows);
        }

        Map<String, RawTable> raw = new LinkedHashMap<>();
        for (RawTable table : rawTables) {
            raw.put(table.name(), table);
        }
        // Winners come from every oplog row (full) or the involved buckets' rows (partial); a full publish
        // also reads rows of oplog entries whose bucket row is gone, as the SQL's subquery does.
        Map<RowKey, OplogRow> winners = new HashMap<>();
        for (Map.Entry<Long, List<OplogRow>> bucket : oplog.entrySet()) {
            if (partialBuckets.isPresent() && !involved.contains(bucket.getKey())) {
                continue;
            }
            for (OplogRow row : bucket.getValue()) {
                if (row.rowType() == null || row.rowId() == null) {
                    continue;
                }
                RowKey key = new RowKey(row.rowType(), row.rowId());
                if (!candidates.contains(key)) {
                    continue;
                }
                OplogRow best = winners.get(key);
                if (best == null || row.opId() > best.opId()) {
                    winners.put(key, row);
                }
            }
        }
        for (RowKey candidate : candidates) {
            OplogRow winner = winners.get(candidate);
            // iif(max(r.op_id), r.data, null): no op, or a greatest op id of 0, reads as a deletion.
            String data = winner == null || winner.opId() == 0 ? null : winner.data();
            write(candidate, data, raw);
        }

        for (long bucketId : involved) {
            BucketRow row = buckets.get(bucketId);
            if (row.lastAppliedOp() != row.lastOp()) {
                buckets.put(bucketId, new BucketRow(row.id(), row.name(), row.lastOp(), row.lastOp(),
                        row.addChecksum(), row.opChecksum(), row.pendingDelete(), row.countAtLast(),
                        row.countSinceLast(), row.downloadedSize()));
            }
        }
        if (partialBuckets.isEmpty()) {
            updatedRows.clear();
        }
    }

    private void write(RowKey row, String data, Map<String, RawTable> rawTables) {
        TreeMap<String, String> table = tables.get(row.type());
        if (table != null) {
            if (data == null) {
                table.remove(row.id());
            } else {
                table.put(row.id(), data);
            }
        } else if (rawTables.containsKey(row.type())) {
            rawTableWrites.add(new RawTableWrite(row.type(), row.id(), data));
        } else if (data == null) {
            untyped.remove(row);
        } else {
            untyped.put(row, data);
        }
    }

    @Override
    public void clear(boolean clearLocal, boolean soft, List<RawTable> rawTables) {
        if (soft) {
            buckets.replaceAll((id, row) -> new BucketRow(row.id(), row.name(), 0, row.lastOp(), row.addChecksum(),
                    row.opChecksum(), row.pendingDelete(), row.countAtLast(), row.countSinceLast(), row.downloadedSize()));
        } else {
            oplog.clear();
            buckets.clear();
        }
        pendingUploads = 0;
        untyped.clear();
        updatedRows.clear();
        kv.keySet().removeIf(key -> !key.equals("client_id"));
        subscriptionRows.clear();
        syncStates.clear();
        // Only synced tables are modelled here; local-only tables live outside the sync store.
        tables.values().forEach(TreeMap::clear);
        for (RawTable raw : rawTables) {
            if (raw.definition().get("clear") != null) {
                rawTableWrites.add(new RawTableWrite(raw.name(), "*", null));
            }
        }
    }

    @Override
    public void markSynced(int priority, long timestampMicros) {
        syncStates.headMap(priority, false).clear();
        syncStates.put(priority, timestampMicros);
    }

    @Override
    public Map<Integer, Long> syncStates() {
        return Collections.unmodifiableMap(new TreeMap<>(syncStates));
    }

    // ---- key-values ------------------------------------------------------------------------------------------

    @Override
    public OptionalLong readLong(String key) {
        Object value = kv.get(key);
        if (value == null) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(asInteger(value));
    }

    @Override
    public void writeLong(String key, long value) {
        kv.put(key, value);
    }

    @Override
    public void delete(String key) {
        kv.remove(key);
    }

    @Override
    public long increment(String key) {
        Object value = kv.get(key);
        long next = value == null ? 1 : asInteger(value) + 1;
        kv.put(key, next);
        return next;
    }

    @Override
    public String clientId() {
        Object id = kv.get(CLIENT_ID_KEY);
        if (id == null) {
            throw new StorageException("ps_kv has no client_id");
        }
        return id.toString();
    }

    /** {@code CAST(value AS INTEGER)}: the leading integer of a text, else 0. */
    private static long asInteger(Object value) {
        if (value instanceof Long number) {
            return number;
        }
        String text = value.toString().strip();
        int end = 0;
        if (end < text.length() && (text.charAt(end) == '-' || text.charAt(end) == '+')) {
            end++;
        }
        while (end < text.length() && Character.isDigit(text.charAt(end))) {
            end++;
        }
        try {
            return Long.parseLong(text.substring(0, end));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    // ---- stream subscriptions --------------------------------------------------------------------------------

    /** A row of {@code ps_stream_subscriptions}, with {@code local_params} as stored ('null' when none). */
    private record SubscriptionRow(long id, String streamName, boolean active, boolean isDefault,
            Integer localPriority, String localParams, Long ttl, Long expiresAt, Long lastSyncedAt) {

        SyncStore.StreamSubscription toPort() {
            return new SyncStore.StreamSubscription(id, streamName, active, isDefault, localPriority,
                    NULL_PARAMS.equals(localParams) ? null : localParams, ttl, expiresAt, lastSyncedAt);
        }

        SubscriptionRow withTerms(Integer priority, Long newTtl, Long newExpiresAt) {
            return new SubscriptionRow(id, streamName, active, isDefault, priority, localParams, newTtl, newExpiresAt,
                    lastSyncedAt);
        }
    }

    @Override
    public List<StreamSubscription> subscriptions() {
        return subscriptionRows.values().stream().map(SubscriptionRow::toPort).toList();
    }

    @Override
    public List<StreamSubscription> explicitSubscriptions() {
        return subscriptionRows.values().stream().filter(row -> row.ttl() != null).map(SubscriptionRow::toPort)
                .toList();
    }

    @Override
    public void deleteOutdatedSubscriptions(long nowMicros) {
        subscriptionRows.values().removeIf(row ->
                (row.expiresAt() != null && row.expiresAt() < nowMicros) || (row.ttl() == null && !row.active()));
    }

    @Override
    public void extendSubscriptions(List<Map.Entry<String, String>> keys, long nowMicros) {
        for (Map.Entry<String, String> key : keys) {
            String params = storedParams(key.getValue());
            subscriptionRows.replaceAll((id, row) -> row.streamName().equals(key.getKey())
                    && row.localParams().equals(params) && row.ttl() != null
                    ? row.withTerms(row.localPriority(), row.ttl(), nowMicros + row.ttl() * MICROS_PER_SECOND)
                    : row);
        }
    }

    @Override
    public StreamSubscription createDefaultSubscription(String streamName) {
        requireUnique(streamName, NULL_PARAMS);
        SubscriptionRow row = new SubscriptionRow(nextSubscriptionId(), streamName, true, true, null, NULL_PARAMS,
                null, null, null);
        subscriptionRows.put(row.id(), row);
        return row.toPort();
    }

    @Override
    public void updateSubscription(StreamSubscription subscription) {
        SubscriptionRow row = subscriptionRows.get(subscription.id());
        if (row != null) {
            subscriptionRows.put(row.id(), new SubscriptionRow(row.id(), row.streamName(), subscription.active(),
                    subscription.isDefault(), row.localPriority(), row.localParams(), subscription.ttl(),
                    subscription.expiresAt(), subscription.lastSyncedAt()));
        }
    }

    @Override
    public void deleteSubscription(long id) {
        subscriptionRows.remove(id);
    }

    @Override
    public void markSubscriptionSynced(long id, long timestampMicros) {
        SubscriptionRow row = subscriptionRows.get(id);
        if (row != null) {
            subscriptionRows.put(id, new SubscriptionRow(row.id(), row.streamName(), row.active(), row.isDefault(),
                    row.localPriority(), row.localParams(), row.ttl(), row.expiresAt(), timestampMicros));
        }
    }

    @Override
    public void subscribe(String streamName, String params, Integer priority, long ttlSeconds, long nowMicros) {
        String stored = storedParams(params);
        long expiresAt = nowMicros + ttlSeconds * MICROS_PER_SECOND;
        Optional<SubscriptionRow> existing = findSubscription(streamName, stored);
        if (existing.isPresent()) {
            SubscriptionRow row = existing.get();
            // SQL's min(coalesce(new, old), old) is NULL when any argument is: no old priority stays none.
            Integer old = row.localPriority();
            Integer lowered = old == null ? null : Math.min(priority == null ? old : priority, old);
            subscriptionRows.put(row.id(), row.withTerms(lowered, ttlSeconds, expiresAt));
            return;
        }
        SubscriptionRow row = new SubscriptionRow(nextSubscriptionId(), streamName, false, false, priority, stored,
                ttlSeconds, expiresAt, null);
        subscriptionRows.put(row.id(), row);
    }

    @Override
    public void unsubscribe(String streamName, String params) {
        String stored = storedParams(params);
        findSubscription(streamName, stored).ifPresent(row ->
                subscriptionRows.put(row.id(), row.withTerms(row.localPriority(), null, row.expiresAt())));
    }

    private long nextSubscriptionId() {
        return subscriptionRows.isEmpty() ? 1 : subscriptionRows.lastKey() + 1;
    }

    private Optional<SubscriptionRow> findSubscription(String streamName, String storedParams) {
        return subscriptionRows.values().stream()
                .filter(row -> row.streamName().equals(streamName) && row.localParams().equals(storedParams))
                .findFirst();
    }

    private void requireUnique(String streamName, String storedParams) {
        if (findSubscription(streamName, storedParams).isPresent()) {
            throw new StorageException("UNIQUE constraint failed: ps_stream_subscriptions.stream_name, "
                    + "ps_stream_subscriptions.local_params");
        }
    }

    /** The column is NOT NULL DEFAULT 'null': a missing parameter object is stored as that text. */
    private static String storedParams(String params) {
        return params == null ? NULL_PARAMS : params;
    }

    // ---- internals -------------------------------------------------------------------------------------------

    private Optional<BucketRow> findBucket(String name) {
        for (BucketRow row : buckets.values()) {
            if (row.name().equals(name)) {
                return Optional.of(row);
            }
        }
        return Optional.empty();
    }

    private static BucketRow withCounters(BucketRow row, long atLast, long sinceLast) {
        return new BucketRow(row.id(), row.name(), row.lastAppliedOp(), row.lastOp(), row.addChecksum(),
                row.opChecksum(), row.pendingDelete(), atLast, sinceLast, row.downloadedSize());
    }

    /** {@code INSERT OR IGNORE INTO ps_updated_rows SELECT row_type, row_id FROM ps_oplog WHERE bucket = ?}. */
    private void markOplogUpdated(long bucketId) {
        for (OplogRow row : oplog.getOrDefault(bucketId, List.of())) {
            markUpdated(row.rowType(), row.rowId());
        }
    }

    private TreeMap<String, String> table(String type) {
        TreeMap<String, String> table = tables.get(type);
        if (table == null) {
            throw new IllegalArgumentException("No table ps_data__" + type + " was declared");
        }
        return table;
    }
}
