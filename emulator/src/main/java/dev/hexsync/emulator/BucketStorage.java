package dev.hexsync.emulator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The service's bucket storage: one oplog per bucket, one op id sequence for all of them, and the checkpoint
 * (the last op id at a transaction boundary). Not thread-safe; the emulator's lock guards it.
 */
final class BucketStorage {

    /** A slice of one bucket's oplog for a data line. */
    record Chunk(List<OplogOp> ops, boolean hasMore) {
        long lastOpId() {
            return ops.get(ops.size() - 1).opId();
        }

        /** The largest MOVE/CLEAR target in the chunk; a target beyond the checkpoint withholds its complete. */
        long maxTarget() {
            return ops.stream().mapToLong(OplogOp::targetOp).max().orElse(0);
        }
    }

    /** A bucket's checksum and op count, what a checkpoint announces. */
    record Totals(int checksum, long count) {
        static final Totals EMPTY = new Totals(0, 0);
    }

    private static final class Bucket {
        final List<OplogOp> ops = new ArrayList<>();
        int checksum;
    }

    private final Map<String, Bucket> buckets = new HashMap<>();
    private long lastOpId;
    private long checkpoint;

    long nextOpId() {
        return ++lastOpId;
    }

    void append(String bucket, OplogOp op) {
        Bucket b = buckets.computeIfAbsent(bucket, name -> new Bucket());
        b.ops.add(op);
        b.checksum += op.checksum();
    }

    /** Ends a replicated transaction: its ops become part of the checkpoint. */
    void commit() {
        checkpoint = lastOpId;
    }

    long checkpoint() {
        return checkpoint;
    }

    /**
     * Totals over every op; ops beyond the checkpoint never exist outside a transaction, so this is the
     * checkpoint's sum.
     */
    Totals totals(String bucket) {
        Bucket b = buckets.get(bucket);
        return b == null ? Totals.EMPTY : new Totals(b.checksum, b.ops.size());
    }

    /** Up to {@code limit} ops with {@code after < op_id <= upTo}. */
    Chunk read(String bucket, long after, long upTo, int limit) {
        Bucket b = buckets.get(bucket);
        if (b == null) {
            return new Chunk(List.of(), false);
        }
        List<OplogOp> ops = b.ops;
        int from = firstAfter(ops, after);
        List<OplogOp> chunk = new ArrayList<>();
        int i = from;
        for (; i < ops.size() && ops.get(i).opId() <= upTo && chunk.size() < limit; i++) {
            chunk.add(ops.get(i));
        }
        boolean hasMore = i < ops.size() && ops.get(i).opId() <= upTo;
        return new Chunk(chunk, hasMore);
    }

    private static int firstAfter(List<OplogOp> ops, long after) {
        int low = 0;
        int high = ops.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (ops.get(mid).opId() <= after) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /**
     * Compacts every bucket the way the service's compactor does: a PUT or REMOVE superseded by a later op on
     * the same row becomes a MOVE (same op id and checksum), then a leading run of more than one non-PUT op
     * becomes one CLEAR (the run's last op id, the wrapping sum of its checksums, its largest target). Bucket
     * checksums do not change; counts may shrink.
     *
     * @return the names of the buckets that changed
     */
    Set<String> compact() {
        Set<String> changed = new TreeSet<>();
        buckets.forEach((name, bucket) -> {
            boolean moved = supersedeWithMoves(bucket.ops);
            boolean cleared = clearLeadingRun(bucket.ops);
            if (moved || cleared) {
                changed.add(name);
            }
        });
        return changed;
    }

    private static boolean supersedeWithMoves(List<OplogOp> ops) {
        Map<String, Long> newestByRow = new HashMap<>();
        boolean changed = false;
        for (int i = ops.size() - 1; i >= 0; i--) {
            OplogOp op = ops.get(i);
            String key = op.rowKey();
            if (key == null) {
                continue;
            }
            Long newest = newestByRow.putIfAbsent(key, op.opId());
            if (newest != null) {
                ops.set(i, new OplogOp(op.opId(), OplogOp.Type.MOVE, null, null, null, null, op.checksum(), newest));
                changed = true;
            }
        }
        return changed;
    }

    private static boolean clearLeadingRun(List<OplogOp> ops) {
        int run = 0;
        while (run < ops.size() && ops.get(run).type() != OplogOp.Type.PUT) {
            run++;
        }
        if (run < 2) {
            return false;
        }
        int checksum = 0;
        long target = 0;
        for (int i = 0; i < run; i++) {
            checksum += ops.get(i).checksum();
            target = Math.max(target, ops.get(i).targetOp());
        }
        OplogOp clear = new OplogOp(ops.get(run - 1).opId(), OplogOp.Type.CLEAR, null, null, null, null, checksum,
                target);
        ops.subList(0, run).clear();
        ops.add(0, clear);
        return true;
    }

    BucketSnapshot snapshot(String bucket) {
        Bucket b = buckets.get(bucket);
        return b == null ? null : new BucketSnapshot(bucket, b.checksum, b.ops.size(), b.ops);
    }

    Set<String> bucketNames() {
        return new HashSet<>(buckets.keySet());
    }
}
