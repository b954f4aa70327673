package dev.hexsync.ports.model;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A bucket as a checkpoint describes it.
 *
 * @param bucket the bucket name
 * @param checksum the sum of the checksums of all its ops up to the checkpoint
 * @param priority 0 (highest) .. 3 (default 3)
 * @param count how many ops the bucket has, when the service says
 * @param subscriptions the streams that put the bucket into the checkpoint
 */
public record BucketChecksum(String bucket, Checksum checksum, int priority, OptionalLong count,
        List<BucketSubscriptionReason> subscriptions) {
    /** The priority of buckets that do not state one. */
    public static final int DEFAULT_PRIORITY = 3;

    public BucketChecksum {
        Objects.requireNonNull(bucket, "bucket is null");
        Objects.requireNonNull(checksum, "checksum is null");
        Objects.requireNonNull(count, "count is null");
        subscriptions = List.copyOf(subscriptions);
    }
}
