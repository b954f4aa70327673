package dev.hexsync.ports.api.collection;

import java.util.concurrent.CompletableFuture;

/** A mutation (or transaction of mutations) already applied to memory, on its way into the database. */
public interface Mutation {

    /**
     * Completes when the rows are in the database and the diff trigger echoed them back, so memory already
     * reflects the database. Fails with the cause when the write failed; the optimistic state was rolled back
     * by then.
     */
    CompletableFuture<Void> persisted();
}
