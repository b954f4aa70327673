package dev.hexsync.domain.trigger;

import dev.hexsync.domain.watch.ChangeFeed;
import dev.hexsync.domain.watch.ChangeHub;
import dev.hexsync.ports.api.DatabaseClosedException;
import dev.hexsync.ports.api.DiffHandler;
import dev.hexsync.ports.api.DiffTrigger;
import dev.hexsync.ports.api.DiffTriggerOperation;
import dev.hexsync.ports.api.DiffTriggerOptions;
import dev.hexsync.ports.api.TriggerStorage;
import dev.hexsync.ports.api.WatchOptions;
import dev.hexsync.ports.claims.Claim;
import dev.hexsync.ports.schema.Column;
import dev.hexsync.ports.schema.Schema;
import dev.hexsync.ports.schema.Table;
import dev.hexsync.ports.storage.DiffTriggerDefinition;
import dev.hexsync.ports.storage.SqlSession;
import dev.hexsync.ports.storage.TriggerStore;
import dev.hexsync.ports.time.Scheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The diff triggers of one database: creates them (temporary or persisted, claiming the ids of persisted
 * ones), tracks table diffs for handlers, sweeps persisted triggers nobody claims at start and then
 * periodically, and drops what is still live when the database closes.
 */
public final class DiffTriggers implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DiffTriggers.class);

    private final SqlSession session;
    private final Supplier<Schema> schema;
    private final ChangeHub hub;
    private final Scheduler scheduler;
    private final TriggerSettings settings;
    private final Supplier<UUID> uuids;
    private final Set<ManagedDiffTrigger> live = ConcurrentHashMap.newKeySet();
    private volatile Scheduler.ScheduledTask nextSweep;
    private volatile boolean closed;

    public DiffTriggers(SqlSession session, Supplier<Schema> schema, ChangeHub hub, Scheduler scheduler,
            TriggerSettings settings, Supplier<UUID> uuids) {
        this.session = Objects.requireNonNull(session, "session is null");
        this.schema = Objects.requireNonNull(schema, "schema is null");
        this.hub = Objects.requireNonNull(hub, "hub is null");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler is null");
        this.settings = Objects.requireNonNull(settings, "settings is null");
        this.uuids = Objects.requireNonNull(uuids, "uuids is null");
    }

    /** Sweeps now, then every {@link TriggerSettings#sweepInterval()} until closed. */
    public void start() {
        sweep();
        scheduleSweep();
    }

    /**
     * Drops the persisted triggers and destinations whose id is not claimed, in one write transaction.
     *
     * @return the owners dropped
     */
    public List<TriggerSweep.Owner> sweep() {
        List<TriggerSweep.Owner> dropped = session.write(tx -> TriggerSweep.sweep(session.triggerStore(), settings.claims()));
        for (TriggerSweep.Owner owner : dropped) {
            LOG.info("Dropped the unclaimed diff trigger {} and its table {}",
                    owner.id(), owner.destination());
        }
        return dropped;
    }

    private void scheduleSweep() {
        if (closed) {
            return;
        }
        nextSweep = scheduler.schedule(settings.sweepInterval(), () -> {
            try {
                sweep();
            } catch (DatabaseClosedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("Sweeping unclaimed diff triggers failed; trying again later", e);
            }
            scheduleSweep();
        });
    }

    /** See {@link dev.hexsync.ports.api.SyncDatabase#createDiffTrigger}. */
    public DiffTrigger create(DiffTriggerOptions options) {
        String id = TriggerName.newId(uuids.get());
        Table source = source(options);
        String destination = options.destination().orElse("__ps_temp_diff_" + source.viewName() + "_" + id);
        return create(options, source, id, destination, () -> { });
    }

    /** See {@link dev.hexsync.ports.api.SyncDatabase#trackTableDiff}. */
    public DiffTrigger track(DiffTriggerOptions options, Duration throttle, DiffHandler handler) {
        Objects.requireNonNull(handler, "handler is null");
        Objects.requireNonNull(throttle, "throttle is null");
        String id = TriggerName.newId(uuids.get());
        Table source = source(options);
        String destination = options.destination().orElse("__ps_temp_track_" + source.viewName() + "_" + id);
        List<String> columns = options.columns()
                .orElseGet(() -> source.columns().stream().map(Column::name).toList());
        TableDiffTracker tracker = new TableDiffTracker(session, destination, columns, handler);
        // Listen before the triggers exist, so that the first recorded change is never missed.
        new ChangeFeed(hub, scheduler, session.tableChanges().tableNames(Set.of(destination)),
                WatchOptions.DEFAULT.withThrottle(throttle)).subscribe(tracker);
        try {
            return create(options, source, id, destination, tracker::cancel);
        } catch (RuntimeException e) {
            tracker.cancel();
            throw e;
        }
    }

    private DiffTrigger create(DiffTriggerOptions options, Table source, String id, String destination,
            Runnable onClose) {
        ensureOpen();
        TriggerStorage storage = options.storage().orElse(settings.defaultStorage());
        boolean temporary = storage == TriggerStorage.TEMPORARY;
        Optional<Claim> claim = temporary ? Optional.empty() : Optional.of(settings.claims().claim(id));
        List<String> names = new ArrayList<>();
        try {
            session.write(tx -> {
                options.beforeCreate().ifPresent(hook -> hook.accept(tx));
                TriggerStore store = session.triggerStore();
                store.createDestination(destination, temporary);
                for (Map.Entry<DiffTriggerOperation, Optional<String>> when : options.when().entrySet()) {
                    String name = new TriggerName(when.getKey(), destination, id).format();
                    store.createTrigger(new DiffTriggerDefinition(name, when.getKey(), source, destination,
                            options.columns(), when.getValue(), temporary));
                    names.add(name);
                }
                return null;
            });
        } catch (RuntimeException e) {
            // The transaction (or the caller's savepoint) rolled the triggers back; only the claim is left.
            claim.ifPresent(Claim::close);
            throw e;
        }
        ManagedDiffTrigger trigger = new ManagedDiffTrigger(session, id, destination, storage, names, claim,
                closing -> {
                    onClose.run();
                    live.remove(closing);
                });
        live.add(trigger);
        return trigger;
    }

    /** The schema table a source names, by view or table name, with every listed column checked. */
    private Table source(DiffTriggerOptions options) {
        Table table = schema.get().tableOrView(options.source())
                .orElseThrow(() -> new IllegalArgumentException("Diff trigger source '" + options.source()
                        + "' is not a table or view of the schema"));
        for (String column : options.columns().orElse(List.of())) {
            if (table.column(column).isEmpty()) {
                throw new IllegalArgumentException("Diff trigger on '" + options.source() + "': table '"
                        + table.name() + "' has no column '" + column + "'");
            }
        }
        return table;
    }

    /** Warns that live triggers may now record a table whose shape changed, as the SDKs do. */
    public void schemaChanged() {
        if (!live.isEmpty()) {
            LOG.warn("The schema changed while " + live.size()
                    + " diff trigger(s) are live; they may record unexpected results: " + live);
        }
    }

    /** How many triggers this database created and has not closed. */
    public int liveCount() {
        return live.size();
    }

    private void ensureOpen() {
        if (closed) {
            throw new DatabaseClosedException("diff triggers of " + session.location().describe() + " are closed");
        }
    }

    /** Stops sweeping and closes every live trigger; call before the session closes. */
    @Override
    public void close() {
        closed = true;
        Scheduler.ScheduledTask task = nextSweep;
        if (task != null) {
            task.cancel();
        }
        for (ManagedDiffTrigger trigger : List.copyOf(live)) {
            try {
                trigger.close();
            } catch (RuntimeException e) {
                LOG.warn("Dropping " + trigger + " at close failed", e);
            }
        }
    }
}
