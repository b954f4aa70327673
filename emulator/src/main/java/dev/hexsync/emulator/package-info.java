/**
 * A PowerSync-compatible sync service that runs in the test JVM: a real HTTP server on 127.0.0.1 that serves
 * {@code /sync/stream}, write checkpoints and checkpoint requests from an in-memory source database, with the
 * service's op ids, checksums, priorities, compaction and keepalives, plus fault switches and a request log.
 * Start with {@link dev.hexsync.emulator.SyncServiceEmulator#builder()}.
 */
package dev.hexsync.emulator;
