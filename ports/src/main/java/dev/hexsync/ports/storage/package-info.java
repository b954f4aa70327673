/**
 * The storage SPI: opening a local database, transactions on a one-writer pool, the upload queue, diff-trigger
 * storage, table changes; what the sync engine persists is in {@link dev.hexsync.ports.storage.sync}. SQL dialect
 * stays behind it.
 */
package dev.hexsync.ports.storage;
