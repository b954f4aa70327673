/**
 * The local database applications use ({@code LocalDatabase}, the one face of {@code SyncDatabase}) and the
 * rooms it delegates to that belong to no other package: SQL access and the schema ({@code SqlAccess}), the upload
 * queue as applications drain it ({@code UploadQueue}); {@code DatabaseSetup} is what it is opened from.
 */
package dev.hexsync.domain.database;
