package dev.hexsync.domain.collection;

import dev.hexsync.ports.api.SyncDatabase;
import dev.hexsync.ports.api.collection.CollectionTransaction;
import dev.hexsync.ports.api.collection.LiveCollection;
import dev.hexsync.ports.api.collection.Mutation;
import dev.hexsync.ports.api.collection.Transactor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes committed transactions, one after the other, each in one database write transaction; notes for each
 * collection touched where its diff trigger stands after the writes, and completes the transaction's
 * {@code persisted()} once every one of them echoed the writes back. A failed write rolls the optimistic state
 * of every collection back and fails the future with the cause.
 */
final class CollectionTransactor implements Transactor {
    private final SyncDatabase db;
    private final Executor writes;
    private final Executor completions;
    private final AtomicLong numbers = new AtomicLong();

    /**
     * @param writes where writes run (they block on the write lock); serialized here
     * @param completions where persisted futures complete
     */
    CollectionTransactor(SyncDatabase db, Executor writes, Executor completions) {
        this.db = db;
        this.writes = new SerialExecutor(writes);
        this.completions = completions;
    }

    Executor completions() {
        return completions;
    }

    @Override
    public CollectionTransaction begin() {
        return new PendingTransaction(this, numbers.incrementAndGet());
    }

    /** {@code collection} as one of this database's, or a clear error. */
    @SuppressWarnings("unchecked")
    <T> DatabaseCollection<T> own(LiveCollection<T> collection) {
        if (collection instanceof DatabaseCollection<T> own && own.transactor() == this) {
            return own;
        }
        throw new IllegalArgumentException("The collection on " + collection.table()
                + " belongs to another database; a transaction writes one database's collections");
    }

    Mutation write(PendingTransaction transaction) {
        CompletableFuture<Void> persisted = new CompletableFuture<>();
        writes.execute(() -> run(transaction, persisted));
        return () -> persisted;
    }

    private void run(PendingTransaction transaction, CompletableFuture<Void> persisted) {
        List<DatabaseCollection<?>> touched = transaction.collections();
        Map<DatabaseCollection<?>, Echoes.Target> targets;
        try {
            targets = db.writeTransaction(tx -> {
                for (PendingTransaction.Operation operation : transaction.operations()) {
                    operation.collection().write(tx, operation.write(), transaction.metadataValue());
                }
                Map<DatabaseCollection<?>, Echoes.Target> noted = new LinkedHashMap<>();
                touched.forEach(collection -> noted.put(collection, collection.target(tx)));
                return noted;
            });
        } catch (RuntimeException e) {
            touched.forEach(collection -> collection.state().dropPending(transaction.number()));
            completions.execute(() -> persisted.completeExceptionally(e));
            return;
        }
        List<CompletableFuture<Void>> echoes = new ArrayList<>();
        targets.forEach((collection, target) -> echoes.add(collection.echoes().await(target,
                () -> collection.state().dropPending(transaction.number()))));
        CompletableFuture.allOf(echoes.toArray(CompletableFuture[]::new)).whenComplete((done, failure) -> {
            if (failure == null) {
                persisted.complete(null);
            } else {
                persisted.completeExceptionally(failure instanceof CompletionException c && c.getCause() != null
                        ? c.getCause() : failure);
            }
        });
    }
}
