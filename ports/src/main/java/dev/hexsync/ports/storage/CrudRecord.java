package dev.hexsync.ports.storage;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * An upload queue row as stored.
 *
 * @param id the queue position
 * @param transactionId the local transaction id, absent on rows written before transaction ids existed
 * @param data the entry's JSON: {@code {"op","id","type","data"?,"old"?,"metadata"?}}
 */
public record CrudRecord(long id, OptionalLong transactionId, String data) {
    public CrudRecord {
        Objects.requireNonNull(transactionId, "transactionId is null");
        Objects.requireNonNull(data, "data is null");
    }
}
