/**
 * What the sync engine persists, one small role port per concern: {@link dev.hexsync.ports.storage.sync.BucketStore
 * buckets}, their {@link dev.hexsync.ports.storage.sync.OplogStore oplog}, {@link
 * dev.hexsync.ports.storage.sync.PublishStore publishing} into the application's tables, {@link
 * dev.hexsync.ports.storage.sync.KeyValueStore key-values and sync state}, {@link
 * dev.hexsync.ports.storage.sync.StreamSubscriptionStore stream subscriptions} and {@link
 * dev.hexsync.ports.storage.sync.ReplicaStore clearing the replica}. A storage engine hands them to the domain
 * together as a {@link dev.hexsync.ports.storage.sync.SyncStorage}.
 *
 * <p>The rules (which op supersedes which, when a checkpoint may be published) live in the domain; the stores
 * only keep state, in the engine's own terms, with no SQL dialect leaking through. Every method must be called
 * inside a write transaction of the {@link dev.hexsync.ports.storage.SqlSession} that created the store, on
 * the thread that opened it: a sync event is handled in one transaction and rolls back whole. Each role has a
 * contract test in the testkit ({@code dev.hexsync.testkit.storage}).
 */
package dev.hexsync.ports.storage.sync;
