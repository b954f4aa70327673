/**
 * The sync session, sans-I/O: events in, instructions out ({@code SyncClient}, {@code SyncIteration},
 * {@code SyncEvent}, {@code Instruction}, {@code DownloadStatus}, {@code StartOptions}); the engine bound to storage
 * ({@code SyncEngine}, one transaction per call); and the engine's control interface ({@code control}). The loops
 * that drive it live in {@code domain.connection}.
 */
package dev.hexsync.domain.sync;
