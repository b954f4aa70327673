/**
 * Sync streams: subscription keys and requests, reconciliation with checkpoints, per-stream status.
 */
package dev.hexsync.domain.stream;
