/** The metrics adapter: the engine's {@link dev.hexsync.ports.metrics.SyncMetrics} recorded in Micrometer (optional). */
package dev.hexsync.bootstrap.metrics;
