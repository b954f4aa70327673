/**
 * Checkpoints: tracking, validation, the apply gate, publishing, download progress, checkpoint requests.
 */
package dev.hexsync.domain.checkpoint;
