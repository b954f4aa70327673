package dev.hexsync.domain.status;

import dev.hexsync.domain.sync.DownloadStatus;
import dev.hexsync.domain.sync.SyncEngine;
import dev.hexsync.domain.watch.LatestValuePublisher;
import dev.hexsync.ports.api.DatabaseClosedException;
import dev.hexsync.ports.model.SyncStatus;
import dev.hexsync.ports.time.Scheduler;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The public sync status of one database: the latest value, which the engine (download side) and the loops
 * (connection, upload, leadership) change, published to subscribers on the scheduler.
 */
public final class StatusHolder implements StatusUpdates, AutoCloseable {
    private final LatestValuePublisher<SyncStatus> status;

    public StatusHolder(Scheduler scheduler) {
        this.status = new LatestValuePublisher<>(scheduler, SyncStatus.UNKNOWN);
    }

    @Override
    public void update(UnaryOperator<SyncStatus> change) {
        status.update(change);
    }

    /** What the engine reported, keeping the fields it does not know of (uploads, errors, following). */
    public void engineReported(DownloadStatus engineStatus) {
        status.update(previous -> StatusMapper.toPublic(engineStatus, previous));
    }

    /**
     * While {@code engine} does not sync, reads its stored state into the status (whether the database ever
     * synced, the stored subscriptions), so that what changed offline shows.
     */
    public void refreshOffline(SyncEngine engine) {
        if (!engine.isRunning()) {
            engineReported(engine.offlineStatus());
        }
    }

    /** The status now. */
    public SyncStatus current() {
        return status.current();
    }

    /** Every status from now on, conflated for slow subscribers; completes when the database closes. */
    public Flow.Publisher<SyncStatus> publisher() {
        return status;
    }

    /** Completes once the status satisfies {@code condition} (at once if it does now). */
    public CompletableFuture<Void> waitFor(Predicate<SyncStatus> condition) {
        CompletableFuture<Void> reached = new CompletableFuture<>();
        status.subscribe(new Flow.Subscriber<>() {
            private Flow.Subscription subscription;

            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscription = s;
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(SyncStatus item) {
                if (condition.test(item)) {
                    reached.complete(null);
                    subscription.cancel();
                }
            }

            @Override
            public void onError(Throwable throwable) {
                reached.completeExceptionally(throwable);
            }

            @Override
            public void onComplete() {
                reached.completeExceptionally(new DatabaseClosedException("closed before the status was reached"));
            }
        });
        return reached;
    }

    /** Completes the subscribers. */
    @Override
    public void close() {
        status.close();
    }
}
