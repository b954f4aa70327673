package dev.hexsync.ports.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of a sync stream, decoded. Each line of the wire format is an object with exactly one key
 * naming its kind.
 */
public sealed interface SyncLine {

    /**
     * {@code checkpoint}: the complete state the client should reach.
     *
     * @param writeCheckpoint the last write checkpoint (or checkpoint request id) the service has seen from
     *     this client, if any
     */
    record Checkpoint(OpId lastOpId, Optional<OpId> writeCheckpoint, List<BucketChecksum> buckets,
            List<StreamDescription> streams) implements SyncLine {
        public Checkpoint {
            Objects.requireNonNull(lastOpId, "lastOpId is null");
            Objects.requireNonNull(writeCheckpoint, "writeCheckpoint is null");
            buckets = List.copyOf(buckets);
            streams = List.copyOf(streams);
        }
    }

    /** {@code checkpoint_diff}: changes to the checkpoint tracked so far. */
    record CheckpointDiff(OpId lastOpId, List<BucketChecksum> updatedBuckets, List<String> removedBuckets,
            Optional<OpId> writeCheckpoint) implements SyncLine {
        public CheckpointDiff {
            Objects.requireNonNull(lastOpId, "lastOpId is null");
            updatedBuckets = List.copyOf(updatedBuckets);
            removedBuckets = List.copyOf(removedBuckets);
            Objects.requireNonNull(writeCheckpoint, "writeCheckpoint is null");
        }
    }

    /** {@code data}: operations of one bucket. */
    record Data(String bucket, List<OplogEntry> data) implements SyncLine {
        public Data {
            Objects.requireNonNull(bucket, "bucket is null");
            data = List.copyOf(data);
        }
    }

    /**
     * {@code checkpoint_complete}: every bucket of the checkpoint has been sent.
     *
     * @param lastOpId as sent, or null when absent or not a decimal string: the engine ignores this field
     */
    record CheckpointComplete(OpId lastOpId) implements SyncLine {
    }

    /**
     * {@code partial_checkpoint_complete}: every bucket with priority up to {@code priority} has been sent.
     *
     * @param lastOpId as sent, or null when absent or not a decimal string: the engine ignores this field
     */
    record PartialCheckpointComplete(OpId lastOpId, int priority) implements SyncLine {
    }

    /** {@code token_expires_in}: the keepalive, with the seconds left on the credentials. */
    record TokenExpiresIn(long seconds) implements SyncLine {
    }

    /** A line of a kind this client does not know; ignored. */
    record Unknown(String kind) implements SyncLine {
    }
}
