package dev.hexsync.adapters.h2;

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
 * {@code ps_buckets} on H2: the engine's statements with H2's forms (a lookup then an insert where the engine
 * upserts with RETURNING; BITAND where it masks with {@code &}). Runs on the writer inside {@link H2Session#write}.
 */
final class H2BucketStore implements BucketStore {
    private static final String BUCKET_REQUESTS = "SELECT name, last_op FROM ps_buckets WHERE pending_delete = 0 ORDER BY id";
    private static final String FIND_BUCKET = "SELECT id, last_applied_op, last_op FROM ps_buckets WHERE name = ?";
    private static final String INSERT_BUCKET = "INSERT INTO ps_buckets(name) VALUES (?)";
    private static final String BUCKET_ID = "SELECT id FROM ps_buckets WHERE name = ?";
    private static final String DELETE_BUCKET = "DELETE FROM ps_buckets WHERE id = ?";
    private static final String PROGRESS = "SELECT name, count_at_last, count_since_last FROM ps_buckets ORDER BY id";
    private static final String RESET_PROGRESS = "UPDATE ps_buckets SET count_since_last = 0, count_at_last = 0";
    private static final String PROGRESS_AFTER_SYNC =
            "UPDATE ps_buckets SET count_since_last = 0, count_at_last = ? WHERE name = ?";
    private static final String SET_LAST_OP = "UPDATE ps_buckets SET last_op = ? WHERE name = ?";
    private static final String CHECKSUMS = "SELECT add_checksum, op_checksum FROM ps_buckets WHERE name = ?";

    private final H2Statements writer;

    H2BucketStore(H2Statements writer) {
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
            for (int attempt = 0; attempt < 2; attempt++) {
                PreparedStatement find = writer.statement(FIND_BUCKET);
                find.setString(1, name);
                try (ResultSet rows = find.executeQuery()) {
                    if (rows.next()) {
                        return new BucketHandle(rows.getLong(1), new OpId(rows.getLong(2)), new OpId(rows.getLong(3)));
                    }
                }
                writer.update(INSERT_BUCKET, name);
                writer.session().touch("ps_buckets");
            }
            throw new StorageException("Inserting bucket '" + name + "' left no row");
        });
    }

    @Override
    public void deleteBuckets(Collection<String> names) {
        writer.run(() -> {
            for (String name : names) {
                PreparedStatement find = writer.statement(BUCKET_ID);
                find.setString(1, name);
                Long id = null;
                try (ResultSet rows = find.executeQuery()) {
                    if (rows.next()) {
                        id = rows.getLong(1);
                    }
                }
                if (id != null) {
                    writer.update(DELETE_BUCKET, id);
                    writer.update(H2OplogStore.QUEUE_BUCKET_ROWS, id);
                    writer.update(H2OplogStore.DELETE_BUCKET_OPLOG, id);
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
