/**
 * The sync line codec: PowerSync sync lines, from NDJSON text or BSON documents, to {@code ports.model} records,
 * under the exact type rules of the PowerSync engine. {@link dev.hexsync.adapters.http.codec.SyncLineCodec} is
 * the entry point; the rest is package-private.
 */
package dev.hexsync.adapters.http.codec;
