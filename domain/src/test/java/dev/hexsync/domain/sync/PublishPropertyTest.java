package dev.hexsync.domain.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hexsync.ports.model.BucketChecksum;
import dev.hexsync.ports.model.Checksum;
import dev.hexsync.ports.model.OpId;
import dev.hexsync.ports.model.OpType;
import dev.hexsync.ports.model.OplogEntry;
import dev.hexsync.ports.model.SyncLine;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Publishing as a property: whatever PUTs and REMOVEs the service sends, spread over 1 to 4 buckets, split
 * into lines of any size and interleaved across buckets in any order, over several checkpoints, the published
 * table must hold, for each row, the data of the op with the greatest op id among the PUTs still current in
 * any bucket, and no row without one. The expected table is computed here from that sentence alone, never
 * from the engine's rules (supersede, updated rows, last_applied_op), so it checks them.
 *
 * <p>Seeded: a failure names its seed, and {@link #replay} re-runs one seed.
 */
class PublishPropertyTest {
    private static final int CASES = 300;
    private static final long FIRST_SEED = 20_250_301L;
    private static final String TYPE = "items";

    @Test
    void publishedRowsAreTheNewestCurrentPutOfEachRow() {
        for (int i = 0; i < CASES; i++) {
            long seed = FIRST_SEED + i;
            try {
                runCase(seed);
            } catch (RuntimeException e) {
                throw new AssertionError("seed " + seed + ": the engine failed", e);
            }
        }
    }

    /** Re-runs one case; paste a failing seed here while debugging. */
    @Test
    void replay() {
        runCase(FIRST_SEED);
    }

    /** The model of one bucket: its current PUT per key and the sum of every op checksum it was sent. */
    private static final class BucketModel {
        final Map<String, OplogEntry> current = new HashMap<>();
        Checksum checksum = Checksum.ZERO;

        void apply(OplogEntry op) {
            checksum = checksum.plus(op.checksum());
            if (op.op() == OpType.PUT) {
                current.put(op.key(), op);
            } else {
                current.remove(op.key());
            }
        }
    }

    private static void runCase(long seed) {
        Random random = new Random(seed);
        SyncHarness h = new SyncHarness();
        h.store.declareTable(TYPE);
        h.start();

        int rows = 1 + random.nextInt(6);
        List<String> names = new ArrayList<>();
        for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
            names.add("bucket" + i);
        }
        Map<String, BucketModel> buckets = new LinkedHashMap<>();
        names.forEach(name -> buckets.put(name, new BucketModel()));
        long opId = 0;
        StringBuilder script = new StringBuilder();
        boolean tracking = false;

        for (int round = 0, rounds = 1 + random.nextInt(4); round < rounds; round++) {
            // Sometimes the service stops sending a bucket: its rows must go unless another bucket has them.
            if (round > 0 && buckets.size() > 1 && random.nextInt(5) == 0) {
                String dropped = List.copyOf(buckets.keySet()).get(random.nextInt(buckets.size()));
                buckets.remove(dropped);
                script.append("drop ").append(dropped).append('\n');
            }

            // The ops of this round, each bucket's in op id order.
            Map<String, List<OplogEntry>> sent = new LinkedHashMap<>();
            for (int i = 0, n = random.nextInt(12); i < n; i++) {
                String bucket = List.copyOf(buckets.keySet()).get(random.nextInt(buckets.size()));
                String id = "r" + random.nextInt(rows);
                String subkey = random.nextInt(4) == 0 ? "s" + random.nextInt(2) : null;
                long checksum = random.nextLong() & 0xffffffffL;
                opId++;
                OplogEntry op = random.nextInt(3) == 0
                        ? new OplogEntry(new OpId(opId), OpType.REMOVE, TYPE, id, subkey, null, Checksum.of(checksum))
                        : new OplogEntry(new OpId(opId), OpType.PUT, TYPE, id, subkey, "{\"op\":" + opId + "}",
                                Checksum.of(checksum));
                buckets.get(bucket).apply(op);
                sent.computeIfAbsent(bucket, b -> new ArrayList<>()).add(op);
            }

            List<BucketChecksum> checksums = new ArrayList<>();
            buckets.forEach((name, model) -> checksums.add(new BucketChecksum(name, model.checksum,
                    BucketChecksum.DEFAULT_PRIORITY, OptionalLong.empty(), List.of())));
            List<String> removed = names.stream().filter(name -> !buckets.containsKey(name)).toList();
            if (tracking && random.nextBoolean()) {
                h.line(new SyncLine.CheckpointDiff(new OpId(opId), checksums, removed, Optional.empty()));
                script.append("checkpoint_diff ").append(checksums.size()).append(" buckets\n");
            } else {
                h.line(new SyncLine.Checkpoint(new OpId(opId), Optional.empty(), checksums, List.of()));
                script.append("checkpoint ").append(checksums.size()).append(" buckets\n");
            }
            tracking = true;

            for (SyncLine.Data line : interleave(splitIntoLines(sent, random), random)) {
                h.line(line);
                script.append("data ").append(line.bucket()).append(' ')
                        .append(line.data().stream().map(op -> op.op() + " " + op.key() + " #" + op.opId()).toList())
                        .append('\n');
            }

            List<Instruction> out;
            boolean held = random.nextInt(4) == 0;
            if (held) {
                // Local writes hold the checkpoint back until the upload is done.
                h.store.setPendingUploads(1);
                Map<String, String> before = h.store.rows(TYPE);
                out = h.line(new SyncLine.CheckpointComplete(new OpId(opId)));
                assertThat(h.store.rows(TYPE)).as("seed %d: nothing published while uploads are queued", seed)
                        .isEqualTo(before);
                h.store.setPendingUploads(0);
                out = h.event(new SyncEvent.UploadFinished());
                script.append("checkpoint_complete (held, then upload finished)\n");
            } else {
                out = h.line(new SyncLine.CheckpointComplete(new OpId(opId)));
                script.append("checkpoint_complete\n");
            }

            assertThat(out).as("seed %d: the checkpoint applies%n%s", seed, script)
                    .contains(new Instruction.DidCompleteSync(null));
            assertThat(h.store.rows(TYPE)).as("seed %d: published rows after round %d%n%s", seed, round, script)
                    .isEqualTo(expectedRows(buckets));
            assertThat(h.store.updatedRows()).as("seed %d: a full publish leaves no row to re-check", seed).isEmpty();
        }
    }

    /** For each row, the data of the greatest-op-id current PUT across buckets; absent when there is none. */
    private static Map<String, String> expectedRows(Map<String, BucketModel> buckets) {
        Map<String, OplogEntry> newest = new TreeMap<>();
        for (BucketModel bucket : buckets.values()) {
            for (OplogEntry put : bucket.current.values()) {
                newest.merge(put.objectId(), put, (a, b) -> a.opId().compareTo(b.opId()) >= 0 ? a : b);
            }
        }
        Map<String, String> rows = new TreeMap<>();
        newest.forEach((id, put) -> rows.put(id, put.data()));
        return rows;
    }

    /** Cuts each bucket's ops into consecutive lines of random sizes (1 op and up). */
    private static Map<String, List<SyncLine.Data>> splitIntoLines(Map<String, List<OplogEntry>> sent, Random random) {
        Map<String, List<SyncLine.Data>> lines = new LinkedHashMap<>();
        sent.forEach((bucket, ops) -> {
            List<SyncLine.Data> cut = new ArrayList<>();
            int from = 0;
            while (from < ops.size()) {
                int to = from + 1 + random.nextInt(ops.size() - from);
                cut.add(new SyncLine.Data(bucket, ops.subList(from, to)));
                from = to;
            }
            lines.put(bucket, cut);
        });
        return lines;
    }

    /** Merges the buckets' line sequences in a random order, keeping each bucket's own order. */
    private static List<SyncLine.Data> interleave(Map<String, List<SyncLine.Data>> perBucket, Random random) {
        List<List<SyncLine.Data>> queues = new ArrayList<>();
        perBucket.values().forEach(lines -> queues.add(new ArrayList<>(lines)));
        List<SyncLine.Data> merged = new ArrayList<>();
        while (!queues.isEmpty()) {
            int pick = random.nextInt(queues.size());
            List<SyncLine.Data> queue = queues.get(pick);
            merged.add(queue.remove(0));
            if (queue.isEmpty()) {
                queues.remove(pick);
            }
        }
        return merged;
    }
}
