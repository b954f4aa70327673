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
 */
public final class SyncEngine {
    private final SqlSession session;
    private final SyncClient client;
    private final ControlDispatcher control;
    private final Consumer<DownloadStatus> onStatus;

    public SyncEngine(SqlSession session, SyncLineDecoder decoder, Clock clock, Consumer<DownloadStatus> onStatus) {
        this.session = Objects.requireNonNull(session, "session is null");
        this.client = new SyncClient(session.syncStore(), decoder, clock);
        this.control = new ControlDispatcher(client, session.syncStore(), clock);
        this.onStatus = Objects.requireNonNull(onStatus, "onStatus is null");
    }

    /** Starts an iteration (ending a running one). */
    public List<Instruction> start(StartOptions options) {
        return run(() -> client.start(options));
    }

    /** Hands an event to the running iteration; see {@link SyncClient#handle}. */
    public List<Instruction> handle(SyncEvent event) {
        return run(() -> client.handle(event));
    }

    /** Ends the running iteration. */
    public List<Instruction> stop() {
        return run(client::stop);
    }

    public synchronized boolean isRunning() {
        return client.isRunning();
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
                return control.control(op, payload);
            }
        };
    }

    private synchronized List<Instruction> run(Supplier<List<Instruction>> work) {
        List<Instruction> instructions = session.write(tx -> work.get());
        for (Instruction instruction : instructions) {
            if (instruction instanceof Instruction.UpdateSyncStatus update) {
                onStatus.accept(update.status());
            }
        }
        return instructions;
    }
}
