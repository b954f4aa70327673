/**
 * The upload queue as applications see it: entries, transactions and batches read from stored rows.
 */
package dev.hexsync.domain.crud;
