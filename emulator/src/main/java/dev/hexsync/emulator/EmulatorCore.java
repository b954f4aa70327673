package dev.hexsync.emulator;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import tools.jackson.databind.json.JsonMapper;

/**
 * The emulated service's state behind one lock: the source database, replication into bucket storage, write
 * checkpoints and the open sync streams. Every change bumps a version and wakes the stream threads, which
 * then compute their next checkpoint line, the way the service's storage watcher wakes its streams.
 */
final class EmulatorCore {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final SourceDatabase source;
    private final Replicator replicator;
    private final BucketStorage storage = new BucketStorage();
    private final WriteCheckpoints writeCheckpoints = new WriteCheckpoints();
    /** Committed source transactions replication has not applied yet, each with its source position. */
    private final Deque<Map.Entry<Long, List<SourceDatabase.RowImage>>> unreplicated = new ArrayDeque<>();
    private final List<SyncConnection> connections = new ArrayList<>();
    private final int maxConnections;
    /** Source position: one step per committed source transaction and per write checkpoint marker. */
    private long sourcePosition;
    private long replicatedPosition;
    private boolean replicationPaused;
    private long version;
    private boolean closed;

    EmulatorCore(List<StreamDefinition> definitions, String versionPrefix, int maxConnections, JsonMapper mapper) {
        this.source = new SourceDatabase(mapper);
        this.replicator = new Replicator(definitions, versionPrefix, mapper);
        this.maxConnections = maxConnections;
    }

    <T> T locked(Supplier<T> work) {
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    void locked(Runnable work) {
        locked(() -> {
            work.run();
            return null;
        });
    }

    // ---- source and replication

    /** Runs the work against a staging transaction and commits its changes atomically; nothing if it throws. */
    void transaction(Consumer<SourceTransaction> work) {
        List<SourceDatabase.Change> changes = new ArrayList<>();
        work.accept(new SourceTransaction() {
            @Override
            public void put(String table, String id, Map<String, ?> values) {
                changes.add(change(SourceDatabase.Change.Kind.PUT, table, id, values));
            }

            @Override
            public void patch(String table, String id, Map<String, ?> values) {
                changes.add(change(SourceDatabase.Change.Kind.PATCH, table, id, values));
            }

            @Override
            public void delete(String table, String id) {
                changes.add(change(SourceDatabase.Change.Kind.DELETE, table, id, Map.of()));
            }
        });
        locked(() -> {
            List<SourceDatabase.RowImage> images = source.apply(changes);
            if (!images.isEmpty()) {
                unreplicated.add(Map.entry(++sourcePosition, images));
                replicate();
            }
        });
    }

    private static SourceDatabase.Change change(SourceDatabase.Change.Kind kind, String table, String id,
            Map<String, ?> values) {
        requireNonNull(table, "table is null");
        requireNonNull(id, "id is null");
        requireNonNull(values, "values is null");
        return new SourceDatabase.Change(kind, table, id, new java.util.LinkedHashMap<>(values));
    }

    /** Applies what replication has not applied yet, unless paused. Caller holds the lock. */
    private void replicate() {
        if (replicationPaused) {
            return;
        }
        boolean progressed = false;
        try {
            while (!unreplicated.isEmpty()) {
                // Removed only once applied: a data query that throws halts replication here (the exception
                // reaches whoever made the change), as a failing sync config halts the service's replication.
                Map.Entry<Long, List<SourceDatabase.RowImage>> transaction = unreplicated.peekFirst();
                replicator.apply(transaction.getValue(), storage);
                unreplicated.removeFirst();
                replicatedPosition = transaction.getKey();
                progressed = true;
            }
            // An idle source still reaches write checkpoint heads: the service emits a marker message for them.
            replicatedPosition = sourcePosition;
        } finally {
            if (writeCheckpoints.replicatedUpTo(replicatedPosition) | progressed) {
                bump();
            }
        }
    }

    void pauseReplication() {
        locked(() -> {
            replicationPaused = true;
        });
    }

    void resumeReplication() {
        locked(() -> {
            replicationPaused = false;
            replicate();
        });
    }

    Map<String, Object> sourceRow(String table, String id) {
        return locked(() -> source.row(table, id));
    }

    // ---- write checkpoints

    long writeCheckpoint(String key) {
        return locked(() -> {
            long value = writeCheckpoints.next(key, ++sourcePosition);
            replicate();
            bump();
            return value;
        });
    }

    long checkpointRequest(String key, long id) {
        return locked(() -> {
            long stored = writeCheckpoints.request(key, id, ++sourcePosition);
            replicate();
            bump();
            return stored;
        });
    }

    /** Caller holds the lock. */
    long visibleWriteCheckpoint(String key) {
        return writeCheckpoints.visible(key);
    }

    // ---- storage

    Set<String> compact() {
        return locked(() -> {
            Set<String> changedBuckets = storage.compact();
            if (!changedBuckets.isEmpty()) {
                bump();
            }
            return changedBuckets;
        });
    }

    /** Caller holds the lock. */
    BucketStorage storage() {
        return storage;
    }

    /** Caller holds the lock. */
    Replicator replicator() {
        return replicator;
    }

    // ---- streams

    /** Registers a stream, or returns null when the connection limit is reached (the service answers 429). */
    SyncConnection open(String userId, String clientId, String requestBody) {
        return locked(() -> {
            if (closed || connections.size() >= maxConnections) {
                return null;
            }
            SyncConnection connection = new SyncConnection(this, userId, clientId, requestBody);
            connections.add(connection);
            changed.signalAll();
            return connection;
        });
    }

    void release(SyncConnection connection) {
        locked(() -> {
            connections.remove(connection);
            changed.signalAll();
        });
    }

    List<SyncConnection> connections() {
        return locked(() -> List.copyOf(connections));
    }

    List<SyncConnection> awaitConnections(int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        return locked(() -> {
            while (connections.size() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || closed) {
                    throw new IllegalStateException("timed out after " + timeout + " waiting for " + count
                            + " open sync streams; open: " + connections.size());
                }
                awaitNanos(left);
            }
            return List.copyOf(connections);
        });
    }

    /** The version the stream threads compare against. Caller holds the lock. */
    long version() {
        return version;
    }

    /** Caller holds the lock. */
    boolean isClosed() {
        return closed;
    }

    /** Waits for a change, a connection switch or the deadline. Caller holds the lock. */
    void awaitNanos(long nanos) {
        try {
            changed.awaitNanos(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting", e);
        }
    }

    /** Wakes the stream threads without a data change (connection switches). */
    void wake() {
        locked(() -> changed.signalAll());
    }

    /** Sleeps for the duration, returning early when the emulator closes. */
    void sleep(Duration duration) {
        long deadline = System.nanoTime() + duration.toNanos();
        locked(() -> {
            long left;
            while (!closed && (left = deadline - System.nanoTime()) > 0) {
                awaitNanos(left);
            }
        });
    }

    void close() {
        locked(() -> {
            closed = true;
            changed.signalAll();
        });
    }

    /** Waits until every stream has gone, up to the timeout. */
    void awaitStreamsGone(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        locked(() -> {
            long left;
            while (!connections.isEmpty() && (left = deadline - System.nanoTime()) > 0) {
                awaitNanos(left);
            }
        });
    }

    private void bump() {
        version++;
        changed.signalAll();
    }
}
