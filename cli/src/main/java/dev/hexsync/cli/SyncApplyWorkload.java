package dev.hexsync.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * The input of the sync-apply benchmark, generated once and held in memory: an initial sync of {@code ops} PUTs
 * of distinct rows spread over {@value #BUCKETS} buckets, as the JSON text lines a PowerSync Service sends (one
 * checkpoint with each bucket's checksum and count, data lines of up to {@value #OPS_PER_LINE} ops, one
 * {@code checkpoint_complete}), and the same rows column by column for the floor. Ops look like the service's:
 * UUID row ids, a subkey, op ids ascending across buckets, unsigned 32-bit checksums.
 */
final class SyncApplyWorkload {
    static final int BUCKETS = 10;
    static final int OPS_PER_LINE = 1_000;
    static final String TABLE = "todos";

    final int ops;
    final List<String> lines;
    /** Total length of the lines, characters (they are ASCII, so also bytes). */
    final long lineChars;

    // The floor's rows, op by op in line order; the bucket of op i is bucketOf[i] (1-based, like ps_buckets.id).
    final int[] bucketOf;
    final String[] rowIds;
    final String[] keys;
    final String[] data;
    final int[] checksums;

    /** How row ids are spread: random UUIDs (as most PowerSync apps use), or UUIDs in ascending order. */
    enum Ids {
        RANDOM, ORDERED
    }

    final Ids ids;

    private SyncApplyWorkload(int ops, Ids ids) {
        this.ops = ops;
        this.ids = ids;
        bucketOf = new int[ops];
        rowIds = new String[ops];
        keys = new String[ops];
        data = new String[ops];
        checksums = new int[ops];
        lines = new ArrayList<>();
        Random random = new Random(0x5EED + ops);
        String sourceTable = uuid(random);

        int[] checksumOfBucket = new int[BUCKETS];
        int[] countOfBucket = new int[BUCKETS];
        int op = 0;
        for (int bucket = 0; bucket < BUCKETS; bucket++) {
            int count = ops / BUCKETS + (bucket < ops % BUCKETS ? 1 : 0);
            countOfBucket[bucket] = count;
            String list = uuid(random);
            for (int i = 0; i < count; i++, op++) {
                String id = ids == Ids.RANDOM ? uuid(random) : new UUID(0x4000L, 0x8000_0000_0000_0000L | op).toString();
                bucketOf[op] = bucket + 1;
                rowIds[op] = id;
                keys[op] = TABLE + "/" + id + "/" + sourceTable + "/" + uuid(random);
                data[op] = "{\"id\":\"" + id + "\",\"created_at\":\"2026-01-" + (10 + i % 20) + " 12:03:26."
                        + (100_000 + i % 900_000) + "Z\",\"completed_at\":null,\"description\":\"Item " + i
                        + " of list " + bucket + "\",\"completed\":" + (i % 2) + ",\"list_id\":\"" + list + "\"}";
                checksums[op] = random.nextInt();
                checksumOfBucket[bucket] += checksums[op];
            }
        }

        StringBuilder line = new StringBuilder(256);
        line.append("{\"checkpoint\":{\"last_op_id\":\"").append(ops).append("\",\"buckets\":[");
        for (int bucket = 0; bucket < BUCKETS; bucket++) {
            line.append(bucket == 0 ? "" : ",").append("{\"bucket\":\"").append(bucketName(bucket))
                    .append("\",\"checksum\":").append(Integer.toUnsignedLong(checksumOfBucket[bucket]))
                    .append(",\"count\":").append(countOfBucket[bucket]).append(",\"priority\":3}");
        }
        lines.add(line.append("]}}").toString());

        op = 0;
        for (int bucket = 0; bucket < BUCKETS; bucket++) {
            int end = op + countOfBucket[bucket];
            String after = "0";
            while (op < end) {
                int lineEnd = Math.min(end, op + OPS_PER_LINE);
                line = new StringBuilder(512 * (lineEnd - op));
                line.append("{\"data\":{\"bucket\":\"").append(bucketName(bucket)).append("\",\"after\":\"")
                        .append(after).append("\",\"has_more\":").append(lineEnd < end).append(",\"data\":[");
                for (int i = op; i < lineEnd; i++) {
                    String key = keys[i];
                    String subkey = key.substring(TABLE.length() + 1 + rowIds[i].length() + 1);
                    line.append(i == op ? "" : ",").append("{\"op_id\":\"").append(i + 1)
                            .append("\",\"op\":\"PUT\",\"object_type\":\"").append(TABLE)
                            .append("\",\"object_id\":\"").append(rowIds[i])
                            .append("\",\"checksum\":").append(Integer.toUnsignedLong(checksums[i]))
                            .append(",\"subkey\":\"").append(subkey)
                            .append("\",\"data\":\"").append(data[i].replace("\"", "\\\"")).append("\"}");
                }
                after = Integer.toString(lineEnd);
                lines.add(line.append("],\"next_after\":\"").append(after).append("\"}}").toString());
                op = lineEnd;
            }
        }
        lines.add("{\"checkpoint_complete\":{\"last_op_id\":\"" + ops + "\"}}");
        long chars = 0;
        for (String text : lines) {
            chars += text.length();
        }
        lineChars = chars;
    }

    static SyncApplyWorkload generate(int ops, Ids ids) {
        if (ops < BUCKETS) {
            throw new IllegalArgumentException("sync-apply needs at least " + BUCKETS + " ops, got " + ops);
        }
        return new SyncApplyWorkload(ops, ids);
    }

    static String bucketName(int bucket) {
        return "1#todos_by_list[" + bucket + "]";
    }

    private static String uuid(Random random) {
        long most = (random.nextLong() & ~0xF000L) | 0x4000L;
        long least = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(most, least).toString();
    }
}
