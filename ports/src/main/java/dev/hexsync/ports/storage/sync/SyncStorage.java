package dev.hexsync.ports.storage.sync;

import java.util.Objects;

/**
 * The sync engine's storage roles of one database, handed over together (a holder, not a store of its own).
 * They share the database and its transactions: what one role writes, the others see in the same transaction.
 */
public record SyncStorage(BucketStore buckets, OplogStore oplog, PublishStore publishing, KeyValueStore keyValues,
        StreamSubscriptionStore subscriptions, ReplicaStore replica) {
    public SyncStorage {
        Objects.requireNonNull(buckets, "buckets is null");
        Objects.requireNonNull(oplog, "oplog is null");
        Objects.requireNonNull(publishing, "publishing is null");
        Objects.requireNonNull(keyValues, "keyValues is null");
        Objects.requireNonNull(subscriptions, "subscriptions is null");
        Objects.requireNonNull(replica, "replica is null");
    }
}
