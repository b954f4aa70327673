package dev.hexsync.domain.collection;

import dev.hexsync.ports.api.collection.CollectionTransaction;
import dev.hexsync.ports.api.collection.LiveCollection;
import dev.hexsync.ports.api.collection.Mutation;
import dev.hexsync.ports.api.collection.MutationRejectedException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

/**
 * A transaction being built: each mutation is checked, mapped and applied to its collection's memory at once
 * (as a pending write tagged with this transaction's number); commit hands them all to the transactor.
 */
final class PendingTransaction implements CollectionTransaction {
    /** One mutation and the collection it belongs to. */
    record Operation(DatabaseCollection<?> collection, PendingWrite write) {
    }

    private final CollectionTransactor transactor;
    private final long number;
    private final List<Operation> operations = new ArrayList<>();
    private Optional<String> metadata = Optional.empty();
    private boolean finished;

    PendingTransaction(CollectionTransactor transactor, long number) {
        this.transactor = transactor;
        this.number = number;
    }

    long number() {
        return number;
    }

    List<Operation> operations() {
        return operations;
    }

    Optional<String> metadataValue() {
        return metadata;
    }

    /** The collections touched, in first-touch order. */
    List<DatabaseCollection<?>> collections() {
        Set<DatabaseCollection<?>> touched = new LinkedHashSet<>();
        operations.forEach(operation -> touched.add(operation.collection()));
        return List.copyOf(touched);
    }

    @Override
    public <T> CollectionTransaction insert(LiveCollection<T> collection, T row) {
        DatabaseCollection<T> target = open(collection);
        Map<String, Object> columns = target.columnsOf(row);
        String id = target.idOf(columns);
        if (target.state().row(id).isPresent()) {
            throw new MutationRejectedException("Insert into " + target.table() + ": a row with id '" + id
                    + "' is already in the collection");
        }
        Map<String, Object> whole = new LinkedHashMap<>();
        target.schemaTable().columns().forEach(column -> whole.put(column.name(), null));
        whole.putAll(columns);
        return add(target, new PendingWrite(number, PendingWrite.Kind.INSERT, id, whole));
    }

    @Override
    public <T> CollectionTransaction update(LiveCollection<T> collection, String id, UnaryOperator<T> mutator) {
        DatabaseCollection<T> target = open(collection);
        Objects.requireNonNull(id, "id is null");
        Row<T> current = target.state().row(id).orElseThrow(() -> new MutationRejectedException(
                "Update of " + target.table() + ": no row with id '" + id + "' in the collection"));
        T next = Objects.requireNonNull(mutator.apply(current.value()), "the mutator returned null");
        Map<String, Object> columns = target.columnsOf(next);
        if (!id.equals(target.idOf(columns))) {
            throw new MutationRejectedException("Update of " + target.table() + " '" + id + "' changed the id to '"
                    + columns.get("id") + "'; delete and insert instead");
        }
        Map<String, Object> changed = new LinkedHashMap<>();
        columns.forEach((column, value) -> {
            if (!column.equals("id") && !ColumnValues.same(current.columns().get(column), value)) {
                changed.put(column, value);
            }
        });
        return add(target, new PendingWrite(number, PendingWrite.Kind.UPDATE, id, changed));
    }

    @Override
    public <T> CollectionTransaction delete(LiveCollection<T> collection, String id) {
        DatabaseCollection<T> target = open(collection);
        Objects.requireNonNull(id, "id is null");
        if (target.state().row(id).isEmpty()) {
            throw new MutationRejectedException("Delete from " + target.table() + ": no row with id '" + id
                    + "' in the collection");
        }
        return add(target, new PendingWrite(number, PendingWrite.Kind.DELETE, id, Map.of()));
    }

    @Override
    public CollectionTransaction metadata(String value) {
        ensureOpen();
        metadata = Optional.of(Objects.requireNonNull(value, "metadata is null"));
        return this;
    }

    @Override
    public Mutation commit() {
        ensureOpen();
        finished = true;
        if (operations.isEmpty()) {
            CompletableFuture<Void> done = CompletableFuture.completedFuture(null);
            return () -> done;
        }
        return transactor.write(this);
    }

    @Override
    public void rollback() {
        ensureOpen();
        finished = true;
        collections().forEach(collection -> collection.state().dropPending(number));
    }

    private CollectionTransaction add(DatabaseCollection<?> collection, PendingWrite write) {
        collection.state().addPending(write);
        operations.add(new Operation(collection, write));
        return this;
    }

    private <T> DatabaseCollection<T> open(LiveCollection<T> collection) {
        ensureOpen();
        DatabaseCollection<T> own = transactor.own(collection);
        if (own.isClosed()) {
            throw new IllegalStateException("The collection on " + own.table() + " is closed");
        }
        return own;
    }

    private void ensureOpen() {
        if (finished) {
            throw new IllegalStateException("This transaction was already committed or rolled back");
        }
    }
}
