package dev.hexsync.domain.sync;

import dev.hexsync.ports.storage.StorageBusyException;
import dev.hexsync.ports.storage.sync.SyncStorage;
import dev.hexsync.ports.sync.SyncLineDecoder;
import dev.hexsync.ports.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * The sync engine of one database, sans-I/O: events in, instructions out. At most one iteration runs at a
 * time. Every call must run inside a write transaction of the database (the store's), which the caller
 * commits when the call returns and rolls back when it throws. Not thread-safe: the connection loop owns
 * it.
 */
public final class SyncClient {
    private final SyncStorage store;
    private final SyncLineDecoder decoder;
    private final Clock clock;
    private SyncIteration iteration;
    /** Whether the last event handled was a data line (see {@link #storedDataOnly}). */
    private boolean storedDataOnly;
    /** Ops stored from data lines by every iteration (for metrics). */
    private long opsStored;

    public SyncClient(SyncStorage store, SyncLineDecoder decoder, Clock clock) {
        this.store = Objects.requireNonNull(store, "store is null");
        this.decoder = Objects.requireNonNull(decoder, "decoder is null");
        this.clock = Objects.requireNonNull(clock, "clock is null");
    }

    /** Starts an iteration, ending a running one silently (its instructions are dropped). */
    public List<Instruction> start(StartOptions options) {
        if (iteration != null) {
            iteration.tearDown();
            iteration = null;
        }
        SyncIteration started = new SyncIteration(store, decoder, clock, options);
        List<Instruction> instructions = started.initialize();
        iteration = started;
        return instructions;
    }

    /** Ends the running iteration: disconnected status and a close; nothing when idle. */
    public List<Instruction> stop() {
        if (iteration == null) {
            return List.of();
        }
        List<Instruction> instructions = iteration.tearDown().instructions();
        iteration = null;
        return instructions;
    }

    /**
     * Hands an event to the running iteration.
     *
     * @throws SyncEngineException (state) when no iteration is running
     * @throws StorageBusyException when the database was busy: the iteration is unchanged, retry the event
     * @throws RuntimeException any other failure, which ends the iteration
     */
    public List<Instruction> handle(SyncEvent event) {
        storedDataOnly = false;
        if (iteration == null) {
            throw SyncEngineException.noIteration();
        }
        SyncIteration.Outcome outcome;
        SyncIteration current = iteration;
        long storedBefore = current.opsStored();
        try {
            outcome = current.handle(event);
        } catch (StorageBusyException busy) {
            throw busy;
        } catch (RuntimeException e) {
            iteration = null;
            throw e;
        }
        if (outcome.done()) {
            iteration = null;
        }
        storedDataOnly = outcome.storedDataOnly();
        opsStored += current.opsStored() - storedBefore;
        return outcome.instructions();
    }

    /** How many downloaded ops data lines stored since this client was made. */
    public long opsStored() {
        return opsStored;
    }

    /**
     * Whether the last {@link #handle} only stored a data line's ops: nothing the engine decides depends on
     * their being committed before the next event, so their commit may be shared with the following lines
     * (see {@link dev.hexsync.ports.storage.SqlSession#writeHoldingCommit}).
     */
    public boolean storedDataOnly() {
        return storedDataOnly;
    }

    /** Whether an iteration is running. */
    public boolean isRunning() {
        return iteration != null;
    }

    /** The status an idle client reports, from stored state only. */
    public DownloadStatus offlineStatus() {
        return SyncIteration.offlineStatus(store);
    }
}
