/**
 * The metrics port: {@link dev.hexsync.ports.metrics.SyncMetrics}, what the engine reports (ops applied, bytes
 * downloaded, checkpoint apply time, upload queue size and age, upload failures, reconnects), so the domain
 * stays free of any metrics library.
 */
package dev.hexsync.ports.metrics;
