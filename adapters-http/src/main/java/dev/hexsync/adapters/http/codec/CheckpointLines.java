package dev.hexsync.adapters.http.codec;

import dev.hexsync.adapters.http.codec.WireReader.NumberForm;
import dev.hexsync.adapters.http.codec.WireReader.Token;
import dev.hexsync.ports.model.BucketChecksum;
import dev.hexsync.ports.model.BucketSubscriptionReason;
import dev.hexsync.ports.model.Checksum;
import dev.hexsync.ports.model.OpId;
import dev.hexsync.ports.model.StreamDescription;
import dev.hexsync.ports.model.StreamDescription.StreamSubscriptionError;
import dev.hexsync.ports.model.SyncLine;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** The checkpoint line kinds of {@link SyncLineParser}, with the bucket checksums and stream descriptions in them. */
final class CheckpointLines {
    private CheckpointLines() {
    }

    static SyncLine.Checkpoint checkpoint(SyncLineParser p) {
        p.beginObject();
        OpId lastOpId = null;
        Optional<OpId> writeCheckpoint = Optional.empty();
        List<BucketChecksum> buckets = null;
        List<StreamDescription> streams = List.of();
        int seen = 0;
        for (String field; (field = p.nextField()) != null; p.pop()) {
            p.push(field);
            switch (field) {
                case "last_op_id" -> {
                    seen = p.once(seen, 1);
                    lastOpId = LineScalars.opId(p);
                }
                case "write_checkpoint" -> {
                    seen = p.once(seen, 2);
                    writeCheckpoint = LineScalars.optionalOpId(p);
                }
                case "buckets" -> {
                    seen = p.once(seen, 4);
                    buckets = bucketChecksums(p);
                }
                case "streams" -> {
                    // A serde default: may be absent, but an explicit null is not an empty list.
                    seen = p.once(seen, 8);
                    streams = streamDescriptions(p);
                }
                default -> p.skipValue();
            }
        }
        p.requireField(lastOpId != null, "last_op_id");
        p.requireField(buckets != null, "buckets");
        return new SyncLine.Checkpoint(lastOpId, writeCheckpoint, buckets, streams);
    }

    static SyncLine.CheckpointDiff checkpointDiff(SyncLineParser p) {
        p.beginObject();
        OpId lastOpId = null;
        List<BucketChecksum> updated = null;
        List<String> removed = null;
        Optional<OpId> writeCheckpoint = Optional.empty();
        int seen = 0;
        for (String field; (field = p.nextField()) != null; p.pop()) {
            p.push(field);
            switch (field) {
                case "last_op_id" -> {
                    seen = p.once(seen, 1);
                    lastOpId = LineScalars.opId(p);
                }
                case "updated_buckets" -> {
                    seen = p.once(seen, 2);
                    updated = bucketChecksums(p);
                }
                case "removed_buckets" -> {
                    seen = p.once(seen, 4);
                    removed = LineScalars.strings(p);
                }
                case "write_checkpoint" -> {
                    seen = p.once(seen, 8);
                    writeCheckpoint = LineScalars.optionalOpId(p);
                }
                default -> p.skipValue();
            }
        }
        p.requireField(lastOpId != null, "last_op_id");
        p.requireField(updated != null, "updated_buckets");
        p.requireField(removed != null, "removed_buckets");
        return new SyncLine.CheckpointDiff(lastOpId, updated, removed, writeCheckpoint);
    }

    /**
     * The engine declares this line as an empty struct: {@code last_op_id} is neither required nor checked. We
     * report it when it is a well-formed decimal string and otherwise leave it null, as nothing depends on it.
     */
    static SyncLine.CheckpointComplete checkpointComplete(SyncLineParser p) {
        p.beginObject();
        OpId lastOpId = null;
        for (String field; (field = p.nextField()) != null; p.pop()) {
            p.push(field);
            if (field.equals("last_op_id")) {
                OpId value = LineScalars.lenientOpId(p);
                lastOpId = lastOpId == null ? value : lastOpId;
            } else {
                p.skipValue();
            }
        }
        return new SyncLine.CheckpointComplete(lastOpId);
    }

    /** As for {@link #checkpointComplete}, {@code last_op_id} is optional and unchecked; the priority is required. */
    static SyncLine.PartialCheckpointComplete partialCheckpointComplete(SyncLineParser p) {
        p.beginObject();
        OpId lastOpId = null;
        int priority = -1;
        int seen = 0;
        for (String field; (field = p.nextField()) != null; p.pop()) {
            p.push(field);
            switch (field) {
                case "priority" -> {
                    seen = p.once(seen, 1);
                    priority = LineScalars.priority(p, p.next());
                }
                case "last_op_id" -> {
                    OpId value = LineScalars.lenientOpId(p);
                    lastOpId = lastOpId == null ? value : lastOpId;
                }
                default -> p.skipValue();
            }
        }
        p.requireField(priority >= 0, "priority");
        return new SyncLine.PartialCheckpointComplete(lastOpId, priority);
    }

    private static List<BucketChecksum> bucketChecksums(SyncLineParser p) {
        p.beginArray();
        List<BucketChecksum> result = new ArrayList<>();
        for (int i = 0; p.hasNextElement(); i++) {
            p.atIndex(i);
            result.add(bucketChecksum(p));
        }
        p.atIndex(-1);
        return result;
    }

    private static BucketChecksum bucketChecksum(SyncLineParser p) {
        p.beginObject();
        String bucket = null;
        Checksum checksum = null;
        int priority = BucketChecksum.DEFAULT_PRIORITY;
        OptionalLong count = OptionalLong.empty();
        List<BucketSubscriptionReason> subscriptions = List.of();
        int seen = 0;
        for (String field; (field = p.nextField()) != null; p.pop()) {
            p.push(field);
            switch (field) {
                case "bucket" -> {
                    seen = p.once(seen, 1);
                    bucket = LineScalars.string(p);
                }
                case "checksum" -> {
                    seen = p.once(seen, 2);
                    checksum = LineScalars.checksum(p);
                }
                case "priority" -> {
                    // Option<BucketPriority>: null means "not stated", like absence.
                    seen = p.once(seen, 4);
                    Token token = p.next();
                    priority = token == Token.NULL ? BucketChecksum.DEFAULT_PRIORITY : LineScalars.priority(p, token);
                }
                case "count" -> {
                    seen = p.once(seen, 8);
                    count = LineScalars.optionalCount(p);
                }
                case "subscriptions" -> {
                    seen = p.once(seen, 16);
                    subscriptions = subscriptionReasons(p);
                }
                default -> p.skipValue();
            }
        }
        p.requireField(bucket != null, "bucket");
        p.requireField(checksum != null, "checksum");
        return new BucketChecksum(bucket, checksum, priority, count, subscriptions);
    }

    private static List<BucketSubscriptionReason> subscriptionReasons(SyncLineParser p) {
        p.beginArray();
        List<BucketSubscriptionReason> result = new ArrayList<>();
        for (int i = 0; p.hasNextElement(); i++) {
            p.atIndex(i);
            result.add(subscriptionReason(p));
        }
        p.atIndex(-1);
        return result;
    }

    /** An externally tagged enum in the engine: an object with exactly one key, {@code default} or {@code sub}. */
    private static BucketSubscriptionReason subscriptionReason(SyncLineParser p) {
        p.beginObject();
        String key = p.nextField();
        if (key == null) {
            throw p.invalid(
                    "expected a subscription reason {\"default\": index} or {\"sub\": index}, got an empty object");
        }
        if (!key.equals("default") && !key.equals("sub")) {
            throw p.invalid("unknown subscription reason '" + key + "', expected 'default' or 'sub'");
        }
        p.push(key);
        int index = LineScalars.reasonIndex(p);
        p.pop();
        String extra = p.nextField();
        if (extra != null) {
            throw p.invalid("a subscription reason has exactly one key, got '" + key + "' and '" + extra + "'");
        }
        return key.equals("default")
                ? new BucketSubscriptionReason.DefaultStream(index)
                : new BucketSubscriptionReason.ExplicitSubscription(index);
    }

    private static List<StreamDescription> streamDescriptions(SyncLineParser p) {
        p.beginArray();
        List<StreamDescription> result = new ArrayList<>();
        for (int i = 0; p.hasNextElement(); i++) {
            p.atIndex(i);
            result.add(streamDescription(p));
        }
        p.atIndex(-1);
        return result;
    }

    /** All three fields are required: the engine gives none of them a default. */
    private static StreamDescription streamDescription(SyncLineParser p) {
        p.beginObject();
        String name = null;
        Boolean isDefault = null;
        List<StreamSubscriptionError> errors = null;
        int seen = 0;
        for (String field; (field = p.nextField()) != null; p.pop()) {
            p.push(field);
            switch (field) {
                case "name" -> {
                    seen = p.once(seen, 1);
                    name = LineScalars.string(p);
                }
                case "is_default" -> {
                    seen = p.once(seen, 2);
                    isDefault = bool(p);
                }
                case "errors" -> {
                    seen = p.once(seen, 4);
                    errors = streamErrors(p);
                }
                default -> p.skipValue();
            }
        }
        p.requireField(name != null, "name");
        p.requireField(isDefault != null, "is_default");
        p.requireField(errors != null, "errors");
        return new StreamDescription(name, isDefault, errors);
    }

    private static List<StreamSubscriptionError> streamErrors(SyncLineParser p) {
        p.beginArray();
        List<StreamSubscriptionError> result = new ArrayList<>();
        for (int i = 0; p.hasNextElement(); i++) {
            p.atIndex(i);
            result.add(streamError(p));
        }
        p.atIndex(-1);
        return result;
    }

    private static StreamSubscriptionError streamError(SyncLineParser p) {
        p.beginObject();
        boolean hasSubscription = false;
        Integer subscription = null;
        String message = null;
        int seen = 0;
        for (String field; (field = p.nextField()) != null; p.pop()) {
            p.push(field);
            switch (field) {
                case "subscription" -> {
                    seen = p.once(seen, 1);
                    subscription = errorCause(p);
                    hasSubscription = true;
                }
                case "message" -> {
                    seen = p.once(seen, 2);
                    message = LineScalars.string(p);
                }
                default -> p.skipValue();
            }
        }
        p.requireField(hasSubscription, "subscription");
        p.requireField(message != null, "message");
        return new StreamSubscriptionError(subscription, message);
    }

    /**
     * The engine's visitor takes any string as "the default subscription", an unsigned integer (every
     * non-negative JSON integer) or a BSON int32 as an index, and nothing else: a BSON int64 or a negative JSON
     * integer is refused. It casts a negative int32 to a huge index; we refuse it, as no request has one.
     *
     * @return null for the default subscription
     */
    private static Integer errorCause(SyncLineParser p) {
        Token token = p.next();
        if (token == Token.STRING) {
            return null;
        }
        if (token == Token.NUMBER) {
            long value = p.in.longValue();
            if (p.in.numberForm() == NumberForm.UINT64 || p.in.numberForm() == NumberForm.INT32) {
                if (value >= 0 && value <= Integer.MAX_VALUE) {
                    return (int) value;
                }
                throw p.invalid("subscription index out of range, got " + p.describe(token));
            }
        }
        throw p.invalid("expected \"default\" or a subscription index, got " + p.describe(token));
    }

    private static boolean bool(SyncLineParser p) {
        Token token = p.next();
        if (token == Token.BOOLEAN) {
            return p.in.booleanValue();
        }
        throw p.invalid("expected a boolean, got " + p.describe(token));
    }
}
