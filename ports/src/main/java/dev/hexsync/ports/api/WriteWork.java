package dev.hexsync.ports.api;

/** Work done inside a write transaction: it commits when this returns, and rolls back when it throws. */
@FunctionalInterface
public interface WriteWork<T> {
    T run(WriteContext transaction);
}
