package dev.hexsync.domain.watch;

import dev.hexsync.ports.storage.TableChange;
import dev.hexsync.ports.storage.TableChangeListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Fans committed table changes out to the watches of one database (and to the parts that act on a changed upload
 * queue or another process's commit). Listeners run on the committing thread, so watchers only schedule work
 * here.
 */
public final class ChangeHub implements TableChangeListener {

    /** A party interested in changes. */
    public interface Watcher {
        /**
         * Something changed; {@link TableChange#external()} means unknown tables changed (another process, a
         * schema change).
         */
        void changed(TableChange change);

        /** The database closed: no more changes will come. */
        void closed();
    }

    private final List<Watcher> watchers = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    /** Adds a watcher; the returned handle removes it. A watcher added after close is closed at once. */
    public AutoCloseable register(Watcher watcher) {
        watchers.add(watcher);
        if (closed) {
            watchers.remove(watcher);
            watcher.closed();
        }
        return () -> watchers.remove(watcher);
    }

    @Override
    public void onTablesChanged(TableChange change) {
        for (Watcher watcher : watchers) {
            watcher.changed(change);
        }
    }

    /** Tells every watcher that unknown tables changed (after a schema change, for example). */
    public void everythingChanged() {
        onTablesChanged(TableChange.EXTERNAL);
    }

    /** Closes every watcher; later registrations are closed at once. */
    public void close() {
        closed = true;
        for (Watcher watcher : watchers) {
            watchers.remove(watcher);
            watcher.closed();
        }
    }
}
