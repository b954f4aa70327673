package dev.hexsync.adapters.http.codec;

import dev.hexsync.adapters.http.codec.WireReader.NumberForm;
import dev.hexsync.adapters.http.codec.WireReader.Token;
import dev.hexsync.ports.ProtocolException;
import dev.hexsync.ports.model.BucketChecksum;
import dev.hexsync.ports.model.BucketSubscriptionReason;
import dev.hexsync.ports.model.Checksum;
import dev.hexsync.ports.model.OpId;
import dev.hexsync.ports.model.OpType;
import dev.hexsync.ports.model.OplogEntry;
import dev.hexsync.ports.model.StreamDescription;
import dev.hexsync.ports.model.StreamDescription.StreamSubscriptionError;
import dev.hexsync.ports.model.SyncLine;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Turns the tokens of one line into a {@link SyncLine} under the PowerSync engine's rules
 * ({@code crates/core/src/sync/line.rs}, {@code checksum.rs}, {@code bucket_priority.rs}). Single use.
 *
 * <p>The engine decodes lines with serde, so its rules are partly serde's: unknown fields are ignored but
 * known fields may not repeat, {@code Option} fields accept null, fields with a default may be absent but not
 * null, and which number forms a field accepts follows from the visitor methods its type implements. Those
 * consequences are spelled out where each field is read.
 *
 * <p>Where we knowingly differ from the engine, always by refusing something no service sends, or by
 * accepting where checking would cost every line:
 * <ul>
 *   <li>serde also takes a struct as a JSON array of its fields in order, and an op type as
 *       {@code {"PUT": null}}; both are refused here.
 *   <li>The engine's BSON reader stops reading a document once it has what it wants, so a second top-level key,
 *       or a second key in a subscription reason, passes in BSON though not in JSON. We refuse both in both,
 *       so that the encodings agree. It also ignores bytes after the top-level document and a string's missing
 *       zero terminator; {@link BsonReader} refuses them.
 *   <li>Indexes that do not fit an {@code int} (the model's type) are refused, as is a negative BSON int32
 *       stream-error index, which the engine casts to a huge unsigned one.
 *   <li>{@code CheckpointComplete.lastOpId} and {@code PartialCheckpointComplete.lastOpId} are null when the
 *       field is absent or not a decimal string: the engine does not read it at all.
 *   <li>Inside values that are skipped, Jackson checks syntax only, so a number overflowing a double or a lone
 *       UTF-16 surrogate escape passes there (serde_json refuses both everywhere); in fields we read, an
 *       overflowing number is refused. JSON nesting is limited to Jackson's 500 levels (serde_json: 128).
 * </ul>
 */
final class SyncLineParser {
    private static final long MAX_UNSIGNED_32 = 0xFFFF_FFFFL;
    /** The engine's sentinel for "all priorities complete"; the service may not send it. */
    private static final int RESERVED_PRIORITY = Integer.MAX_VALUE;
    private static final int MAX_QUOTED_LENGTH = 60;

    private final WireReader in;
    private Token pushedBack;

    // Where we are, for error messages only: field names with an array index where one applies.
    private String[] pathNames = new String[8];
    private int[] pathIndices = new int[8];
    private int pathDepth;

    SyncLineParser(WireReader in) {
        this.in = in;
    }

    SyncLine parse() {
        Token token = next();
        if (token != Token.START_OBJECT) {
            throw invalid("expected an object with one key naming the line kind, got " + describe(token));
        }
        if (next() == Token.END_OBJECT) {
            throw invalid("expected exactly one key naming the line kind, got an empty object");
        }
        String kind = in.name();
        push(kind);
        SyncLine line;
        switch (kind) {
            case "checkpoint" -> line = checkpoint();
            case "checkpoint_diff" -> line = checkpointDiff();
            case "data" -> line = dataLine();
            case "checkpoint_complete" -> line = checkpointComplete();
            case "partial_checkpoint_complete" -> line = partialCheckpointComplete();
            case "token_expires_in" -> line = tokenExpiresIn();
            default -> {
                // Newer services may add line kinds; the engine skips them (the value must still be well-formed).
                skipValue();
                line = new SyncLine.Unknown(kind);
            }
        }
        pop();
        if (next() == Token.FIELD_NAME) {
            throw invalid("expected exactly one key naming the line kind, got '" + kind + "' and '" + in.name() + "'");
        }
        token = next();
        if (token != Token.END_OF_INPUT) {
            throw invalid("expected the end of the line after its object, got " + describe(token));
        }
        return line;
    }

    // ---- line kinds ----

    private SyncLine.Checkpoint checkpoint() {
        beginObject();
        OpId lastOpId = null;
        Optional<OpId> writeCheckpoint = Optional.empty();
        List<BucketChecksum> buckets = null;
        List<StreamDescription> streams = List.of();
        int seen = 0;
        for (String field; (field = nextField()) != null; pop()) {
            push(field);
            switch (field) {
                case "last_op_id" -> {
                    seen = once(seen, 1);
                    lastOpId = opId();
                }
                case "write_checkpoint" -> {
                    seen = once(seen, 2);
                    writeCheckpoint = optionalOpId();
                }
                case "buckets" -> {
                    seen = once(seen, 4);
                    buckets = bucketChecksums();
                }
                case "streams" -> {
                    // A serde default: may be absent, but an explicit null is not an empty list.
                    seen = once(seen, 8);
                    streams = streamDescriptions();
                }
                default -> skipValue();
            }
        }
        requireField(lastOpId != null, "last_op_id");
        requireField(buckets != null, "buckets");
        return new SyncLine.Checkpoint(lastOpId, writeCheckpoint, buckets, streams);
    }

    private SyncLine.CheckpointDiff checkpointDiff() {
        beginObject();
        OpId lastOpId = null;
        List<BucketChecksum> updated = null;
        List<String> removed = null;
        Optional<OpId> writeCheckpoint = Optional.empty();
        int seen = 0;
        for (String field; (field = nextField()) != null; pop()) {
            push(field);
            switch (field) {
                case "last_op_id" -> {
                    seen = once(seen, 1);
                    lastOpId = opId();
                }
                case "updated_buckets" -> {
                    seen = once(seen, 2);
                    updated = bucketChecksums();
                }
                case "removed_buckets" -> {
                    seen = once(seen, 4);
                    removed = strings();
                }
                case "write_checkpoint" -> {
                    seen = once(seen, 8);
                    writeCheckpoint = optionalOpId();
                }
                default -> skipValue();
            }
        }
        requireField(lastOpId != null, "last_op_id");
        requireField(updated != null, "updated_buckets");
        requireField(removed != null, "removed_buckets");
        return new SyncLine.CheckpointDiff(lastOpId, updated, removed, writeCheckpoint);
    }

    private SyncLine.Data dataLine() {
        beginObject();
        String bucket = null;
        List<OplogEntry> ops = null;
        int seen = 0;
        for (String field; (field = nextField()) != null; pop()) {
            push(field);
            switch (field) {
                case "bucket" -> {
                    seen = once(seen, 1);
                    bucket = string();
                }
                case "data" -> {
                    seen = once(seen, 2);
                    ops = oplogEntries();
                }
                // has_more, after and next_after are sent but not used by the engine.
                default -> skipValue();
            }
        }
        requireField(bucket != null, "bucket");
        requireField(ops != null, "data");
        return new SyncLine.Data(bucket, ops);
    }

    /**
     * The engine declares this line as an empty struct: {@code last_op_id} is neither required nor checked. We
     * report it when it is a well-formed decimal string and otherwise leave it null, as nothing depends on it.
     */
    private SyncLine.CheckpointComplete checkpointComplete() {
        beginObject();
        OpId lastOpId = null;
        for (String field; (field = nextField()) != null; pop()) {
            push(field);
            if (field.equals("last_op_id")) {
                OpId value = lenientOpId();
                lastOpId = lastOpId == null ? value : lastOpId;
            } else {
                skipValue();
            }
        }
        return new SyncLine.CheckpointComplete(lastOpId);
    }

    /** As for {@link #checkpointComplete()}, {@code last_op_id} is optional and unchecked; the priority is required. */
    private SyncLine.PartialCheckpointComplete partialCheckpointComplete() {
        beginObject();
        OpId lastOpId = null;
        int priority = -1;
        int seen = 0;
        for (String field; (field = nextField()) != null; pop()) {
            push(field);
            switch (field) {
                case "priority" -> {
                    seen = once(seen, 1);
                    priority = priority(next());
                }
                case "last_op_id" -> {
                    OpId value = lenientOpId();
                    lastOpId = lastOpId == null ? value : lastOpId;
                }
                default -> skipValue();
            }
        }
        requireField(priority >= 0, "priority");
        return new SyncLine.PartialCheckpointComplete(lastOpId, priority);
    }

    /** The engine holds the seconds in an i32; any integer form in that range is fine, fractions are not. */
    private SyncLine.TokenExpiresIn tokenExpiresIn() {
        Token token = next();
        if (token == Token.NUMBER && in.numberForm() != NumberForm.DOUBLE) {
            long value = in.longValue();
            boolean fits = in.numberForm() == NumberForm.UINT64
                    ? value >= 0 && value <= Integer.MAX_VALUE
                    : value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE;
            if (fits) {
                return new SyncLine.TokenExpiresIn(value);
            }
        }
        throw invalid("expected the seconds until the token expires as a 32-bit integer, got " + describe(token));
    }

    // ---- nested records ----

    private List<BucketChecksum> bucketChecksums() {
        beginArray();
        List<BucketChecksum> result = new ArrayList<>();
        for (int i = 0; hasNextElement(); i++) {
            atIndex(i);
            result.add(bucketChecksum());
        }
        atIndex(-1);
        return result;
    }

    private BucketChecksum bucketChecksum() {
        beginObject();
        String bucket = null;
        Checksum checksum = null;
        int priority = BucketChecksum.DEFAULT_PRIORITY;
        OptionalLong count = OptionalLong.empty();
        List<BucketSubscriptionReason> subscriptions = List.of();
        int seen = 0;
        for (String field; (field = nextField()) != null; pop()) {
            push(field);
            switch (field) {
                case "bucket" -> {
                    seen = once(seen, 1);
                    bucket = string();
                }
                case "checksum" -> {
                    seen = once(seen, 2);
                    checksum = checksum();
                }
                case "priority" -> {
                    // Option<BucketPriority>: null means "not stated", like absence.
                    seen = once(seen, 4);
                    Token token = next();
                    priority = token == Token.NULL ? BucketChecksum.DEFAULT_PRIORITY : priority(token);
                }
                case "count" -> {
                    seen = once(seen, 8);
                    count = optionalCount();
                }
                case "subscriptions" -> {
                    seen = once(seen, 16);
                    subscriptions = subscriptionReasons();
                }
                default -> skipValue();
            }
        }
        requireField(bucket != null, "bucket");
        requireField(checksum != null, "checksum");
        return new BucketChecksum(bucket, checksum, priority, count, subscriptions);
    }

    private List<BucketSubscriptionReason> subscriptionReasons() {
        beginArray();
        List<BucketSubscriptionReason> result = new ArrayList<>();
        for (int i = 0; hasNextElement(); i++) {
            atIndex(i);
            result.add(subscriptionReason());
        }
        atIndex(-1);
        return result;
    }

    /** An externally tagged enum in the engine: an object with exactly one key, {@code default} or {@code sub}. */
    private BucketSubscriptionReason subscriptionReason() {
        beginObject();
        String key = nextField();
        if (key == null) {
            throw invalid("expected a subscription reason {\"default\": index} or {\"sub\": index}, got an empty object");
        }
        if (!key.equals("default") && !key.equals("sub")) {
            throw invalid("unknown subscription reason '" + key + "', expected 'default' or 'sub'");
        }
        push(key);
        int index = reasonIndex();
        pop();
        String extra = nextField();
        if (extra != null) {
            throw invalid("a subscription reason has exactly one key, got '" + key + "' and '" + extra + "'");
        }
        return key.equals("default")
                ? new BucketSubscriptionReason.DefaultStream(index)
                : new BucketSubscriptionReason.ExplicitSubscription(index);
    }

    private List<StreamDescription> streamDescriptions() {
        beginArray();
        List<StreamDescription> result = new ArrayList<>();
        for (int i = 0; hasNextElement(); i++) {
            atIndex(i);
            result.add(streamDescription());
        }
        atIndex(-1);
        return result;
    }

    /** All three fields are required: the engine gives none of them a default. */
    private StreamDescription streamDescription() {
        beginObject();
        String name = null;
        Boolean isDefault = null;
        List<StreamSubscriptionError> errors = null;
        int seen = 0;
        for (String field; (field = nextField()) != null; pop()) {
            push(field);
            switch (field) {
                case "name" -> {
                    seen = once(seen, 1);
                    name = string();
                }
                case "is_default" -> {
                    seen = once(seen, 2);
                    isDefault = bool();
                }
                case "errors" -> {
                    seen = once(seen, 4);
                    errors = streamErrors();
                }
                default -> skipValue();
            }
        }
        requireField(name != null, "name");
        requireField(isDefault != null, "is_default");
        requireField(errors != null, "errors");
        return new StreamDescription(name, isDefault, errors);
    }

    private List<StreamSubscriptionError> streamErrors() {
        beginArray();
        List<StreamSubscriptionError> result = new ArrayList<>();
        for (int i = 0; hasNextElement(); i++) {
            atIndex(i);
            result.add(streamError());
        }
        atIndex(-1);
        return result;
    }

    private StreamSubscriptionError streamError() {
        beginObject();
        boolean hasSubscription = false;
        Integer subscription = null;
        String message = null;
        int seen = 0;
        for (String field; (field = nextField()) != null; pop()) {
            push(field);
            switch (field) {
                case "subscription" -> {
                    seen = once(seen, 1);
                    subscription = errorCause();
                    hasSubscription = true;
                }
                case "message" -> {
                    seen = once(seen, 2);
                    message = string();
                }
                default -> skipValue();
            }
        }
        requireField(hasSubscription, "subscription");
        requireField(message != null, "message");
        return new StreamSubscriptionError(subscription, message);
    }

    /**
     * The engine's visitor takes any string as "the default subscription", an unsigned integer (every
     * non-negative JSON integer) or a BSON int32 as an index, and nothing else: a BSON int64 or a negative JSON
     * integer is refused. It casts a negative int32 to a huge index; we refuse it, as no request has one.
     *
     * @return null for the default subscription
     */
    private Integer errorCause() {
        Token token = next();
        if (token == Token.STRING) {
            return null;
        }
        if (token == Token.NUMBER) {
            long value = in.longValue();
            if (in.numberForm() == NumberForm.UINT64 || in.numberForm() == NumberForm.INT32) {
                if (value >= 0 && value <= Integer.MAX_VALUE) {
                    return (int) value;
                }
                throw invalid("subscription index out of range, got " + describe(token));
            }
        }
        throw invalid("expected \"default\" or a subscription index, got " + describe(token));
    }

    private List<OplogEntry> oplogEntries() {
        beginArray();
        List<OplogEntry> result = new ArrayList<>();
        for (int i = 0; hasNextElement(); i++) {
            atIndex(i);
            result.add(oplogEntry());
        }
        atIndex(-1);
        return result;
    }

    /**
     * {@code object_type}, {@code object_id}, {@code subkey} and {@code data} are optional strings (null allowed);
     * {@code data} is kept verbatim as the JSON text the service sent, never parsed here.
     */
    private OplogEntry oplogEntry() {
        beginObject();
        Checksum checksum = null;
        OpId opId = null;
        OpType op = null;
        String objectId = null;
        String objectType = null;
        String subkey = null;
        String data = null;
        int seen = 0;
        for (String field; (field = nextField()) != null; pop()) {
            push(field);
            switch (field) {
                case "checksum" -> {
                    seen = once(seen, 1);
                    checksum = checksum();
                }
                case "op_id" -> {
                    seen = once(seen, 2);
                    opId = opId();
                }
                case "op" -> {
                    seen = once(seen, 4);
                    op = opType();
                }
                case "object_id" -> {
                    seen = once(seen, 8);
                    objectId = optionalString();
                }
                case "object_type" -> {
                    seen = once(seen, 16);
                    objectType = optionalString();
                }
                case "subkey" -> {
                    seen = once(seen, 32);
                    subkey = optionalString();
                }
                case "data" -> {
                    seen = once(seen, 64);
                    data = optionalString();
                }
                default -> skipValue();
            }
        }
        requireField(checksum != null, "checksum");
        requireField(opId != null, "op_id");
        requireField(op != null, "op");
        return new OplogEntry(opId, op, objectType, objectId, subkey, data, checksum);
    }

    // ---- scalar rules ----

    /** Op ids travel as decimal strings because JSON numbers lose precision past 2^53; a number is refused. */
    private OpId opId() {
        Token token = next();
        if (token == Token.STRING) {
            String text = in.string();
            OpId value = parseOpId(text);
            if (value != null) {
                return value;
            }
            throw invalid("invalid op id " + quote(text) + ": expected a decimal 64-bit integer string");
        }
        throw invalid("expected an op id as a decimal string, got " + describe(token));
    }

    private Optional<OpId> optionalOpId() {
        Token token = next();
        if (token == Token.NULL) {
            return Optional.empty();
        }
        pushedBack = token;
        return Optional.of(opId());
    }

    private OpId lenientOpId() {
        Token token = next();
        if (token == Token.STRING) {
            return parseOpId(in.string());
        }
        skipRest(token);
        return null;
    }

    /**
     * Rust's {@code i64::from_str}: an optional sign, then ASCII digits only, no overflow. (Java's
     * {@code Long.parseLong} would also take non-ASCII digits.)
     *
     * @return null when malformed
     */
    static OpId parseOpId(String text) {
        int length = text.length();
        int i = 0;
        boolean negative = false;
        if (length > 0 && (text.charAt(0) == '-' || text.charAt(0) == '+')) {
            negative = text.charAt(0) == '-';
            i = 1;
        }
        if (i == length) {
            return null;
        }
        // Accumulate negatively: Long.MIN_VALUE has no positive counterpart.
        long result = 0;
        for (; i < length; i++) {
            int digit = text.charAt(i) - '0';
            if (digit < 0 || digit > 9 || result < Long.MIN_VALUE / 10) {
                return null;
            }
            result *= 10;
            if (result < Long.MIN_VALUE + digit) {
                return null;
            }
            result -= digit;
        }
        if (!negative) {
            if (result == Long.MIN_VALUE) {
                return null;
            }
            result = -result;
        }
        return new OpId(result);
    }

    /**
     * A checksum is a u32, but services send it signed (i32) or as a JS double too. Every integer form is
     * accepted in [-2^31, 2^32-1] and keeps its low 32 bits; a double must be finite and whole and is then
     * judged as that integer. Strings are refused.
     */
    private Checksum checksum() {
        Token token = next();
        if (token == Token.NUMBER) {
            long value = in.longValue();
            switch (in.numberForm()) {
                case INT32:
                    return Checksum.of(value);
                case UINT64:
                    if (value >= 0 && value <= MAX_UNSIGNED_32) {
                        return Checksum.of(value);
                    }
                    break;
                case INT64:
                    if (value >= Integer.MIN_VALUE && value <= MAX_UNSIGNED_32) {
                        return Checksum.of(value);
                    }
                    break;
                case DOUBLE: {
                    double d = in.doubleValue();
                    if (!Double.isFinite(d) || d % 1.0 != 0) {
                        throw invalid("expected a checksum as a whole number, got " + describe(token));
                    }
                    // Like Rust's `as i64`, the cast saturates, so huge values land out of range below.
                    long whole = (long) d;
                    if (whole >= Integer.MIN_VALUE && whole <= MAX_UNSIGNED_32) {
                        return Checksum.of(whole);
                    }
                    break;
                }
                default:
                    throw new IllegalStateException("unknown number form " + in.numberForm());
            }
            throw invalid("checksum out of range: expected a 32-bit integer, signed or unsigned"
                    + " (-2147483648 .. 4294967295), got " + describe(token));
        }
        throw invalid("expected a checksum as a number, got " + describe(token));
    }

    /**
     * A bucket priority: an integer (of any form, no doubles) that fits an i32, is not negative and is not
     * 2147483647, which the engine reserves as its "everything complete" sentinel. Values above 3 are accepted
     * as the engine accepts them.
     */
    private int priority(Token token) {
        if (token == Token.NUMBER && in.numberForm() != NumberForm.DOUBLE) {
            long value = in.longValue();
            boolean fits = in.numberForm() == NumberForm.UINT64
                    ? value >= 0 && value <= Integer.MAX_VALUE
                    : value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE;
            if (!fits) {
                throw invalid("priority out of range: expected a 32-bit integer, got " + describe(token));
            }
            if (value < 0) {
                throw invalid("invalid priority " + value + ": priorities are 0 (highest) or greater");
            }
            if (value == RESERVED_PRIORITY) {
                throw invalid("invalid priority " + value + ": reserved for the engine's \"all priorities\" marker");
            }
            return (int) value;
        }
        throw invalid("expected a priority as a non-negative integer, got " + describe(token));
    }

    /** Option&lt;i64&gt;: any integer form within i64, or null. */
    private OptionalLong optionalCount() {
        Token token = next();
        if (token == Token.NULL) {
            return OptionalLong.empty();
        }
        if (token == Token.NUMBER && in.numberForm() != NumberForm.DOUBLE) {
            long value = in.longValue();
            if (in.numberForm() == NumberForm.UINT64 && value < 0) {
                throw invalid("count out of range: expected a 64-bit integer, got " + describe(token));
            }
            return OptionalLong.of(value);
        }
        throw invalid("expected a count as an integer, got " + describe(token));
    }

    /** A usize index: any integer form that is not negative (and, here, fits an int). */
    private int reasonIndex() {
        Token token = next();
        if (token == Token.NUMBER && in.numberForm() != NumberForm.DOUBLE) {
            long value = in.longValue();
            boolean negative = in.numberForm() != NumberForm.UINT64 && value < 0;
            if (!negative) {
                if (value >= 0 && value <= Integer.MAX_VALUE) {
                    return (int) value;
                }
                throw invalid("index out of range, got " + describe(token));
            }
        }
        throw invalid("expected an index as a non-negative integer, got " + describe(token));
    }

    /** A unit enum in the engine: only the exact upper-case names, as a string. */
    private OpType opType() {
        Token token = next();
        if (token == Token.STRING) {
            String text = in.string();
            switch (text) {
                case "PUT":
                    return OpType.PUT;
                case "REMOVE":
                    return OpType.REMOVE;
                case "MOVE":
                    return OpType.MOVE;
                case "CLEAR":
                    return OpType.CLEAR;
                default:
                    throw invalid("unknown op type " + quote(text) + ", expected one of CLEAR, MOVE, PUT, REMOVE");
            }
        }
        throw invalid("expected an op type as a string, got " + describe(token));
    }

    private boolean bool() {
        Token token = next();
        if (token == Token.BOOLEAN) {
            return in.booleanValue();
        }
        throw invalid("expected a boolean, got " + describe(token));
    }

    /**
     * A string. From BSON the engine also takes binary data that is valid UTF-8 (serde's string visitors
     * accept bytes), so we do too.
     */
    private String string() {
        Token token = next();
        if (token == Token.STRING) {
            return in.string();
        }
        if (token == Token.BYTES) {
            try {
                return StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(in.bytes())).toString();
            } catch (CharacterCodingException e) {
                throw invalid("expected a string, got binary data that is not UTF-8 text");
            }
        }
        throw invalid("expected a string, got " + describe(token));
    }

    private String optionalString() {
        Token token = next();
        if (token == Token.NULL) {
            return null;
        }
        pushedBack = token;
        return string();
    }

    private List<String> strings() {
        beginArray();
        List<String> result = new ArrayList<>();
        for (int i = 0; hasNextElement(); i++) {
            atIndex(i);
            result.add(string());
        }
        atIndex(-1);
        return result;
    }

    // ---- structure ----

    private Token next() {
        Token token = pushedBack;
        if (token != null) {
            pushedBack = null;
            return token;
        }
        return in.next();
    }

    private void beginObject() {
        Token token = next();
        if (token != Token.START_OBJECT) {
            throw invalid("expected an object, got " + describe(token));
        }
    }

    private void beginArray() {
        Token token = next();
        if (token != Token.START_ARRAY) {
            throw invalid("expected an array, got " + describe(token));
        }
    }

    /** @return the next key of the current object, or null at its end */
    private String nextField() {
        Token token = next();
        return token == Token.END_OBJECT ? null : in.name();
    }

    private boolean hasNextElement() {
        Token token = next();
        if (token == Token.END_ARRAY) {
            return false;
        }
        pushedBack = token;
        return true;
    }

    /** Skips a value the engine ignores; it must still be well-formed in its encoding. */
    private void skipValue() {
        skipRest(next());
    }

    private void skipRest(Token first) {
        if (first == Token.START_OBJECT || first == Token.START_ARRAY) {
            in.skipChildren();
        }
    }

    private int once(int seen, int bit) {
        if ((seen & bit) != 0) {
            throw invalid("duplicate field");
        }
        return seen | bit;
    }

    private void requireField(boolean present, String field) {
        if (!present) {
            throw invalid("missing field '" + field + "'");
        }
    }

    // ---- error reporting ----

    private void push(String name) {
        if (pathDepth == pathNames.length) {
            pathNames = Arrays.copyOf(pathNames, pathDepth * 2);
            pathIndices = Arrays.copyOf(pathIndices, pathDepth * 2);
        }
        pathNames[pathDepth] = name;
        pathIndices[pathDepth] = -1;
        pathDepth++;
    }

    private void pop() {
        pathDepth--;
    }

    private void atIndex(int i) {
        pathIndices[pathDepth - 1] = i;
    }

    private ProtocolException invalid(String problem) {
        StringBuilder message = new StringBuilder("Invalid ").append(in.formatName()).append(" sync line");
        if (pathDepth > 0) {
            message.append(" at ");
            for (int i = 0; i < pathDepth; i++) {
                if (i > 0) {
                    message.append('.');
                }
                message.append(pathNames[i]);
                if (pathIndices[i] >= 0) {
                    message.append('[').append(pathIndices[i]).append(']');
                }
            }
        }
        return new ProtocolException(message.append(": ").append(problem).toString());
    }

    private String describe(Token token) {
        switch (token) {
            case STRING:
                return "the string " + quote(in.string());
            case BYTES:
                return "binary data";
            case NUMBER:
                return describeNumber();
            case BOOLEAN:
                return in.booleanValue() ? "true" : "false";
            case NULL:
                return "null";
            case UNDEFINED:
                return "undefined";
            case START_OBJECT:
                return "an object";
            case START_ARRAY:
                return "an array";
            case END_OF_INPUT:
                return "the end of the input";
            default:
                return token.name();
        }
    }

    private String describeNumber() {
        // JSON has just "numbers"; in BSON the element type matters to the rules, so name it.
        boolean bson = in.formatName().equals("BSON");
        switch (in.numberForm()) {
            case INT32:
                return "the int32 " + in.longValue();
            case INT64:
                return (bson ? "the int64 " : "the number ") + in.longValue();
            case UINT64:
                return (bson ? "the datetime/timestamp " : "the number ") + Long.toUnsignedString(in.longValue());
            case DOUBLE:
                return (bson ? "the double " : "the number ") + in.doubleValue();
            default:
                return "a number";
        }
    }

    private static String quote(String text) {
        String shown = text.length() <= MAX_QUOTED_LENGTH ? text : text.substring(0, MAX_QUOTED_LENGTH) + "...";
        return "'" + shown + "'";
    }
}
