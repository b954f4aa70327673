package dev.hexsync.domain.connection;

import dev.hexsync.ports.model.UploadQueueStats;
import dev.hexsync.ports.storage.CrudQueue;
import dev.hexsync.ports.storage.CrudRecord;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;

/** An upload queue that is always empty, counting how often it was looked at: for tests of the loops. */
final class EmptyCrudQueue implements CrudQueue {
    final AtomicInteger peeks = new AtomicInteger();

    @Override
    public List<CrudRecord> peek(int limit) {
        peeks.incrementAndGet();
        return List.of();
    }

    @Override
    public List<CrudRecord> peekTransaction() {
        return List.of();
    }

    @Override
    public void complete(long throughId, Optional<String> writeCheckpoint) {
    }

    @Override
    public UploadQueueStats stats(boolean includeSize) {
        return new UploadQueueStats(0, OptionalLong.empty());
    }

    @Override
    public boolean awaitingWriteCheckpoint() {
        return false;
    }

    @Override
    public long sequence() {
        return 0;
    }

    @Override
    public boolean installWriteCheckpoint(long checkpoint, long expectedSequence) {
        return false;
    }
}
