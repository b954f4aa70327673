/**
 * Buckets: the oplog and checksum ledger rules of data lines.
 */
package dev.hexsync.domain.bucket;
