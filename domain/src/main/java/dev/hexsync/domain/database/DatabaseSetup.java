package dev.hexsync.domain.database;

import dev.hexsync.domain.connection.SyncLeadership;
import dev.hexsync.domain.trigger.TriggerSettings;
import dev.hexsync.ports.schema.Schema;
import dev.hexsync.ports.signal.ChangeSignal;
import dev.hexsync.ports.storage.SqlSession;
import dev.hexsync.ports.sync.SyncLineDecoder;
import dev.hexsync.ports.time.Scheduler;
import dev.hexsync.ports.transport.SyncTransport;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import dev.hexsync.ports.metrics.SyncMetrics;

/**
 * Everything a {@link LocalDatabase} is made of that comes from outside the domain: the open session, the
 * scheduler, the schema to apply, diff-trigger settings, the cross-process change signal, the sync side (when the
 * database syncs), and what to run once it closed or was deleted. {@link LocalDatabase#open} takes ownership.
 *
 * @param sync the sync engine's decoder, the transport and, for a file other processes may open, the leadership
 *     among them; empty for a database that never syncs
 * @param afterClose run in order once the database and its session closed (to release what its creator set up
 *     for it)
 * @param afterDelete run in order after {@code close(true)} deleted the database (to delete side files)
 */
public record DatabaseSetup(SqlSession session, Scheduler scheduler, Schema schema, TriggerSettings triggers,
        ChangeSignal changeSignal, Optional<Sync> sync, List<Runnable> afterClose, List<Runnable> afterDelete) {

    /** The sync side of a database. */
    public record Sync(SyncLineDecoder decoder, SyncTransport transport, Optional<SyncLeadership> leadership,
            SyncMetrics metrics) {
        public Sync {
            Objects.requireNonNull(decoder, "decoder is null");
            Objects.requireNonNull(transport, "transport is null");
            Objects.requireNonNull(leadership, "leadership is null");
            Objects.requireNonNull(metrics, "metrics is null");
        }

        /** Without metrics. */
        public Sync(SyncLineDecoder decoder, SyncTransport transport, Optional<SyncLeadership> leadership) {
            this(decoder, transport, leadership, SyncMetrics.NONE);
        }
    }

    public DatabaseSetup {
        Objects.requireNonNull(session, "session is null");
        Objects.requireNonNull(scheduler, "scheduler is null");
        Objects.requireNonNull(schema, "schema is null");
        Objects.requireNonNull(triggers, "triggers is null");
        Objects.requireNonNull(changeSignal, "changeSignal is null");
        Objects.requireNonNull(sync, "sync is null");
        afterClose = List.copyOf(afterClose);
        afterDelete = List.copyOf(afterDelete);
    }

    /**
     * A database over {@code session} that no other connection or process opens: temporary diff triggers, no
     * change signal, no sync.
     */
    public static DatabaseSetup of(SqlSession session, Scheduler scheduler, Schema schema) {
        return new DatabaseSetup(session, scheduler, schema, TriggerSettings.singleConnection(), ChangeSignal.NONE,
                Optional.empty(), List.of(), List.of());
    }

    public DatabaseSetup withTriggers(TriggerSettings settings) {
        return new DatabaseSetup(session, scheduler, schema, settings, changeSignal, sync, afterClose, afterDelete);
    }

    public DatabaseSetup withChangeSignal(ChangeSignal signal) {
        return new DatabaseSetup(session, scheduler, schema, triggers, signal, sync, afterClose, afterDelete);
    }

    public DatabaseSetup withSync(Sync value) {
        return new DatabaseSetup(session, scheduler, schema, triggers, changeSignal, Optional.of(value), afterClose,
                afterDelete);
    }

    /** This setup with {@code hook} run after the ones it has, once the database closed. */
    public DatabaseSetup withAfterClose(Runnable hook) {
        return new DatabaseSetup(session, scheduler, schema, triggers, changeSignal, sync, plus(afterClose, hook),
                afterDelete);
    }

    /** This setup with {@code hook} run after the ones it has, once the database was deleted. */
    public DatabaseSetup withAfterDelete(Runnable hook) {
        return new DatabaseSetup(session, scheduler, schema, triggers, changeSignal, sync, afterClose,
                plus(afterDelete, hook));
    }

    private static List<Runnable> plus(List<Runnable> hooks, Runnable hook) {
        List<Runnable> all = new ArrayList<>(hooks);
        all.add(Objects.requireNonNull(hook, "hook is null"));
        return all;
    }
}
