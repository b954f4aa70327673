package dev.hexsync.ports.api;

/**
 * Role of a {@link SyncDatabase}: plain SQL. Queries and statements on the database itself (inherited from
 * {@link WriteContext} and {@link ReadContext}: {@code execute}, {@code executeBatch}, {@code getAll},
 * {@code get}, {@code getOptional}), and read and write transactions. Queries outside a transaction run on a
 * pooled reader and see the last committed state; writes are serialized on one writer.
 */
public interface SqlOperations extends WriteContext {

    /** Runs {@code work} in a read transaction: a consistent snapshot, always rolled back. */
    <T> T readTransaction(ReadWork<T> work);

    /** Runs {@code work} in a write transaction: committed when it returns, rolled back when it throws. */
    <T> T writeTransaction(WriteWork<T> work);
}
