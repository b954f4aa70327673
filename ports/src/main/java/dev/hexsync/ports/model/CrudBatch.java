package dev.hexsync.ports.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The oldest entries of the upload queue, possibly spanning several transactions. */
public final class CrudBatch {
    private final List<CrudEntry> crud;
    private final boolean hasMore;
    private final CrudCompletion completion;

    public CrudBatch(List<CrudEntry> crud, boolean hasMore, CrudCompletion completion) {
        this.crud = List.copyOf(crud);
        if (this.crud.isEmpty()) {
            throw new IllegalArgumentException("a CRUD batch has at least one entry");
        }
        this.hasMore = hasMore;
        this.completion = Objects.requireNonNull(completion, "completion is null");
    }

    public List<CrudEntry> crud() {
        return crud;
    }

    /** True when more entries are queued after this batch. */
    public boolean hasMore() {
        return hasMore;
    }

    /** Removes this batch's entries from the queue once the backend accepted them. */
    public void complete() {
        complete(Optional.empty());
    }

    /** As {@link #complete()}, recording the backend's write checkpoint for this upload. */
    public void complete(Optional<String> writeCheckpoint) {
        completion.complete(crud.get(crud.size() - 1).clientId(), writeCheckpoint);
    }

    @Override
    public String toString() {
        return "CrudBatch<" + crud.size() + " entries, hasMore=" + hasMore + ">";
    }
}
