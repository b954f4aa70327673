package dev.hexsync.emulator;

import java.util.List;

/**
 * A bucket's oplog and totals at the latest checkpoint, for assertions.
 *
 * @param name the bucket id, as it appears in checkpoints
 * @param checksum the wrapping 32-bit sum of every op's checksum (what a checkpoint announces)
 * @param count the number of ops (what a checkpoint announces as {@code count})
 * @param ops the ops in op id order
 */
public record BucketSnapshot(String name, int checksum, long count, List<OplogOp> ops) {
    public BucketSnapshot {
        ops = List.copyOf(ops);
    }
}
