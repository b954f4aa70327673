package dev.hexsync.domain.database;

import dev.hexsync.domain.crud.CrudEntries;
import dev.hexsync.ports.model.CrudBatch;
import dev.hexsync.ports.model.CrudEntry;
import dev.hexsync.ports.model.CrudTransaction;
import dev.hexsync.ports.model.UploadQueueStats;
import dev.hexsync.ports.storage.CrudQueue;
import dev.hexsync.ports.storage.CrudRecord;
import dev.hexsync.ports.storage.SqlSession;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The upload queue as applications drain it: batches and transactions of parsed entries, and its size. */
public final class UploadQueue {
    private final SqlSession session;

    public UploadQueue(SqlSession session) {
        this.session = Objects.requireNonNull(session, "session is null");
    }

    private CrudQueue queue() {
        return session.crudQueue();
    }

    /** See {@link dev.hexsync.ports.api.SyncDatabase#getCrudBatch(int)}. */
    public Optional<CrudBatch> batch(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        CrudQueue queue = queue();
        List<CrudRecord> records = queue.peek(limit + 1);
        if (records.isEmpty()) {
            return Optional.empty();
        }
        boolean hasMore = records.size() > limit;
        List<CrudEntry> entries = records.subList(0, Math.min(limit, records.size())).stream()
                .map(CrudEntries::parse).toList();
        return Optional.of(new CrudBatch(entries, hasMore, queue::complete));
    }

    /** See {@link dev.hexsync.ports.api.SyncDatabase#getNextCrudTransaction()}. */
    public Optional<CrudTransaction> nextTransaction() {
        CrudQueue queue = queue();
        List<CrudRecord> records = queue.peekTransaction();
        if (records.isEmpty()) {
            return Optional.empty();
        }
        List<CrudEntry> entries = records.stream().map(CrudEntries::parse).toList();
        return Optional.of(new CrudTransaction(records.get(0).transactionId(), entries, queue::complete));
    }

    /** See {@link dev.hexsync.ports.api.SyncDatabase#getUploadQueueStats(boolean)}. */
    public UploadQueueStats stats(boolean includeSize) {
        return queue().stats(includeSize);
    }
}
