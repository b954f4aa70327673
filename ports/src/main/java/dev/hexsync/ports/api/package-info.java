/**
 * The driving API applications call: {@link dev.hexsync.ports.api.SyncDatabase}, made of role interfaces
 * ({@link dev.hexsync.ports.api.SqlOperations} over {@link dev.hexsync.ports.api.WriteContext} and
 * {@link dev.hexsync.ports.api.ReadContext}, {@link dev.hexsync.ports.api.ChangeWatching},
 * {@link dev.hexsync.ports.api.DiffTracking}, {@link dev.hexsync.ports.api.UploadQueueAccess},
 * {@link dev.hexsync.ports.api.SyncControl}, {@link dev.hexsync.ports.api.SchemaManagement}), with the values
 * they take and return: queries, transactions, watches, diff triggers, sync streams.
 */
package dev.hexsync.ports.api;
