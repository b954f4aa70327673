package dev.hexsync.ports.model;

import java.util.Objects;

/**
 * One operation of a bucket, as received in a data line.
 *
 * @param opId its position in the bucket
 * @param op what it does
 * @param objectType the row's table name, absent for MOVE and CLEAR
 * @param objectId the row's id, absent for MOVE and CLEAR
 * @param subkey distinguishes several PUTs of one row in one bucket; null when absent
 * @param data the row's values as a JSON object text (PUT only); null otherwise
 * @param checksum the op's checksum
 */
public record OplogEntry(OpId opId, OpType op, String objectType, String objectId, String subkey, String data,
        Checksum checksum) {
    public OplogEntry {
        Objects.requireNonNull(opId, "opId is null");
        Objects.requireNonNull(op, "op is null");
        Objects.requireNonNull(checksum, "checksum is null");
    }

    /** The key that identifies the row within the bucket ({@code type/id/subkey}), or null without type and id. */
    public String key() {
        if (objectType == null || objectId == null) {
            return null;
        }
        return objectType + "/" + objectId + "/" + (subkey == null ? "null" : subkey);
    }
}
