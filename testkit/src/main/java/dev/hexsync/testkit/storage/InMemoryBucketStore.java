package dev.hexsync.testkit.storage;

import dev.hexsync.ports.model.Checksum;
import dev.hexsync.ports.model.OpId;
import dev.hexsync.ports.storage.sync.BucketStore;
import dev.hexsync.testkit.storage.InMemorySyncStorage.BucketRow;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** {@code ps_buckets} of an {@link InMemorySyncStorage}. */
final class InMemoryBucketStore implements BucketStore {
    private final InMemorySyncStorage state;

    InMemoryBucketStore(InMemorySyncStorage state) {
        this.state = state;
    }

    @Override
    public List<BucketRequest> bucketRequests() {
        List<BucketRequest> requests = new ArrayList<>();
        for (BucketRow row : state.buckets.values()) {
            if (!row.pendingDelete()) {
                requests.add(new BucketRequest(row.name(), new OpId(row.lastOp())));
            }
        }
        return requests;
    }

    @Override
    public BucketHandle lookupBucket(String name) {
        Objects.requireNonNull(name, "name is null");
        BucketRow row = state.findBucket(name).orElse(null);
        if (row == null) {
            long id = state.buckets.isEmpty() ? 1 : state.buckets.lastKey() + 1;
            row = new BucketRow(id, name, 0, 0, 0, 0, false, 0, 0, 0);
            state.buckets.put(id, row);
        }
        return new BucketHandle(row.id(), new OpId(row.lastAppliedOp()), new OpId(row.lastOp()));
    }

    @Override
    public void deleteBuckets(Collection<String> names) {
        for (String name : names) {
            Optional<BucketRow> row = state.findBucket(name);
            if (row.isEmpty()) {
                continue;
            }
            long id = row.get().id();
            state.buckets.remove(id);
            state.markOplogUpdated(id);
            state.oplog.remove(id);
        }
    }

    @Override
    public List<BucketProgress> bucketProgress() {
        List<BucketProgress> progress = new ArrayList<>();
        for (BucketRow row : state.buckets.values()) {
            progress.add(new BucketProgress(row.name(), row.countAtLast(), row.countSinceLast()));
        }
        return progress;
    }

    @Override
    public void resetProgress() {
        state.buckets.replaceAll((id, row) -> withCounters(row, 0, 0));
    }

    @Override
    public void resetProgressAfterSync(Map<String, Long> countsByBucket) {
        countsByBucket.forEach((name, count) ->
                state.findBucket(name).ifPresent(row -> state.buckets.put(row.id(), withCounters(row, count, 0))));
    }

    @Override
    public Map<String, BucketChecksums> checksums(Collection<String> names) {
        Map<String, BucketChecksums> sums = new LinkedHashMap<>();
        for (String name : names) {
            state.findBucket(name).ifPresent(row -> sums.put(name,
                    new BucketChecksums(Checksum.of(row.addChecksum()), Checksum.of(row.opChecksum()))));
        }
        return sums;
    }

    @Override
    public void setLastOp(Collection<String> names, OpId lastOp) {
        for (String name : names) {
            state.findBucket(name).ifPresent(row -> state.buckets.put(row.id(), new BucketRow(row.id(), row.name(),
                    row.lastAppliedOp(), lastOp.value(), row.addChecksum(), row.opChecksum(), row.pendingDelete(),
                    row.countAtLast(), row.countSinceLast(), row.downloadedSize())));
        }
    }

    private static BucketRow withCounters(BucketRow row, long atLast, long sinceLast) {
        return new BucketRow(row.id(), row.name(), row.lastAppliedOp(), row.lastOp(), row.addChecksum(),
                row.opChecksum(), row.pendingDelete(), atLast, sinceLast, row.downloadedSize());
    }
}
