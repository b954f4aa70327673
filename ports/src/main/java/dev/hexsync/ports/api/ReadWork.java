package dev.hexsync.ports.api;

/** Work done inside a read transaction. */
@FunctionalInterface
public interface ReadWork<T> {
    T run(ReadContext transaction);
}
