package dev.hexsync.domain.watch;

import dev.hexsync.ports.api.ReadContext;
import dev.hexsync.ports.api.RowMapper;
import dev.hexsync.ports.api.WatchOptions;
import dev.hexsync.ports.time.Scheduler;
import dev.hexsync.ports.storage.TableChange;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * A query re-run when a table it reads changes. Each subscriber gets its own run: the first result right
 * away, then, after a change, a re-run at most once per throttle window (trailing edge: changes within the
 * window are gathered into one run), publishing only results that differ from the previous one.
 */
public final class QueryWatch<T> implements Flow.Publisher<List<T>> {
    private final ReadContext database;
    private final Supplier<Set<String>> tables;
    private final ChangeHub hub;
    private final Scheduler scheduler;
    private final String sql;
    private final List<?> params;
    private final RowMapper<T> mapper;
    private final WatchOptions options;

    /**
     * @param tables resolves the application table names the query depends on (called once per subscriber)
     */
    public QueryWatch(ReadContext database, Supplier<Set<String>> tables, ChangeHub hub, Scheduler scheduler,
            String sql, List<?> params, RowMapper<T> mapper, WatchOptions options) {
        this.database = database;
        this.tables = tables;
        this.hub = hub;
        this.scheduler = scheduler;
        this.sql = sql;
        this.params = List.copyOf(params);
        this.mapper = mapper;
        this.options = options;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super List<T>> subscriber) {
        new Run(subscriber).start();
    }

    private final class Run implements ChangeHub.Watcher {
        private final ConflatingSubscription<List<T>> subscription;
        private final AtomicBoolean scheduled = new AtomicBoolean();
        private volatile Set<String> watched = Set.of();
        private volatile AutoCloseable registration;
        private volatile Scheduler.ScheduledTask pendingRun;
        private List<T> last;

        Run(Flow.Subscriber<? super List<T>> subscriber) {
            this.subscription = new ConflatingSubscription<>(subscriber, scheduler, (older, newer) -> newer, this::stop);
            subscriber.onSubscribe(subscription);
        }

        void start() {
            scheduler.execute(() -> {
                try {
                    watched = tables.get();
                    registration = hub.register(this);
                    refresh();
                } catch (RuntimeException e) {
                    subscription.fail(e);
                }
            });
        }

        @Override
        public void changed(TableChange change) {
            if (change.external() || !Collections.disjoint(watched, change.tables())) {
                if (scheduled.compareAndSet(false, true)) {
                    pendingRun = scheduler.schedule(options.throttle(), () -> {
                        scheduled.set(false);
                        refresh();
                    });
                }
            }
        }

        @Override
        public void closed() {
            subscription.complete();
        }

        private synchronized void refresh() {
            if (subscription.isDone()) {
                return;
            }
            try {
                List<T> result = database.getAll(sql, params, mapper);
                if (!result.equals(last)) {
                    last = result;
                    subscription.offer(result);
                }
            } catch (RuntimeException e) {
                subscription.fail(e);
            }
        }

        private void stop() {
            Scheduler.ScheduledTask task = pendingRun;
            if (task != null) {
                task.cancel();
            }
            AutoCloseable handle = registration;
            if (handle != null) {
                try {
                    handle.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }
}
