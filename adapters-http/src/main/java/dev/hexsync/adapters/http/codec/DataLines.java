package dev.hexsync.adapters.http.codec;

import dev.hexsync.adapters.http.codec.WireReader.Token;
import dev.hexsync.ports.model.Checksum;
import dev.hexsync.ports.model.OpId;
import dev.hexsync.ports.model.OpType;
import dev.hexsync.ports.model.OplogEntry;
import dev.hexsync.ports.model.SyncLine;
import java.util.ArrayList;
import java.util.List;

/** The data line of {@link SyncLineParser}: a bucket's oplog entries, the hot path of every download. */
final class DataLines {
    private DataLines() {
    }

    static SyncLine.Data dataLine(SyncLineParser p) {
        p.beginObject();
        String bucket = null;
        List<OplogEntry> ops = null;
        int seen = 0;
        for (String field; (field = p.nextField()) != null; p.pop()) {
            p.push(field);
            switch (field) {
                case "bucket" -> {
                    seen = p.once(seen, 1);
                    bucket = LineScalars.string(p);
                }
                case "data" -> {
                    seen = p.once(seen, 2);
                    ops = oplogEntries(p);
                }
                // has_more, after and next_after are sent but not used by the engine.
                default -> p.skipValue();
            }
        }
        p.requireField(bucket != null, "bucket");
        p.requireField(ops != null, "data");
        return new SyncLine.Data(bucket, ops);
    }

    private static List<OplogEntry> oplogEntries(SyncLineParser p) {
        p.beginArray();
        List<OplogEntry> result = new ArrayList<>();
        for (int i = 0; p.hasNextElement(); i++) {
            p.atIndex(i);
            result.add(oplogEntry(p));
        }
        p.atIndex(-1);
        return result;
    }

    /**
     * {@code object_type}, {@code object_id}, {@code subkey} and {@code data} are optional strings (null allowed);
     * {@code data} is kept verbatim as the JSON text the service sent, never parsed here.
     */
    private static OplogEntry oplogEntry(SyncLineParser p) {
        p.beginObject();
        Checksum checksum = null;
        OpId opId = null;
        OpType op = null;
        String objectId = null;
        String objectType = null;
        String subkey = null;
        String data = null;
        int seen = 0;
        for (String field; (field = p.nextField()) != null; p.pop()) {
            p.push(field);
            switch (field) {
                case "checksum" -> {
                    seen = p.once(seen, 1);
                    checksum = LineScalars.checksum(p);
                }
                case "op_id" -> {
                    seen = p.once(seen, 2);
                    opId = LineScalars.opId(p);
                }
                case "op" -> {
                    seen = p.once(seen, 4);
                    op = opType(p);
                }
                case "object_id" -> {
                    seen = p.once(seen, 8);
                    objectId = LineScalars.optionalString(p);
                }
                case "object_type" -> {
                    seen = p.once(seen, 16);
                    objectType = LineScalars.optionalString(p);
                }
                case "subkey" -> {
                    seen = p.once(seen, 32);
                    subkey = LineScalars.optionalString(p);
                }
                case "data" -> {
                    seen = p.once(seen, 64);
                    data = LineScalars.optionalString(p);
                }
                default -> p.skipValue();
            }
        }
        p.requireField(checksum != null, "checksum");
        p.requireField(opId != null, "op_id");
        p.requireField(op != null, "op");
        return new OplogEntry(opId, op, objectType, objectId, subkey, data, checksum);
    }

    /** A unit enum in the engine: only the exact upper-case names, as a string. */
    private static OpType opType(SyncLineParser p) {
        Token token = p.next();
        if (token == Token.STRING) {
            String text = p.in.string();
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
                    throw p.invalid("unknown op type " + SyncLineParser.quote(text)
                            + ", expected one of CLEAR, MOVE, PUT, REMOVE");
            }
        }
        throw p.invalid("expected an op type as a string, got " + p.describe(token));
    }
}
