package dev.hexsync.ports.api;

/**
 * Handles the changes a {@code trackTableDiff} trigger recorded. It runs in a write transaction; when it
 * returns, the recorded changes are deleted in that transaction; when it throws, the transaction rolls back
 * and the changes stay for the next call.
 */
@FunctionalInterface
public interface DiffHandler {
    void onChange(DiffContext context);
}
