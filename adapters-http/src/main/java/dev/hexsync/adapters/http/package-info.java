/**
 * Transport behind {@code ports}: {@link dev.hexsync.adapters.http.HttpSyncTransport}, the PowerSync service's
 * HTTP interface (the NDJSON or BSON sync stream, write checkpoints, checkpoint requests) over Apache HttpClient 5.
 * Everything else in this package is package-private; the line codec lives in {@code codec}.
 */
package dev.hexsync.adapters.http;
