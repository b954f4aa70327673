package dev.hexsync.domain.connection;

import dev.hexsync.domain.watch.ChangeHub;
import dev.hexsync.ports.storage.TableChange;
import dev.hexsync.ports.time.Scheduler;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * While this process follows, the leader's progress reaches it only as external changes: after them the stored
 * sync state is read again (at most once per interval; it takes the write lock), so that waitForFirstSync and
 * hasSynced work in a follower too. Also reads it once at the start: the leader may have synced before, and may
 * stay quiet from now on.
 */
final class FollowerRefresh implements AutoCloseable {
    static final Duration INTERVAL = Duration.ofSeconds(1);

    private final AutoCloseable registration;

    /** Starts refreshing; {@code refresh} must not throw. */
    FollowerRefresh(ChangeHub hub, Scheduler scheduler, Runnable refresh) {
        AtomicBoolean pending = new AtomicBoolean();
        this.registration = hub.register(new ChangeHub.Watcher() {
            @Override
            public void changed(TableChange change) {
                if (change.external() && pending.compareAndSet(false, true)) {
                    scheduler.schedule(INTERVAL, () -> {
                        pending.set(false);
                        refresh.run();
                    });
                }
            }

            @Override
            public void closed() {
            }
        });
        scheduler.execute(refresh);
    }

    /** Stops refreshing after external changes. */
    @Override
    public void close() {
        try {
            registration.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
