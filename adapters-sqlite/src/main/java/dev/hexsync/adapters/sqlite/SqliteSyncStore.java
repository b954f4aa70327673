package dev.hexsync.adapters.sqlite;

import dev.hexsync.ports.json.Json;
import dev.hexsync.ports.json.JsonException;
import dev.hexsync.ports.model.Checksum;
import dev.hexsync.ports.model.OpId;
import dev.hexsync.ports.model.OpType;
import dev.hexsync.ports.model.OplogEntry;
import dev.hexsync.ports.schema.RawTable;
import dev.hexsync.ports.schema.SchemaException;
import dev.hexsync.ports.storage.StorageBusyException;
import dev.hexsync.ports.storage.StorageException;
import dev.hexsync.ports.storage.SyncStore;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The sync engine's state in the PowerSync layout, with the PowerSync engine's own statements: hexsync's
 * results are compared row by row with the engine's, so every statement below is the engine's (0.5.3,
 * {@code crates/core/src/sync/}), with the source named beside it; only the binding differs where the port
 * hands over values the engine computes itself (timestamps, the partial-sync bucket list).
 *
 * <p>Runs on the session's writer inside {@link SqliteSession#write}; the statements that run per op or per
 * data line are prepared once and kept until the session closes ({@link #close()}).
 */
final class SqliteSyncStore implements SyncStore {
    // ---- storage_adapter.rs ----
    private static final String BUCKET_REQUESTS = "SELECT name, last_op FROM ps_buckets WHERE pending_delete = 0";
    // An upsert rather than SELECT + INSERT so that RETURNING also answers for an existing bucket.
    private static final String LOOKUP_BUCKET = "INSERT INTO ps_buckets(name) VALUES(?) ON CONFLICT DO UPDATE"
            + " SET last_applied_op = last_applied_op RETURNING id, last_applied_op, last_op";
    private static final String DELETE_BUCKET = "DELETE FROM ps_buckets WHERE name = ?1 RETURNING id";
    /** Also the first statement of a CLEAR (operations.rs), which uses the same text. */
    private static final String QUEUE_BUCKET_ROWS = "INSERT OR IGNORE INTO ps_updated_rows(row_type, row_id)\n"
            + "SELECT row_type, row_id\nFROM ps_oplog\nWHERE bucket = ?1";
    private static final String DELETE_BUCKET_OPLOG = "DELETE FROM ps_oplog WHERE bucket = ?1";
    private static final String PROGRESS = "SELECT name, count_at_last, count_since_last FROM ps_buckets";
    private static final String RESET_PROGRESS = "UPDATE ps_buckets SET count_since_last = 0, count_at_last = 0";
    private static final String PROGRESS_AFTER_SYNC =
            "UPDATE ps_buckets SET count_since_last = 0, count_at_last = ? WHERE name = ?";
    private static final String SET_LAST_OP = "UPDATE ps_buckets SET last_op = ? WHERE name = ?";
    private static final String READ_KV = "SELECT value FROM ps_kv WHERE key = ?1";
    private static final String WRITE_KV = "INSERT INTO ps_kv(key, value)\nVALUES(?1, ?2)\n"
            + "ON CONFLICT(key) DO UPDATE SET value = excluded.value";
    private static final String DELETE_KV = "DELETE FROM ps_kv WHERE key = ?1";
    private static final String INCREMENT_KV = "INSERT INTO ps_kv(key, value)\nVALUES(?1, 1)\n"
            + "ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1\nRETURNING value";
    private static final String ALL_SUBSCRIPTIONS = "SELECT * FROM ps_stream_subscriptions ORDER BY id ASC";
    private static final String EXPLICIT_SUBSCRIPTIONS = "SELECT * FROM ps_stream_subscriptions WHERE ttl IS NOT NULL";
    private static final String DELETE_OUTDATED_SUBSCRIPTIONS =
            "DELETE FROM ps_stream_subscriptions WHERE (expires_at < ?) OR (ttl IS NULL AND NOT active)";
    private static final String EXTEND_SUBSCRIPTION =
            "UPDATE ps_stream_subscriptions SET expires_at = ? + ttl * 1000000"
            + " WHERE stream_name = ? AND local_params = ? AND ttl IS NOT NULL";
    private static final String CREATE_DEFAULT_SUBSCRIPTION = "INSERT INTO ps_stream_subscriptions"
            + " (stream_name, active, is_default) VALUES (?, TRUE, TRUE) RETURNING *";
    private static final String UPDATE_SUBSCRIPTION = "UPDATE ps_stream_subscriptions SET active = ?2, is_default = ?3,"
            + " ttl = ?, expires_at = ?, last_synced_at = ? WHERE id = ?1";
    private static final String DELETE_SUBSCRIPTION = "DELETE FROM ps_stream_subscriptions WHERE id = ?";
    // ---- kv.rs ----
    private static final String CLIENT_ID = "select value from ps_kv where key = 'client_id'";
    // ---- streaming_sync.rs ----
    private static final String SUBSCRIPTION_SYNCED =
            "UPDATE ps_stream_subscriptions SET last_synced_at = ?2 WHERE id = ?1";
    // ---- subscriptions.rs ----
    private static final String SUBSCRIBE = "INSERT INTO ps_stream_subscriptions"
            + " (stream_name, local_priority, local_params, ttl, expires_at)\n"
            + "    VALUES (?, ?2, ?, ?4, ?5)\n"
            + "    ON CONFLICT DO UPDATE SET\n"
            + "        local_priority = min(coalesce(?2, local_priority),\n"
            + "        local_priority),\n"
            + "        ttl = ?4,\n"
            + "        expires_at = ?5";
    private static final String UNSUBSCRIBE =
            "UPDATE ps_stream_subscriptions SET ttl = NULL WHERE stream_name = ? AND local_params = ?";
    // ---- operations.rs ----
    // unlikely(): the planner should prefer the (bucket, key) index over scanning a bucket's ops.
    private static final String SUPERSEDE = "DELETE FROM ps_oplog\n    WHERE unlikely(ps_oplog.bucket = ?1)\n"
            + "    AND ps_oplog.key = ?2\nRETURNING op_id, hash";
    private static final String INSERT_OP =
            "INSERT INTO ps_oplog(bucket, op_id, key, row_type, row_id, data, hash) VALUES (?, ?, ?, ?, ?, ?, ?)";
    private static final String MARK_UPDATED = "INSERT OR IGNORE INTO ps_updated_rows(row_type, row_id) VALUES(?1, ?2)";
    // ---- hexsync: which of a line's keys the bucket holds, so that supersedes that cannot match are skipped
    // (BucketLedger); CROSS JOIN keeps the keys outside, each probing the (bucket, key) index once.
    private static final String KEYS_IN_OPLOG = "SELECT o.key FROM json_each(?2) AS j"
            + " CROSS JOIN ps_oplog AS o ON o.bucket = ?1 AND o.key = j.value";
    private static final String CLEAR_BUCKET =
            "UPDATE ps_buckets SET last_applied_op = 0, add_checksum = ?1, op_checksum = 0 WHERE id = ?2";
    private static final String FINISH_DATA_LINE = "UPDATE ps_buckets\n"
            + "    SET last_op = ?2,\n"
            + "        add_checksum = (add_checksum + ?3) & 0xffffffff,\n"
            + "        op_checksum = (op_checksum + ?4) & 0xffffffff,\n"
            + "        count_since_last = count_since_last + ?5,\n"
            + "        downloaded_size = downloaded_size + ?6\n"
            + "WHERE id = ?1";
    // ---- checkpoint.rs ----
    private static final String CHECKSUMS = "SELECT\n    ps_buckets.add_checksum as add_checksum,\n"
            + "    ps_buckets.op_checksum as oplog_checksum\nFROM ps_buckets WHERE name = ?";
    // ---- sync_local.rs ----
    private static final String HAS_CRUD = "SELECT 1 FROM ps_crud LIMIT 1";
    private static final String DATA_TABLES =
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name GLOB 'ps_data_*'";
    /** Candidates of a full publish; the engine's annotated version is dart/test/sync_local_performance_test.dart. */
    private static final String FULL_CANDIDATES = "WITH updated_rows AS (\n"
            + "    SELECT b.row_type, b.row_id FROM ps_buckets AS buckets\n"
            + "        CROSS JOIN ps_oplog AS b ON b.bucket = buckets.id\n"
            + "        AND (b.op_id > buckets.last_applied_op)\n"
            + "    UNION ALL SELECT row_type, row_id FROM ps_updated_rows\n"
            + ")\n\n"
            + "SELECT\n"
            + "    b.row_type,\n"
            + "    b.row_id,\n"
            + "    (\n"
            + "        SELECT iif(max(r.op_id), r.data, null)\n"
            + "                 FROM ps_oplog r\n"
            + "                WHERE r.row_type = b.row_type\n"
            + "                  AND r.row_id = b.row_id\n\n"
            + "    ) as data\n"
            + "    FROM updated_rows b\n"
            + "    GROUP BY b.row_type, b.row_id;";
    /**
     * Candidates of a partial publish: only the involved buckets' unapplied ops, the winner chosen among the
     * involved buckets only. Bound to the engine's JSON arguments, of which only {@code $.buckets} is read.
     */
    private static final String PARTIAL_CANDIDATES = "WITH \n"
            + "  involved_buckets (id) AS MATERIALIZED (\n"
            + "    SELECT id FROM ps_buckets WHERE ?1 IS NULL\n"
            + "      OR name IN (SELECT value FROM json_each(json_extract(?1, '$.buckets')))\n"
            + "  ),\n"
            + "  updated_rows AS (\n"
            + "    SELECT b.row_type, b.row_id FROM ps_buckets AS buckets\n"
            + "        CROSS JOIN ps_oplog AS b ON b.bucket = buckets.id\n"
            + "        AND (b.op_id > buckets.last_applied_op)\n"
            + "        WHERE buckets.id IN (SELECT id FROM involved_buckets)\n"
            + "  )\n\n"
            + "SELECT\n"
            + "    b.row_type,\n"
            + "    b.row_id,\n"
            + "    (\n"
            + "        SELECT iif(max(r.op_id), r.data, null)\n"
            + "                 FROM ps_oplog r\n"
            + "                WHERE r.row_type = b.row_type\n"
            + "                  AND r.row_id = b.row_id\n"
            + "                  AND r.bucket IN (SELECT id FROM involved_buckets)\n\n"
            + "    ) as data\n"
            + "    FROM updated_rows b\n"
            + "    GROUP BY b.row_type, b.row_id;";
    /**
     * hexsync: true when a full publish's candidates are every row of the oplog, as after an initial download:
     * nothing queued, no op of a bucket already applied, no op of a bucket that no longer exists (the recursive
     * part lists the oplog's buckets with one index seek each).
     */
    private static final String ALL_OPLOG_UNAPPLIED = "SELECT NOT EXISTS (SELECT 1 FROM ps_updated_rows)\n"
            + "    AND NOT EXISTS (SELECT 1 FROM ps_buckets AS buckets\n"
            + "        CROSS JOIN ps_oplog AS o ON o.bucket = buckets.id AND o.op_id <= buckets.last_applied_op)\n"
            + "    AND NOT EXISTS (WITH RECURSIVE present(bucket) AS (\n"
            + "            SELECT min(bucket) FROM ps_oplog\n"
            + "            UNION ALL SELECT (SELECT min(bucket) FROM ps_oplog WHERE bucket > present.bucket) FROM present\n"
            + "                WHERE present.bucket IS NOT NULL)\n"
            + "        SELECT 1 FROM present WHERE present.bucket NOT IN (SELECT id FROM ps_buckets))";
    /**
     * hexsync: FULL_CANDIDATES when {@link #ALL_OPLOG_UNAPPLIED} holds, in one pass over the (row_type, row_id)
     * index instead of a sort of every op plus a lookup per row. Same rows in the same order: the candidates
     * are then exactly the oplog's (type, id) groups, which both queries produce in ascending (row_type,
     * row_id) order (a GROUP BY sort there, the index order here), and each group's data comes from its max
     * op_id, its rows visited in the same index order as the engine's correlated subquery visits them.
     */
    private static final String UNAPPLIED_OPLOG_CANDIDATES = "SELECT row_type, row_id, iif(max(op_id), data, null)"
            + " FROM ps_oplog INDEXED BY ps_oplog_row GROUP BY row_type, row_id";
    /** The candidates fed to {@link PublishTriggers}, which publish them inside SQLite. */
    private static final String PUBLISH_FULL = PublishTriggers.insertFrom(FULL_CANDIDATES);
    private static final String PUBLISH_UNAPPLIED_OPLOG = PublishTriggers.insertFrom(UNAPPLIED_OPLOG_CANDIDATES);
    private static final String PUBLISH_PARTIAL = PublishTriggers.insertFrom(PARTIAL_CANDIDATES);
    private static final String UNTYPED_PUT = "REPLACE INTO ps_untyped(type, id, data) VALUES(?, ?, ?)";
    private static final String UNTYPED_DELETE = "DELETE FROM ps_untyped WHERE type = ? AND id = ?";
    private static final String APPLIED_FULL = "UPDATE ps_buckets\n    SET last_applied_op = last_op\n"
            + "    WHERE last_applied_op != last_op";
    private static final String APPLIED_PARTIAL = "UPDATE ps_buckets\n    SET last_applied_op = last_op\n"
            + "    WHERE last_applied_op != last_op AND\n"
            + "        name IN (SELECT value FROM json_each(json_extract(?1, '$.buckets')))";
    private static final String CLEAR_UPDATED_ROWS = "DELETE FROM ps_updated_rows";
    private static final String DROP_SYNC_STATES = "DELETE FROM ps_sync_state WHERE priority < ?1";
    private static final String MARK_SYNCED =
            "INSERT OR REPLACE INTO ps_sync_state (priority, last_synced_at) VALUES (?, ?)";
    private static final String SYNC_STATES = "SELECT priority, last_synced_at FROM ps_sync_state ORDER BY priority";
    // ---- raw_table.rs ----
    private static final String TABLE_COLUMNS = "select name from pragma_table_info(?)";
    // ---- hexsync: the per-connection flag behind powersync_in_sync_operation() (functions/SqlFunctions) ----
    private static final String SYNC_OPERATION = "SELECT hexsync_sync_operation(?)";

    /** Rows a publish holds back in one JDBC batch at most (bounds memory whatever the checkpoint's size). */
    private static final int PUBLISH_BATCH_ROWS = 1000;

    private static final String DATA_PREFIX = "ps_data__";
    private static final String LOCAL_DATA_PREFIX = "ps_data_local__";

    private final SqliteSession session;
    /** Prepared statements of the writer by SQL text; touched only under the session's write lock. */
    private final Map<String, PreparedStatement> prepared = new HashMap<>();

    SqliteSyncStore(SqliteSession session) {
        this.session = session;
    }

    /** Finalizes the cached statements; the session calls it (under its write lock) before closing the writer. */
    void close() {
        for (PreparedStatement statement : prepared.values()) {
            try {
                statement.close();
            } catch (SQLException e) {
                // The connection is closed next, which finalizes whatever is left.
            }
        }
        prepared.clear();
    }

    // ---- buckets ----------------------------------------------------------------------------------------

    @Override
    public List<BucketRequest> bucketRequests() {
        return run(() -> {
            List<BucketRequest> requests = new ArrayList<>();
            try (ResultSet rows = statement(BUCKET_REQUESTS).executeQuery()) {
                while (rows.next()) {
                    requests.add(new BucketRequest(rows.getString(1), new OpId(rows.getLong(2))));
                }
            }
            return requests;
        });
    }

    @Override
    public BucketHandle lookupBucket(String name) {
        return run(() -> {
            PreparedStatement lookup = statement(LOOKUP_BUCKET);
            lookup.setString(1, name);
            try (ResultSet rows = lookup.executeQuery()) {
                if (!rows.next()) {
                    throw new StorageException("Upserting bucket '" + name + "' returned no row");
                }
                return new BucketHandle(rows.getLong(1), new OpId(rows.getLong(2)), new OpId(rows.getLong(3)));
            }
        });
    }

    @Override
    public void deleteBuckets(Collection<String> names) {
        run(() -> {
            for (String name : names) {
                PreparedStatement delete = statement(DELETE_BUCKET);
                delete.setString(1, name);
                Long id = null;
                try (ResultSet rows = delete.executeQuery()) {
                    if (rows.next()) {
                        id = rows.getLong(1);
                    }
                }
                if (id != null) {
                    update(QUEUE_BUCKET_ROWS, id);
                    update(DELETE_BUCKET_OPLOG, id);
                }
            }
            return null;
        });
    }

    @Override
    public List<BucketProgress> bucketProgress() {
        return run(() -> {
            List<BucketProgress> progress = new ArrayList<>();
            try (ResultSet rows = statement(PROGRESS).executeQuery()) {
                while (rows.next()) {
                    progress.add(new BucketProgress(rows.getString(1), rows.getLong(2), rows.getLong(3)));
                }
            }
            return progress;
        });
    }

    @Override
    public void resetProgress() {
        run(() -> update(RESET_PROGRESS));
    }

    @Override
    public void resetProgressAfterSync(Map<String, Long> countsByBucket) {
        run(() -> {
            for (Map.Entry<String, Long> bucket : countsByBucket.entrySet()) {
                update(PROGRESS_AFTER_SYNC, bucket.getValue(), bucket.getKey());
            }
            return null;
        });
    }

    // ---- oplog ------------------------------------------------------------------------------------------

    @Override
    public List<Checksum> supersede(long bucketId, String key) {
        return run(() -> {
            PreparedStatement supersede = statement(SUPERSEDE);
            supersede.setLong(1, bucketId);
            // The engine looks up the empty key for ops without type and id; stored ops never have it.
            supersede.setString(2, key == null ? "" : key);
            List<Checksum> superseded = new ArrayList<>(1);
            try (ResultSet rows = supersede.executeQuery()) {
                while (rows.next()) {
                    superseded.add(Checksum.of(rows.getLong(2)));
                }
            }
            return superseded;
        });
    }

    @Override
    public void insertOp(long bucketId, OplogEntry put) {
        if (put.op() != OpType.PUT) {
            throw new IllegalArgumentException("Only PUT ops are stored in the oplog, got " + put.op());
        }
        boolean typed = put.objectType() != null && put.objectId() != null;
        run(() -> update(INSERT_OP, bucketId, put.opId().value(), put.key(), typed ? put.objectType() : null,
                typed ? put.objectId() : null, put.data(), put.checksum().bits()));
    }

    @Override
    public void insertOps(long bucketId, List<OplogEntry> puts) {
        if (puts.isEmpty()) {
            return;
        }
        run(() -> {
            // One batch: no per-row statement round trip (nor sqlite-jdbc's generated-keys query after each INSERT).
            PreparedStatement insert = statement(INSERT_OP);
            try {
                for (OplogEntry put : puts) {
                    if (put.op() != OpType.PUT) {
                        throw new IllegalArgumentException("Only PUT ops are stored in the oplog, got " + put.op());
                    }
                    boolean typed = put.objectType() != null && put.objectId() != null;
                    insert.setLong(1, bucketId);
                    insert.setLong(2, put.opId().value());
                    bind(insert, 3, typed ? put.key() : null);
                    bind(insert, 4, typed ? put.objectType() : null);
                    bind(insert, 5, typed ? put.objectId() : null);
                    bind(insert, 6, put.data());
                    insert.setInt(7, put.checksum().bits());
                    insert.addBatch();
                }
                insert.executeBatch();
            } finally {
                insert.clearBatch();
            }
            return null;
        });
    }

    @Override
    public Set<String> keysInOplog(long bucketId, Collection<String> keys) {
        return run(() -> {
            Set<String> held = new HashSet<>();
            int length = 2;
            for (String key : keys) {
                length += key.length() + 3;
            }
            StringBuilder json = new StringBuilder(length).append('[');
            boolean first = true;
            for (String key : keys) {
                int escapes = 0;
                boolean plain = true;
                for (int i = 0; i < key.length(); i++) {
                    char c = key.charAt(i);
                    if (c < 0x20 || Character.isSurrogate(c)) {
                        plain = false;
                        break;
                    }
                    if (c == '"' || c == '\\') {
                        escapes++;
                    }
                }
                if (!plain) {
                    // Control characters and surrogates might not survive the JSON round trip byte for byte:
                    // answer the key, so that its supersede runs as in the engine.
                    held.add(key);
                    continue;
                }
                json.append(first ? "\"" : ",\"");
                first = false;
                if (escapes == 0) {
                    json.append(key);
                } else {
                    for (int i = 0; i < key.length(); i++) {
                        char c = key.charAt(i);
                        if (c == '"' || c == '\\') {
                            json.append('\\');
                        }
                        json.append(c);
                    }
                }
                json.append('"');
            }
            if (first) {
                return held;
            }
            PreparedStatement query = statement(KEYS_IN_OPLOG);
            query.setLong(1, bucketId);
            query.setString(2, json.append(']').toString());
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    held.add(rows.getString(1));
                }
            }
            return held;
        });
    }

    @Override
    public void markUpdated(String rowType, String rowId) {
        run(() -> {
            // A one-row batch: execute() would have sqlite-jdbc prepare and run SELECT last_insert_rowid() after
            // this INSERT (its generated-keys support), which costs more than the insert, once per REMOVE.
            PreparedStatement mark = statement(MARK_UPDATED);
            try {
                mark.setString(1, rowType);
                mark.setString(2, rowId);
                mark.addBatch();
                mark.executeBatch();
            } finally {
                mark.clearBatch();
            }
            return null;
        });
    }

    @Override
    public void clearBucket(long bucketId, Checksum clearChecksum) {
        run(() -> {
            update(QUEUE_BUCKET_ROWS, bucketId);
            update(DELETE_BUCKET_OPLOG, bucketId);
            // Bound signed, as the engine binds it: add_checksum holds the bitcast until the next data line.
            update(CLEAR_BUCKET, clearChecksum.bits(), bucketId);
            return null;
        });
    }

    @Override
    public void finishDataLine(long bucketId, OpId lastOp, Checksum addChecksum, Checksum opChecksum, int opCount,
            long lineSize) {
        run(() -> update(FINISH_DATA_LINE, bucketId, lastOp.value(), addChecksum.bits(), opChecksum.bits(), opCount,
                lineSize));
    }

    @Override
    public Map<String, BucketChecksums> checksums(Collection<String> names) {
        return run(() -> {
            Map<String, BucketChecksums> checksums = new LinkedHashMap<>();
            PreparedStatement query = statement(CHECKSUMS);
            for (String name : names) {
                query.setString(1, name);
                try (ResultSet rows = query.executeQuery()) {
                    if (rows.next()) {
                        checksums.put(name, new BucketChecksums(Checksum.of(rows.getLong(1)),
                                Checksum.of(rows.getLong(2))));
                    }
                }
            }
            return checksums;
        });
    }

    @Override
    public void setLastOp(Collection<String> names, OpId lastOp) {
        run(() -> {
            for (String name : names) {
                update(SET_LAST_OP, lastOp.value(), name);
            }
            return null;
        });
    }

    // ---- publishing -------------------------------------------------------------------------------------

    @Override
    public boolean hasPendingUploads() {
        return run(() -> {
            try (ResultSet rows = statement(HAS_CRUD).executeQuery()) {
                return rows.next();
            }
        });
    }

    @Override
    public void publish(Optional<Collection<String>> partialBuckets, List<RawTable> rawTables) {
        run(() -> {
            // Like the engine's sync_local guard: raw-table triggers see powersync_in_sync_operation() = 1.
            update(SYNC_OPERATION, 1);
            try (Publication publication = new Publication(session.writerConnection(), rawTables, session.captureHook())) {
                String partialArguments = partialBuckets
                        .map(buckets -> Json.write(Map.of("buckets", new ArrayList<>(buckets))))
                        .orElse(null);
                if (!publishInSqlite(publication, partialArguments, rawTables)) {
                    publishPerRow(publication, partialArguments);
                }
                if (partialArguments == null) {
                    update(APPLIED_FULL);
                    update(CLEAR_UPDATED_ROWS);
                } else {
                    update(APPLIED_PARTIAL, partialArguments);
                }
            } finally {
                update(SYNC_OPERATION, 0);
            }
            return null;
        });
    }

    /**
     * Publishes every candidate with one statement ({@link PublishTriggers}); false, with nothing written, when
     * a candidate needs the per-row path.
     */
    private boolean publishInSqlite(Publication publication, String partialArguments, List<RawTable> rawTables)
            throws SQLException {
        List<String> rawNames = new ArrayList<>();
        for (RawTable table : rawTables) {
            rawNames.add(table.name());
        }
        PublishTriggers.install(session.writerConnection(), publication.dataTypes(), rawNames);
        PreparedStatement insert;
        if (partialArguments != null) {
            insert = statement(PUBLISH_PARTIAL);
        } else if (allOplogUnapplied()) {
            insert = statement(PUBLISH_UNAPPLIED_OPLOG);
        } else {
            insert = statement(PUBLISH_FULL);
        }
        if (partialArguments != null) {
            insert.setString(1, partialArguments);
        }
        try {
            execute(insert);
            return true;
        } catch (SQLException e) {
            if (PublishTriggers.isFallback(e)) {
                // RAISE(ABORT) undid the statement's writes; the transaction goes on.
                return false;
            }
            throw e;
        }
    }

    private boolean allOplogUnapplied() throws SQLException {
        try (ResultSet rows = statement(ALL_OPLOG_UNAPPLIED).executeQuery()) {
            return rows.next() && rows.getBoolean(1);
        }
    }

    /** Reads the candidates into Java and writes them one by one, as the engine's sync_local does. */
    private void publishPerRow(Publication publication, String partialArguments) throws SQLException {
        PreparedStatement candidates =
                statement(partialArguments == null ? FULL_CANDIDATES : PARTIAL_CANDIDATES);
        if (partialArguments != null) {
            candidates.setString(1, partialArguments);
        }
        try (ResultSet rows = candidates.executeQuery()) {
            while (rows.next()) {
                String type = rows.getString(1);
                String id = rows.getString(2);
                if (type == null || id == null) {
                    // The engine's column_text fails on NULL here, failing the whole publish.
                    throw new StorageException("Cannot publish an oplog row without type or id (type "
                            + type + ", id " + id + ")");
                }
                publication.apply(type, id, rows.getString(3));
            }
        }
        publication.flush();
    }

    @Override
    public void clear(boolean clearLocal, boolean soft, List<RawTable> rawTables) {
        try {
            LocalClear.clear(session.writerConnection(), clearLocal, soft, rawTables);
        } catch (SQLException e) {
            throw SqliteErrors.translate(e);
        }
    }

    @Override
    public void markSynced(int priority, long timestampMicros) {
        run(() -> {
            update(DROP_SYNC_STATES, priority);
            update(MARK_SYNCED, priority, timestampMicros);
            return null;
        });
    }

    @Override
    public Map<Integer, Long> syncStates() {
        return run(() -> {
            Map<Integer, Long> states = new LinkedHashMap<>();
            try (ResultSet rows = statement(SYNC_STATES).executeQuery()) {
                while (rows.next()) {
                    states.put(rows.getInt(1), rows.getLong(2));
                }
            }
            return states;
        });
    }

    // ---- key-values -------------------------------------------------------------------------------------

    @Override
    public OptionalLong readLong(String key) {
        return run(() -> {
            PreparedStatement read = statement(READ_KV);
            read.setString(1, key);
            try (ResultSet rows = read.executeQuery()) {
                // getLong is sqlite3_column_int64, as the engine reads it: text converts, NULL reads 0.
                return rows.next() ? OptionalLong.of(rows.getLong(1)) : OptionalLong.empty();
            }
        });
    }

    @Override
    public void writeLong(String key, long value) {
        run(() -> update(WRITE_KV, key, value));
    }

    @Override
    public void delete(String key) {
        run(() -> update(DELETE_KV, key));
    }

    @Override
    public long increment(String key) {
        return run(() -> {
            PreparedStatement increment = statement(INCREMENT_KV);
            increment.setString(1, key);
            try (ResultSet rows = increment.executeQuery()) {
                if (!rows.next()) {
                    throw new StorageException("Incrementing '" + key + "' returned no value");
                }
                return rows.getLong(1);
            }
        });
    }

    @Override
    public String clientId() {
        return run(() -> {
            try (ResultSet rows = statement(CLIENT_ID).executeQuery()) {
                if (!rows.next()) {
                    throw new StorageException("The database has no client id (ps_kv key 'client_id' is missing)");
                }
                return rows.getString(1);
            }
        });
    }

    // ---- stream subscriptions ---------------------------------------------------------------------------

    @Override
    public List<StreamSubscription> subscriptions() {
        return run(() -> readSubscriptions(statement(ALL_SUBSCRIPTIONS)));
    }

    @Override
    public List<StreamSubscription> explicitSubscriptions() {
        return run(() -> readSubscriptions(statement(EXPLICIT_SUBSCRIPTIONS)));
    }

    @Override
    public void deleteOutdatedSubscriptions(long nowMicros) {
        run(() -> update(DELETE_OUTDATED_SUBSCRIPTIONS, nowMicros));
    }

    @Override
    public void extendSubscriptions(List<Map.Entry<String, String>> keys, long nowMicros) {
        run(() -> {
            for (Map.Entry<String, String> key : keys) {
                update(EXTEND_SUBSCRIPTION, nowMicros, key.getKey(), storedParams(key.getValue()));
            }
            return null;
        });
    }

    @Override
    public StreamSubscription createDefaultSubscription(String streamName) {
        return run(() -> {
            PreparedStatement insert = statement(CREATE_DEFAULT_SUBSCRIPTION);
            insert.setString(1, streamName);
            List<StreamSubscription> created = readSubscriptions(insert);
            if (created.isEmpty()) {
                throw new StorageException("Creating the subscription to '" + streamName + "' returned no row");
            }
            return created.get(0);
        });
    }

    @Override
    public void updateSubscription(StreamSubscription subscription) {
        run(() -> update(UPDATE_SUBSCRIPTION, subscription.id(), subscription.active() ? 1 : 0,
                subscription.isDefault() ? 1 : 0, subscription.ttl(), subscription.expiresAt(),
                subscription.lastSyncedAt()));
    }

    @Override
    public void deleteSubscription(long id) {
        run(() -> update(DELETE_SUBSCRIPTION, id));
    }

    @Override
    public void markSubscriptionSynced(long id, long timestampMicros) {
        run(() -> update(SUBSCRIPTION_SYNCED, id, timestampMicros));
    }

    @Override
    public void subscribe(String streamName, String params, Integer priority, long ttlSeconds, long nowMicros) {
        // Parameters 2, 4 and 5 are numbered, so the unnumbered ones are 1 and 3 (SQLite's rule).
        run(() -> update(SUBSCRIBE, streamName, priority, storedParams(params), ttlSeconds,
                nowMicros + ttlSeconds * 1_000_000));
    }

    @Override
    public void unsubscribe(String streamName, String params) {
        run(() -> update(UNSUBSCRIBE, streamName, storedParams(params)));
    }

    /** Subscription parameters are keyed by their raw JSON text; absent parameters are the text {@code null}. */
    private static String storedParams(String params) {
        return params == null ? "null" : params;
    }

    private static List<StreamSubscription> readSubscriptions(PreparedStatement query) throws SQLException {
        List<StreamSubscription> subscriptions = new ArrayList<>();
        try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                String params = rows.getString("local_params");
                subscriptions.add(new StreamSubscription(
                        rows.getLong("id"),
                        rows.getString("stream_name"),
                        rows.getInt("active") != 0,
                        rows.getInt("is_default") != 0,
                        nullableInt(rows, "local_priority"),
                        "null".equals(params) ? null : params,
                        nullableLong(rows, "ttl"),
                        nullableLong(rows, "expires_at"),
                        nullableLong(rows, "last_synced_at")));
            }
        }
        return subscriptions;
    }

    private static Integer nullableInt(ResultSet rows, String column) throws SQLException {
        int value = rows.getInt(column);
        return rows.wasNull() ? null : value;
    }

    private static Long nullableLong(ResultSet rows, String column) throws SQLException {
        long value = rows.getLong(column);
        return rows.wasNull() ? null : value;
    }

    // ---- statements -------------------------------------------------------------------------------------

    @FunctionalInterface
    private interface SqlWork<T> {
        T run() throws SQLException;
    }

    private static <T> T run(SqlWork<T> work) {
        try {
            return work.run();
        } catch (SQLException e) {
            throw SqliteErrors.translate(e);
        }
    }

    /** The writer's cached statement for {@code sql}; the writer lookup also checks the write lock is held. */
    private PreparedStatement statement(String sql) throws SQLException {
        Connection writer = session.writerConnection();
        PreparedStatement statement = prepared.get(sql);
        if (statement == null) {
            statement = writer.prepareStatement(sql);
            prepared.put(sql, statement);
        }
        return statement;
    }

    /** Runs a cached statement with positional values (see {@link #bind}), draining any RETURNING rows. */
    private Void update(String sql, Object... values) throws SQLException {
        PreparedStatement statement = statement(sql);
        for (int i = 0; i < values.length; i++) {
            bind(statement, i + 1, values[i]);
        }
        execute(statement);
        return null;
    }

    private static void execute(PreparedStatement statement) throws SQLException {
        if (statement.execute()) {
            try (ResultSet rows = statement.getResultSet()) {
                while (rows.next()) {
                    // A statement with a result runs to completion only when stepped through.
                }
            }
        }
    }

    private static void bind(PreparedStatement statement, int index, Object value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.NULL);
        } else if (value instanceof String text) {
            statement.setString(index, text);
        } else if (value instanceof Integer number) {
            statement.setInt(index, number);
        } else if (value instanceof Long number) {
            statement.setLong(index, number);
        } else if (value instanceof Double number) {
            statement.setDouble(index, number);
        } else {
            throw new IllegalArgumentException("Cannot bind " + value.getClass().getName());
        }
    }

    static String quoteIdentifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    // ---- one publish ------------------------------------------------------------------------------------

    /**
     * Where the rows of one publish go, found as the engine finds them: raw tables from the running sync's
     * schema first, then every {@code ps_data__<type>} table in the database, which wins over a raw table of
     * the same name. Statements that depend on the tables are prepared for this publish only.
     */
    private final class Publication implements AutoCloseable {
        private final Connection connection;
        private final Map<String, RawTableWriter> rawTables = new HashMap<>();
        private final Set<String> dataTables = new HashSet<>();
        private final Map<String, PreparedStatement> dataPuts = new HashMap<>();
        private final Map<String, PreparedStatement> dataDeletes = new HashMap<>();
        private final List<AutoCloseable> opened = new ArrayList<>();
        /** The statement whose rows are held back in a JDBC batch (see {@link #apply}), or null. */
        private PreparedStatement batch;
        private int batched;

        Publication(Connection connection, List<RawTable> raw, SqliteContext.WriteHook hook) throws SQLException {
            this.connection = connection;
            for (RawTable table : raw) {
                rawTables.put(table.name(), new RawTableWriter(connection, table, opened, hook));
            }
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery(DATA_TABLES)) {
                while (rows.next()) {
                    String name = rows.getString(1);
                    if (name.startsWith(LOCAL_DATA_PREFIX)) {
                        continue;
                    }
                    if (name.startsWith(DATA_PREFIX)) {
                        dataTables.add(name.substring(DATA_PREFIX.length()));
                    }
                }
            }
        }

        /** The types that have a {@code ps_data__} table. */
        Set<String> dataTypes() {
            return dataTables;
        }

        /**
         * Writes the winning data of one row, or deletes the row when {@code data} is null (no PUT left). Writes
         * to {@code ps_data__} tables and {@code ps_untyped} are held back in a JDBC batch; they still run in
         * candidate order, since a batch is only ever continued by the same statement and is flushed before any
         * other write (raw tables write at once: their statements are the application's, triggers and all).
         */
        void apply(String type, String id, String data) throws SQLException {
            if (dataTables.contains(type)) {
                if (data == null) {
                    enqueue(prepared(dataDeletes, type,
                            "DELETE FROM " + quoteIdentifier(DATA_PREFIX + type) + " WHERE id = ?"), id);
                } else {
                    enqueue(prepared(dataPuts, type,
                            "REPLACE INTO " + quoteIdentifier(DATA_PREFIX + type) + "(id, data) VALUES (?, ?)"), id, data);
                }
                return;
            }
            RawTableWriter raw = rawTables.get(type);
            if (raw != null) {
                flush();
                if (data == null) {
                    raw.delete(id);
                } else {
                    raw.put(id, data);
                }
                return;
            }
            if (data == null) {
                enqueue(statement(UNTYPED_DELETE), type, id);
            } else {
                enqueue(statement(UNTYPED_PUT), type, id, data);
            }
        }

        private void enqueue(PreparedStatement statement, String... values) throws SQLException {
            if (statement != batch) {
                flush();
            }
            for (int i = 0; i < values.length; i++) {
                statement.setString(i + 1, values[i]);
            }
            statement.addBatch();
            batch = statement;
            if (++batched == PUBLISH_BATCH_ROWS) {
                flush();
            }
        }

        /** Runs the held-back writes; called before any other write and when the candidates are done. */
        void flush() throws SQLException {
            PreparedStatement pending = batch;
            if (pending == null) {
                return;
            }
            batch = null;
            batched = 0;
            try {
                pending.executeBatch();
            } finally {
                pending.clearBatch();
            }
        }

        private PreparedStatement prepared(Map<String, PreparedStatement> cache, String type, String sql)
                throws SQLException {
            PreparedStatement statement = cache.get(type);
            if (statement == null) {
                statement = connection.prepareStatement(sql);
                opened.add(statement);
                cache.put(type, statement);
            }
            return statement;
        }

        @Override
        public void close() throws SQLException {
            SQLException failure = null;
            if (batch != null) {
                // A publish that failed: its held-back rows must not run with a later batch of a cached statement.
                PreparedStatement abandoned = batch;
                batch = null;
                batched = 0;
                try {
                    abandoned.clearBatch();
                } catch (SQLException e) {
                    failure = e;
                }
            }
            for (AutoCloseable resource : opened) {
                try {
                    resource.close();
                } catch (Exception e) {
                    if (failure == null) {
                        failure = e instanceof SQLException sql ? sql : new SQLException(e);
                    }
                }
            }
            if (failure != null) {
                throw failure;
            }
        }
    }

    // ---- raw tables -------------------------------------------------------------------------------------

    /** What a raw-table statement parameter is bound to (the engine's {@code PendingStatementValue}). */
    private record Param(Kind kind, String column) {
        enum Kind { ID, COLUMN, REST }
    }

    /**
     * A raw table's put or delete statement with its parameter sources (the engine's {@code PendingStatement}).
     *
     * @param namedColumns when a parameter is {@code Rest}: the columns the other parameters name (with
     *     {@code id} for an {@code Id} parameter), which Rest leaves out; else null
     */
    private record RawStatement(String sql, List<Param> params, Set<String> namedColumns) {
        static RawStatement of(String sql, List<Param> params) {
            Set<String> named = null;
            if (params.stream().anyMatch(p -> p.kind() == Param.Kind.REST)) {
                named = new HashSet<>();
                for (Param param : params) {
                    if (param.kind() == Param.Kind.ID) {
                        named.add("id");
                    } else if (param.kind() == Param.Kind.COLUMN) {
                        named.add(param.column());
                    }
                }
            }
            return new RawStatement(sql, List.copyOf(params), named);
        }
    }

    /**
     * Puts and deletes synced rows of one raw table, as sync_local.rs does: with the statements of the
     * definition, or, when one is omitted, the statement the engine infers from the local table's columns
     * (raw_table.rs). Each statement is prepared on first use, so a definition error surfaces only when a row
     * needs it, as in the engine.
     */
    private static final class RawTableWriter {
        private final Connection connection;
        private final RawTable table;
        private final SqliteContext.WriteHook hook;
        private final List<AutoCloseable> opened;
        private List<String> inferredColumns;
        private PreparedStatement put;
        private RawStatement putDefinition;
        private PreparedStatement delete;
        private RawStatement deleteDefinition;

        RawTableWriter(Connection connection, RawTable table, List<AutoCloseable> opened, SqliteContext.WriteHook hook) {
            this.hook = hook;
            this.connection = connection;
            this.table = table;
            this.opened = opened;
        }

        void put(String id, String data) throws SQLException {
            if (put == null) {
                RawStatement definition = declared("put");
                putDefinition = definition != null ? definition : inferPut();
                put = prepare(putDefinition);
            }
            Map<String, Object> values = engineValues(id, data);
            bindForPut(id, values);
            execute(put, () -> "replacing into " + table.name() + ", id = " + id + ", data = " + data);
        }

        void delete(String id) throws SQLException {
            if (delete == null) {
                RawStatement definition = declared("delete");
                deleteDefinition = definition != null ? definition : inferDelete();
                delete = prepare(deleteDefinition);
            }
            List<Param> params = deleteDefinition.params();
            for (int i = 0; i < params.size(); i++) {
                if (params.get(i).kind() != Param.Kind.ID) {
                    throw new SchemaException("Raw delete statement parameters must only reference id");
                }
                delete.setString(i + 1, id);
            }
            execute(delete, () -> "deleting from " + table.name() + ", id = " + id);
        }

        /**
         * The row's values as the engine's serde_json holds them. {@link Json#diff} against an empty object
         * parses with the engine's number model and re-spells every non-null member in the engine's form
         * (keys sorted, nested ones too); reading that back gives exactly the engine's numbers. Members that
         * are null are absent from the diff, so they come from the plain parse.
         */
        private Map<String, Object> engineValues(String id, String data) {
            try {
                Map<String, Object> plain = Json.parseObject(data);
                Map<String, Object> nonNull = Json.parseObject(Json.diff("{}", data));
                Map<String, Object> values = new LinkedHashMap<>();
                for (String key : plain.keySet()) {
                    values.put(key, nonNull.get(key));
                }
                return values;
            } catch (JsonException e) {
                throw new StorageException("The synced data of " + table.name() + " row " + id
                        + " is not a JSON object: " + e.getMessage(), e);
            }
        }

        private void bindForPut(String id, Map<String, Object> values) throws SQLException {
            List<Param> params = putDefinition.params();
            String rest = null;
            if (putDefinition.namedColumns() != null) {
                rest = restObject(values, putDefinition.namedColumns());
            }
            for (int i = 0; i < params.size(); i++) {
                Param param = params.get(i);
                int index = i + 1;
                switch (param.kind()) {
                    case ID -> put.setString(index, id);
                    case COLUMN -> bindColumn(index, values.get(param.column()));
                    case REST -> {
                        if (rest == null) {
                            put.setNull(index, Types.NULL);
                        } else {
                            put.setString(index, rest);
                        }
                    }
                }
            }
        }

        /**
         * Binds a synced value as the engine does: booleans as 0/1, every number as a double (serde_json's
         * {@code as_f64} answers for integers too), strings as text, anything else (null, arrays, objects) as
         * NULL.
         */
        private void bindColumn(int index, Object value) throws SQLException {
            if (value instanceof Boolean flag) {
                put.setInt(index, flag ? 1 : 0);
            } else if (value instanceof Long number) {
                put.setDouble(index, (double) number);
            } else if (value instanceof BigInteger number) {
                put.setDouble(index, number.doubleValue());
            } else if (value instanceof Double number) {
                put.setDouble(index, number);
            } else if (value instanceof String text) {
                put.setString(index, text);
            } else {
                put.setNull(index, Types.NULL);
            }
        }

        /** The members no other parameter names, as a JSON object with sorted keys; null when there are none. */
        private static String restObject(Map<String, Object> values, Set<String> named) {
            // serde_json's map is a BTreeMap: keys in UTF-8 byte order, which is code point order.
            TreeMap<String, Object> rest = new TreeMap<>(RawTableWriter::compareCodePoints);
            for (Map.Entry<String, Object> member : values.entrySet()) {
                if (!named.contains(member.getKey())) {
                    rest.put(member.getKey(), member.getValue());
                }
            }
            return rest.isEmpty() ? null : Json.write(rest);
        }

        private static int compareCodePoints(String a, String b) {
            int i = 0;
            int j = 0;
            while (i < a.length() && j < b.length()) {
                int ca = a.codePointAt(i);
                int cb = b.codePointAt(j);
                if (ca != cb) {
                    return Integer.compare(ca, cb);
                }
                i += Character.charCount(ca);
                j += Character.charCount(cb);
            }
            return Boolean.compare(i < a.length(), j < b.length());
        }

        /** Runs a put or delete, naming the row in the error as the engine does. */
        private void execute(PreparedStatement statement, Supplier<String> context) throws SQLException {
            try {
                SqliteSyncStore.execute(statement);
            } catch (SQLException e) {
                StorageException translated = SqliteErrors.translate(e);
                if (translated instanceof StorageBusyException) {
                    throw translated;
                }
                throw new StorageException(translated.getMessage() + " (" + context.get() + ")",
                        translated.vendorCode(), e);
            }
        }

        private PreparedStatement prepare(RawStatement definition) throws SQLException {
            PreparedStatement statement = connection.prepareStatement(definition.sql());
            // The application's capture triggers on the raw table take the transaction's CRUD id even
            // though they skip writes made during a publish, as the engine's virtual table does.
            hook.beforeWrite(connection, definition.sql());
            opened.add(statement);
            int parameters = statement.getParameterMetaData().getParameterCount();
            if (parameters != definition.params().size()) {
                throw new SchemaException("Statement " + definition.sql() + " has " + parameters
                        + " parameters, but " + definition.params().size() + " values were provided as sources.");
            }
            return statement;
        }

        /** The definition's {@code put} or {@code delete} ({@code {"sql": ..., "params": [...]}}), or null. */
        private RawStatement declared(String which) {
            Object declared = table.definition().get(which);
            if (declared == null) {
                return null;
            }
            String where = "raw table " + table.name() + ": " + which;
            if (!(declared instanceof Map<?, ?> statement)) {
                throw new SchemaException(where + " must be an object with sql and params");
            }
            if (!(statement.get("sql") instanceof String sql)) {
                throw new SchemaException(where + ".sql must be a string");
            }
            if (!(statement.get("params") instanceof List<?> sources)) {
                throw new SchemaException(where + ".params must be an array");
            }
            List<Param> params = new ArrayList<>();
            for (Object source : sources) {
                params.add(param(source, where));
            }
            return RawStatement.of(sql, params);
        }

        /** {@code "Id"}, {@code "Rest"} or {@code {"Column": name}}: serde's external enum tagging. */
        private static Param param(Object source, String where) {
            Object tag = source;
            Object content = null;
            if (source instanceof Map<?, ?> tagged && tagged.size() == 1) {
                Map.Entry<?, ?> entry = tagged.entrySet().iterator().next();
                tag = entry.getKey();
                content = entry.getValue();
            }
            if ("Id".equals(tag) && content == null) {
                return new Param(Param.Kind.ID, null);
            }
            if ("Rest".equals(tag) && content == null) {
                return new Param(Param.Kind.REST, null);
            }
            if ("Column".equals(tag) && content instanceof String column) {
                return new Param(Param.Kind.COLUMN, column);
            }
            throw new SchemaException(where + ".params: expected \"Id\", \"Rest\" or {\"Column\": name}, got "
                    + Json.write(source));
        }

        private RawStatement inferPut() throws SQLException {
            String name = quoteIdentifier(localName());
            List<String> columns = inferredColumns();
            StringBuilder sql = new StringBuilder("INSERT INTO ").append(name).append(" (id");
            List<Param> params = new ArrayList<>();
            params.add(new Param(Param.Kind.ID, null));
            for (String column : columns) {
                sql.append(", ").append(quoteIdentifier(column));
            }
            sql.append(") VALUES (?1");
            for (int i = 0; i < columns.size(); i++) {
                sql.append(", ?").append(i + 2);
                params.add(new Param(Param.Kind.COLUMN, columns.get(i)));
            }
            // Only the synced columns are updated, so local-only columns of an existing row survive.
            sql.append(") ON CONFLICT (id) DO UPDATE SET ");
            for (int i = 0; i < columns.size(); i++) {
                if (i > 0) {
                    sql.append(", ");
                }
                sql.append(quoteIdentifier(columns.get(i))).append(" = ?").append(i + 2);
            }
            return RawStatement.of(sql.toString(), params);
        }

        private RawStatement inferDelete() throws SQLException {
            return RawStatement.of("DELETE FROM " + quoteIdentifier(localName()) + " WHERE id = ?",
                    List.of(new Param(Param.Kind.ID, null)));
        }

        private String localName() {
            if (!(table.definition().get("table_name") instanceof String name)) {
                throw new SchemaException("Raw table " + table.name() + " has no local name");
            }
            return name;
        }

        /** The local table's columns except {@code id}, restricted to {@code synced_columns} when given. */
        private List<String> inferredColumns() throws SQLException {
            if (inferredColumns != null) {
                return inferredColumns;
            }
            String name = localName();
            Set<String> synced = null;
            if (table.definition().get("synced_columns") instanceof List<?> filter) {
                synced = new HashSet<>();
                for (Object column : filter) {
                    synced.add(String.valueOf(column));
                }
            }
            boolean hasId = false;
            List<String> columns = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement(TABLE_COLUMNS)) {
                query.setString(1, name);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        String column = rows.getString(1);
                        if (column.equals("id")) {
                            hasId = true;
                        } else if (synced == null || synced.contains(column)) {
                            columns.add(column);
                        }
                    }
                }
            }
            if (!hasId && columns.isEmpty()) {
                throw new SchemaException("Could not find " + name + " in local schema.");
            }
            if (!hasId) {
                throw new SchemaException("Table " + name + " has no id column.");
            }
            inferredColumns = columns;
            return columns;
        }
    }
}
