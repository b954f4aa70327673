package dev.hexsync.domain.sync;

import dev.hexsync.domain.sync.control.ControlDispatcher;
import dev.hexsync.ports.storage.SqlSession;
import dev.hexsync.ports.sync.EngineControl;
import dev.hexsync.ports.sync.SyncLineDecoder;
import dev.hexsync.ports.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The sync engine of one database, bound to its storage: each call runs in its own write transaction (as
 * the SDKs run every {@code powersync_control} call), and every status the engine reports is handed to a
 * listener. The connection loop drives it; so do benchmarks and tests. Calls are serialized.
 *
 * <p>One liberty: a data line's transaction may hold its commit back and share it with the following lines
 * ({@link SqlSession#writeHoldingCommit}); anything that reads the database through the session, and every
 * other engine call, commits them first, so no reader sees a difference.
 */
public final class SyncEngine {
    private final SqlSession session;
    private final SyncClient client;
    private final ControlDispatcher control;
    private final Consumer<DownloadStatus> onStatus;
    private final Clock clock;

    public SyncEngine(SqlSession session, SyncLineDecoder decoder, Clock clock, Consumer<DownloadStatus> onStatus) {
        this.session = Objects.requireNonNull(session, "session is null");
        this.client = new SyncClient(session.syncStorage(), decoder, clock);
        this.control = new ControlDispatcher(client, session.syncStorage(), clock);
        this.onStatus = Objects.requireNonNull(onStatus, "onStatus is null");
        this.clock = clock;
    }

    /** Starts an iteration (ending a running one). */
    public List<Instruction> start(StartOptions options) {
        return run(() -> client.start(options));
    }

    /** Hands an event to the running iteration; see {@link SyncClient#handle}. */
    public List<Instruction> handle(SyncEvent event) {
        return run(() -> client.handle(event), true);
    }

    /** Ends the running iteration. */
    public List<Instruction> stop() {
        return run(client::stop);
    }

    /** How many downloaded ops data lines stored since this engine was made (for metrics). */
    public synchronized long opsStored() {
        return client.opsStored();
    }

    public synchronized boolean isRunning() {
        return client.isRunning();
    }

    /** The database's client id. */
    public synchronized String clientId() {
        return session.write(tx -> session.syncStorage().keyValues().clientId());
    }

    /**
     * Seeds the checkpoint request counter with what the service accepted for the iteration's initial request
     * (checkpoint-requests mode).
     */
    public synchronized void seedCheckpointRequestId(long id) {
        session.write(tx -> {
            session.syncStorage().keyValues().writeLong(dev.hexsync.domain.checkpoint.CheckpointKeys.LAST_REQUESTED, id);
            return null;
        });
    }

    /**
     * Allocates the next checkpoint request id.
     *
     * @throws SyncEngineException (state) when the counter was never seeded
     */
    public synchronized long nextCheckpointRequestId() {
        return session.write(tx -> {
            if (session.syncStorage().keyValues().readLong(dev.hexsync.domain.checkpoint.CheckpointKeys.LAST_REQUESTED).isEmpty()) {
                throw new SyncEngineException(SyncEngineException.Kind.STATE, "Checkpoint request state has not been seeded");
            }
            return session.syncStorage().keyValues().increment(dev.hexsync.domain.checkpoint.CheckpointKeys.LAST_REQUESTED);
        });
    }

    /** Persists an explicit stream subscription (the engine's {@code subscriptions} operation). */
    public synchronized void subscribe(dev.hexsync.domain.stream.StreamKey key, Integer priority, long ttlSeconds) {
        session.write(tx -> {
            session.syncStorage().subscriptions().subscribe(key.name(), key.serializedParams(), priority, ttlSeconds, nowMicros());
            return null;
        });
    }

    /** Ends an explicit stream subscription now. */
    public synchronized void unsubscribe(dev.hexsync.domain.stream.StreamKey key) {
        session.write(tx -> {
            session.syncStorage().subscriptions().unsubscribe(key.name(), key.serializedParams());
            return null;
        });
    }

    private long nowMicros() {
        return clock.now().toEpochMilli() * 1000;
    }

    /**
     * Clears the local replica (see {@link dev.hexsync.ports.storage.sync.ReplicaStore#clear}).
     *
     * @throws SyncEngineException (argument) for a soft clear while an iteration runs, as the engine refuses it
     */
    public synchronized void clear(boolean clearLocal, boolean soft, java.util.List<dev.hexsync.ports.schema.RawTable> rawTables) {
        if (soft && client.isRunning()) {
            throw new SyncEngineException(SyncEngineException.Kind.ARGUMENT,
                    "Cannot clear or trigger resync while a sync iteration is active.");
        }
        session.write(tx -> {
            session.syncStorage().replica().clear(clearLocal, soft, rawTables);
            return null;
        });
    }

    /** The status from stored state alone (completed syncs, subscriptions), as an idle client reports it. */
    public synchronized DownloadStatus offlineStatus() {
        return session.write(tx -> client.offlineStatus());
    }

    /**
     * The same engine driven by operation names, for scenarios written against the native engine; calls
     * must run inside a write transaction of this database.
     */
    public EngineControl control() {
        return (op, payload) -> {
            synchronized (SyncEngine.this) {
                try {
                    return control.control(op, payload);
                } finally {
                    session.syncIterationRunning(client.isRunning());
                }
            }
        };
    }

    private List<Instruction> run(Supplier<List<Instruction>> work) {
        return run(work, false);
    }

    private synchronized List<Instruction> run(Supplier<List<Instruction>> work, boolean mayHoldCommit) {
        List<Instruction> instructions;
        try {
            instructions = mayHoldCommit
                    ? session.writeHoldingCommit(tx -> work.get(), done -> client.storedDataOnly())
                    : session.write(tx -> work.get());
        } finally {
            session.syncIterationRunning(client.isRunning());
        }
        for (Instruction instruction : instructions) {
            if (instruction instanceof Instruction.UpdateSyncStatus update) {
                onStatus.accept(update.status());
            }
        }
        return instructions;
    }
}
