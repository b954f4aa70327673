package dev.hexsync.domain.watch;

import dev.hexsync.ports.api.WatchOptions;
import dev.hexsync.ports.time.Scheduler;
import dev.hexsync.ports.storage.TableChange;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.Flow;

/**
 * Publishes the names of changed tables, gathered over the throttle window (trailing edge). With no tables
 * given it reports every change; an external change (unknown tables) is reported as the watched set, or as
 * an empty set when every table is watched.
 */
public final class ChangeFeed implements Flow.Publisher<Set<String>> {
    private final ChangeHub hub;
    private final Scheduler scheduler;
    private final Set<String> tables;
    private final WatchOptions options;

    /** @param tables application table names, already normalised; empty for every table */
    public ChangeFeed(ChangeHub hub, Scheduler scheduler, Set<String> tables, WatchOptions options) {
        this.hub = hub;
        this.scheduler = scheduler;
        this.tables = Set.copyOf(tables);
        this.options = options;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super Set<String>> subscriber) {
        new Feed(subscriber).start();
    }

    private final class Feed implements ChangeHub.Watcher {
        private final ConflatingSubscription<Set<String>> subscription;
        private final Set<String> gathered = new LinkedHashSet<>();
        private volatile AutoCloseable registration;
        private Scheduler.ScheduledTask flush;

        Feed(Flow.Subscriber<? super Set<String>> subscriber) {
            this.subscription = new ConflatingSubscription<>(subscriber, scheduler, ChangeFeed::union, this::stop);
            subscriber.onSubscribe(subscription);
        }

        void start() {
            registration = hub.register(this);
            if (options.triggerImmediately()) {
                subscription.offer(Set.of());
            }
        }

        @Override
        public void changed(TableChange change) {
            boolean external = change.external();
            Set<String> changedTables = change.tables();
            Set<String> relevant = new LinkedHashSet<>();
            if (external) {
                relevant.addAll(tables);
            } else if (tables.isEmpty()) {
                relevant.addAll(changedTables);
            } else {
                for (String table : changedTables) {
                    if (tables.contains(table)) {
                        relevant.add(table);
                    }
                }
            }
            if (relevant.isEmpty() && !external) {
                return;
            }
            synchronized (this) {
                gathered.addAll(relevant);
                if (flush == null) {
                    flush = scheduler.schedule(options.throttle(), this::flush);
                }
            }
        }

        private void flush() {
            Set<String> batch;
            synchronized (this) {
                batch = Set.copyOf(gathered);
                gathered.clear();
                flush = null;
            }
            subscription.offer(batch);
        }

        @Override
        public void closed() {
            subscription.complete();
        }

        private synchronized void stop() {
            if (flush != null) {
                flush.cancel();
                flush = null;
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

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> union = new LinkedHashSet<>(a);
        union.addAll(b);
        return Set.copyOf(union);
    }
}
