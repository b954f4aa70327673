package dev.hexsync.ports.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/** The queued entries of one local transaction, to be uploaded together. */
public final class CrudTransaction {
    private final OptionalLong transactionId;
    private final List<CrudEntry> crud;
    private final CrudCompletion completion;

    public CrudTransaction(OptionalLong transactionId, List<CrudEntry> crud, CrudCompletion completion) {
        this.transactionId = Objects.requireNonNull(transactionId, "transactionId is null");
        this.crud = List.copyOf(crud);
        if (this.crud.isEmpty()) {
            throw new IllegalArgumentException("a CRUD transaction has at least one entry");
        }
        this.completion = Objects.requireNonNull(completion, "completion is null");
    }

    /** The local transaction id; empty for entries written before transaction ids existed. */
    public OptionalLong transactionId() {
        return transactionId;
    }

    public List<CrudEntry> crud() {
        return crud;
    }

    /** Removes this transaction's entries from the queue once the backend accepted them. */
    public void complete() {
        complete(Optional.empty());
    }

    /** As {@link #complete()}, recording the backend's write checkpoint for this upload. */
    public void complete(Optional<String> writeCheckpoint) {
        completion.complete(crud.get(crud.size() - 1).clientId(), writeCheckpoint);
    }

    @Override
    public String toString() {
        return "CrudTransaction<" + transactionId + ", " + crud + ">";
    }
}
