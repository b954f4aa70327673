/**
 * The storage SPI: opening a local database, transactions on a one-writer pool, the upload queue, diff-trigger
 * storage, and table changes named as applications name tables; what the sync engine persists is in
 * {@link dev.hexsync.ports.storage.sync}. SQL dialect and physical layout stay behind it.
 */
package dev.hexsync.ports.storage;
