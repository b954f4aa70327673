/**
 * The local database applications use: SQL, transactions, watches and the upload queue over a storage session.
 */
package dev.hexsync.domain.database;
