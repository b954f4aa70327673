/**
 * The blocking side of syncing, around the sans-I/O session of {@code domain.sync}: whether a database syncs
 * ({@code SyncController}: connect, disconnect, leadership among processes, following), and what one connection
 * runs ({@code SyncConnection}: the download loop with credentials and retries, the upload loop, checkpoint
 * requests). Every wait goes through the {@code Scheduler}.
 */
package dev.hexsync.domain.connection;
