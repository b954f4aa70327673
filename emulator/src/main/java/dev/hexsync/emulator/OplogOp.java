package dev.hexsync.emulator;

import static java.util.Objects.requireNonNull;

/**
 * One operation in a bucket's oplog, as the service stores and sends it.
 *
 * @param opId the op id from the one sequence all buckets share
 * @param type what the op does
 * @param objectType the row's table for PUT and REMOVE; null for MOVE and CLEAR
 * @param objectId the row's id for PUT and REMOVE; null for MOVE and CLEAR
 * @param subkey a stable name of the source row for PUT and REMOVE; null for MOVE and CLEAR
 * @param data the row as the exact JSON text that was hashed, for PUT only
 * @param checksum the op's 32-bit checksum (bit pattern; see {@link #unsignedChecksum()})
 * @param targetOp for a compacted MOVE or CLEAR, the newest op that superseded it; 0 otherwise
 */
public record OplogOp(long opId, Type type, String objectType, String objectId, String subkey, String data,
        int checksum, long targetOp) {

    /** The four op kinds of the protocol. */
    public enum Type { PUT, REMOVE, MOVE, CLEAR }

    public OplogOp {
        requireNonNull(type, "type is null");
    }

    /** The checksum as the service writes it on an op: an unsigned 32-bit number. */
    public long unsignedChecksum() {
        return Integer.toUnsignedLong(checksum);
    }

    /** The key under which a later PUT or REMOVE of the same row supersedes this one; null for MOVE and CLEAR. */
    String rowKey() {
        return objectType == null ? null : objectType + "/" + objectId + "/" + subkey;
    }
}
