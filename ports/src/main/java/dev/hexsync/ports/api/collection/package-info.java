/**
 * Live collections: typed in-memory views of one table each, kept in step with the database by a diff trigger,
 * read synchronously, written optimistically, persisted by a {@link dev.hexsync.ports.api.collection.Transactor};
 * with the typed filter of on-demand collections and the column converters of the default record mapping.
 */
package dev.hexsync.ports.api.collection;
