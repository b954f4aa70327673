package dev.hexsync.domain.trigger;

import dev.hexsync.ports.api.DatabaseClosedException;
import dev.hexsync.ports.api.DiffHandler;
import dev.hexsync.ports.storage.SqlSession;
import dev.hexsync.ports.storage.TriggerStore;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Flow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls a handler with what a diff trigger recorded, each time the (throttled) change feed of its destination
 * fires: in a write transaction that empties the destination once the handler returned. Nothing runs while
 * nothing was recorded, which also absorbs the change event of the emptying itself.
 */
final class TableDiffTracker implements Flow.Subscriber<Set<String>> {
    private static final Logger LOG = LoggerFactory.getLogger(TableDiffTracker.class);

    private final SqlSession session;
    private final String destination;
    private final List<String> columns;
    private final DiffHandler handler;
    private volatile Flow.Subscription subscription;
    private volatile boolean cancelled;

    TableDiffTracker(SqlSession session, String destination, List<String> columns, DiffHandler handler) {
        this.session = session;
        this.destination = destination;
        this.columns = List.copyOf(columns);
        this.handler = handler;
    }

    /** Stops calling the handler; the trigger was closed or never created. */
    void cancel() {
        cancelled = true;
        Flow.Subscription current = subscription;
        if (current != null) {
            current.cancel();
        }
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (cancelled) {
            s.cancel();
        } else {
            s.request(Long.MAX_VALUE);
        }
    }

    @Override
    public synchronized void onNext(Set<String> tables) {
        if (cancelled) {
            return;
        }
        try {
            session.write(tx -> {
                TriggerStore store = session.triggerStore();
                if (!store.isEmpty(destination)) {
                    handler.onChange(new RecordedDiff(tx, store, destination, columns));
                    store.clear(destination);
                }
                return null;
            });
        } catch (DatabaseClosedException e) {
            cancel();
        } catch (RuntimeException e) {
            // The transaction rolled back: the recorded changes stay and come again with the next change.
            LOG.warn("The diff handler tracking into " + destination + " failed", e);
        }
    }

    @Override
    public void onError(Throwable throwable) {
        LOG.warn("The change feed of " + destination + " failed", throwable);
    }

    @Override
    public void onComplete() {
        cancelled = true;
    }
}
