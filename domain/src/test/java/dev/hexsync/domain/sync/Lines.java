package dev.hexsync.domain.sync;

import dev.hexsync.ports.model.BucketChecksum;
import dev.hexsync.ports.model.BucketSubscriptionReason;
import dev.hexsync.ports.model.Checksum;
import dev.hexsync.ports.model.OpId;
import dev.hexsync.ports.model.OpType;
import dev.hexsync.ports.model.OplogEntry;
import dev.hexsync.ports.model.StreamDescription;
import dev.hexsync.ports.model.SyncLine;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** A compact way to write sync lines in tests, in the protocol's own terms. */
final class Lines {
    private Lines() {
    }

    // ---- ops ----------------------------------------------------------------------------------------------

    static OplogEntry put(long opId, String type, String id, String data, long checksum) {
        return new OplogEntry(new OpId(opId), OpType.PUT, type, id, null, data, Checksum.of(checksum));
    }

    static OplogEntry put(long opId, String type, String id, String subkey, String data, long checksum) {
        return new OplogEntry(new OpId(opId), OpType.PUT, type, id, subkey, data, Checksum.of(checksum));
    }

    static OplogEntry remove(long opId, String type, String id, long checksum) {
        return new OplogEntry(new OpId(opId), OpType.REMOVE, type, id, null, null, Checksum.of(checksum));
    }

    static OplogEntry remove(long opId, String type, String id, String subkey, long checksum) {
        return new OplogEntry(new OpId(opId), OpType.REMOVE, type, id, subkey, null, Checksum.of(checksum));
    }

    static OplogEntry move(long opId, long checksum) {
        return new OplogEntry(new OpId(opId), OpType.MOVE, null, null, null, null, Checksum.of(checksum));
    }

    static OplogEntry clear(long opId, long checksum) {
        return new OplogEntry(new OpId(opId), OpType.CLEAR, null, null, null, null, Checksum.of(checksum));
    }

    // ---- buckets ------------------------------------------------------------------------------------------

    static BucketChecksum bucket(String name, long checksum) {
        return new BucketChecksum(name, Checksum.of(checksum), BucketChecksum.DEFAULT_PRIORITY, OptionalLong.empty(),
                List.of());
    }

    static BucketChecksum bucket(String name, long checksum, int priority) {
        return new BucketChecksum(name, Checksum.of(checksum), priority, OptionalLong.empty(), List.of());
    }

    static BucketChecksum bucket(String name, long checksum, int priority, long count) {
        return new BucketChecksum(name, Checksum.of(checksum), priority, OptionalLong.of(count), List.of());
    }

    static BucketChecksum bucket(String name, long checksum, int priority, BucketSubscriptionReason... reasons) {
        return new BucketChecksum(name, Checksum.of(checksum), priority, OptionalLong.empty(), List.of(reasons));
    }

    static BucketSubscriptionReason defaultStream(int index) {
        return new BucketSubscriptionReason.DefaultStream(index);
    }

    static BucketSubscriptionReason sub(int index) {
        return new BucketSubscriptionReason.ExplicitSubscription(index);
    }

    static StreamDescription stream(String name, boolean isDefault, StreamDescription.StreamSubscriptionError... errors) {
        return new StreamDescription(name, isDefault, List.of(errors));
    }

    /** An error of the default subscription (index null) or of the request's {@code index}-th one. */
    static StreamDescription.StreamSubscriptionError error(Integer index, String message) {
        return new StreamDescription.StreamSubscriptionError(index, message);
    }

    // ---- lines --------------------------------------------------------------------------------------------

    static SyncLine.Checkpoint checkpoint(long lastOpId, BucketChecksum... buckets) {
        return new SyncLine.Checkpoint(new OpId(lastOpId), Optional.empty(), List.of(buckets), List.of());
    }

    static SyncLine.Checkpoint checkpoint(long lastOpId, Long writeCheckpoint, List<BucketChecksum> buckets,
            List<StreamDescription> streams) {
        return new SyncLine.Checkpoint(new OpId(lastOpId), Optional.ofNullable(writeCheckpoint).map(OpId::new),
                buckets, streams);
    }

    static SyncLine.CheckpointDiff diff(long lastOpId, List<BucketChecksum> updated, List<String> removed) {
        return new SyncLine.CheckpointDiff(new OpId(lastOpId), updated, removed, Optional.empty());
    }

    static SyncLine.CheckpointDiff diff(long lastOpId, Long writeCheckpoint, List<BucketChecksum> updated,
            List<String> removed) {
        return new SyncLine.CheckpointDiff(new OpId(lastOpId), updated, removed,
                Optional.ofNullable(writeCheckpoint).map(OpId::new));
    }

    static SyncLine.Data data(String bucket, OplogEntry... ops) {
        return new SyncLine.Data(bucket, List.of(ops));
    }

    static SyncLine.CheckpointComplete complete(long lastOpId) {
        return new SyncLine.CheckpointComplete(new OpId(lastOpId));
    }

    static SyncLine.PartialCheckpointComplete partial(long lastOpId, int priority) {
        return new SyncLine.PartialCheckpointComplete(new OpId(lastOpId), priority);
    }

    static SyncLine.TokenExpiresIn keepalive(long seconds) {
        return new SyncLine.TokenExpiresIn(seconds);
    }
}
