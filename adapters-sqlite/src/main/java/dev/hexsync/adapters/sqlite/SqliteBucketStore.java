package dev.hexsync.adapters.sqlite;

import dev.hexsync.ports.model.Checksum;
import dev.hexsync.ports.model.OpId;
import dev.hexsync.ports.storage.StorageException;
import dev.hexsync.ports.storage.sync.BucketStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ps_buckets} with the PowerSync engine's own statements (0.5.3, {@code crates/core/src/sync/}; hexsync's
 * results are compared row by row with the engine's). Runs on the session's writer inside
 * {@link SqliteSession#write}.
 */
final class SqliteBucketStore implements BucketStore {
    // ---- storage_adapter.rs ----
    private static final String BUCKET_REQUESTS = "SELECT name, last_op FROM ps_buckets WHERE pending_delete = 0";
    // An upsert rather than SELECT + INSERT so that RETURNING also answers for an existing bucket.
    private static final String LOOKUP_BUCKET = "INSERT INTO ps_buckets(name) VALUES(?) ON CONFLICT DO UPDATE"
            + " SET last_applied_op = last_applied_op RETURNING id, last_applied_op, last_op";
    private static final String DELETE_BUCKET = "DELETE FROM ps_buckets WHERE name = ?1 RETURNING id";
    private static final String PROGRESS = "SELECT name, count_at_last, count_since_last FROM ps_buckets";
    private static final String RESET_PROGRESS = "UPDATE ps_buckets SET count_since_last = 0, count_at_last = 0";
    private static final String PROGRESS_AFTER_SYNC =
            "UPDATE ps_buckets SET count_since_last = 0, count_at_last = ? WHERE name = ?";
    private static final String SET_LAST_OP = "UPDATE ps_buckets SET last_op = ? WHERE name = ?";
    // ---- checkpoint.rs ----
    private static final String CHECKSUMS = "SELECT\n    ps_buckets.add_checksum as add_checksum,\n"
            + "    ps_buckets.op_checksum as oplog_checksum\nFROM ps_buckets WHERE name = ?";

    private final WriterStatements writer;

    SqliteBucketStore(WriterStatements writer) {
        this.writer = writer;
    }

    @Override
    public List<BucketRequest> bucketRequests() {
        return writer.run(() -> {
            List<BucketRequest> requests = new ArrayList<>();
            try (ResultSet rows = writer.statement(BUCKET_REQUESTS).executeQuery()) {
                while (rows.next()) {
                    requests.add(new BucketRequest(rows.getString(1), new OpId(rows.getLong(2))));
                }
            }
            return requests;
        });
    }

    @Override
    public BucketHandle lookupBucket(String name) {
        return writer.run(() -> {
            PreparedStatement lookup = writer.statement(LOOKUP_BUCKET);
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
        writer.run(() -> {
            for (String name : names) {
                PreparedStatement delete = writer.statement(DELETE_BUCKET);
                delete.setString(1, name);
                Long id = null;
                try (ResultSet rows = delete.executeQuery()) {
                    if (rows.next()) {
                        id = rows.getLong(1);
                    }
                }
                if (id != null) {
                    writer.update(SqliteOplogStore.QUEUE_BUCKET_ROWS, id);
                    writer.update(SqliteOplogStore.DELETE_BUCKET_OPLOG, id);
                }
            }
            return null;
        });
    }

    @Override
    public List<BucketProgress> bucketProgress() {
        return writer.run(() -> {
            List<BucketProgress> progress = new ArrayList<>();
            try (ResultSet rows = writer.statement(PROGRESS).executeQuery()) {
                while (rows.next()) {
                    progress.add(new BucketProgress(rows.getString(1), rows.getLong(2), rows.getLong(3)));
                }
            }
            return progress;
        });
    }

    @Override
    public void resetProgress() {
        writer.run(() -> writer.update(RESET_PROGRESS));
    }

    @Override
    public void resetProgressAfterSync(Map<String, Long> countsByBucket) {
        writer.run(() -> {
            for (Map.Entry<String, Long> bucket : countsByBucket.entrySet()) {
                writer.update(PROGRESS_AFTER_SYNC, bucket.getValue(), bucket.getKey());
            }
            return null;
        });
    }

    @Override
    public Map<String, BucketChecksums> checksums(Collection<String> names) {
        return writer.run(() -> {
            Map<String, BucketChecksums> checksums = new LinkedHashMap<>();
            PreparedStatement query = writer.statement(CHECKSUMS);
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
        writer.run(() -> {
            for (String name : names) {
                writer.update(SET_LAST_OP, lastOp.value(), name);
            }
            return null;
        });
    }
}
