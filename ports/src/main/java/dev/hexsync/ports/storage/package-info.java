/**
 * The storage SPI: opening a local database, transactions on a one-writer pool, the upload queue, table changes. SQL dialect stays behind it.
 */
package dev.hexsync.ports.storage;
