/**
 * Live collections: the in-memory state of a collection (rows as the database has them, pending optimistic
 * writes on top, live subsets, change batches), its diff trigger (hydration, flushes, on-demand rebuilds), the
 * transactor that writes mutations and waits for their echo, the record mapping and the typed filter's
 * evaluation and SQL. No storage-specific SQL: trigger conditions come from the storage port.
 */
package dev.hexsync.domain.collection;
