package dev.hexsync.adapters.http.codec;

import dev.hexsync.adapters.http.codec.WireReader.NumberForm;
import dev.hexsync.adapters.http.codec.WireReader.Token;
import dev.hexsync.ports.ProtocolException;
import dev.hexsync.ports.model.SyncLine;
import java.util.Arrays;

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
 *
 * <p>This class holds the dispatch on the line kind, the token stream with its one token of look-back, and the
 * path for error messages. The rules of the line kinds are static methods taking the parser, in
 * {@link CheckpointLines}, {@link DataLines} and {@link LineScalars}: a static call on the per-op path adds no
 * indirection, where a rules object per kind would add a field load for every token.
 */
final class SyncLineParser {
    private static final int MAX_QUOTED_LENGTH = 60;

    /** Read by the line kinds' rules ({@link CheckpointLines}, {@link DataLines}, {@link LineScalars}). */
    final WireReader in;
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
            case "checkpoint" -> line = CheckpointLines.checkpoint(this);
            case "checkpoint_diff" -> line = CheckpointLines.checkpointDiff(this);
            case "data" -> line = DataLines.dataLine(this);
            case "checkpoint_complete" -> line = CheckpointLines.checkpointComplete(this);
            case "partial_checkpoint_complete" -> line = CheckpointLines.partialCheckpointComplete(this);
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

    // ---- structure, shared by the line kinds' rules ----

    Token next() {
        Token token = pushedBack;
        if (token != null) {
            pushedBack = null;
            return token;
        }
        return in.next();
    }

    /** Gives back a token {@link #next()} returned, so that the next call returns it again. */
    void pushBack(Token token) {
        pushedBack = token;
    }

    void beginObject() {
        Token token = next();
        if (token != Token.START_OBJECT) {
            throw invalid("expected an object, got " + describe(token));
        }
    }

    void beginArray() {
        Token token = next();
        if (token != Token.START_ARRAY) {
            throw invalid("expected an array, got " + describe(token));
        }
    }

    /** @return the next key of the current object, or null at its end */
    String nextField() {
        Token token = next();
        return token == Token.END_OBJECT ? null : in.name();
    }

    boolean hasNextElement() {
        Token token = next();
        if (token == Token.END_ARRAY) {
            return false;
        }
        pushedBack = token;
        return true;
    }

    /** Skips a value the engine ignores; it must still be well-formed in its encoding. */
    void skipValue() {
        skipRest(next());
    }

    void skipRest(Token first) {
        if (first == Token.START_OBJECT || first == Token.START_ARRAY) {
            in.skipChildren();
        }
    }

    int once(int seen, int bit) {
        if ((seen & bit) != 0) {
            throw invalid("duplicate field");
        }
        return seen | bit;
    }

    void requireField(boolean present, String field) {
        if (!present) {
            throw invalid("missing field '" + field + "'");
        }
    }

    // ---- error reporting ----

    void push(String name) {
        if (pathDepth == pathNames.length) {
            pathNames = Arrays.copyOf(pathNames, pathDepth * 2);
            pathIndices = Arrays.copyOf(pathIndices, pathDepth * 2);
        }
        pathNames[pathDepth] = name;
        pathIndices[pathDepth] = -1;
        pathDepth++;
    }

    void pop() {
        pathDepth--;
    }

    void atIndex(int i) {
        pathIndices[pathDepth - 1] = i;
    }

    ProtocolException invalid(String problem) {
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

    String describe(Token token) {
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

    static String quote(String text) {
        String shown = text.length() <= MAX_QUOTED_LENGTH ? text : text.substring(0, MAX_QUOTED_LENGTH) + "...";
        return "'" + shown + "'";
    }
}
