package dev.hexsync.domain.connection;

import dev.hexsync.domain.status.StatusHolder;
import dev.hexsync.domain.stream.StreamKey;
import dev.hexsync.domain.sync.SyncEngine;
import dev.hexsync.domain.watch.ChangeHub;
import dev.hexsync.ports.api.BackendConnector;
import dev.hexsync.ports.api.ConnectOptions;
import dev.hexsync.ports.api.SyncDatabase;
import dev.hexsync.ports.schema.RawTable;
import dev.hexsync.ports.storage.CrudQueue;
import dev.hexsync.ports.storage.TableChange;
import dev.hexsync.ports.time.Scheduler;
import dev.hexsync.ports.transport.SyncTransport;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import dev.hexsync.ports.metrics.SyncMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Whether and how a database syncs: {@code connect()} and {@code disconnect()}, leadership among the processes
 * sharing the database file (a process that does not lead follows, and takes over when the leader goes), and
 * the one {@link SyncConnection} of the current {@code connect()}, whose upload loop runs whenever the upload
 * queue changes or another process committed.
 */
public final class SyncController implements AutoCloseable {
    private final SyncEngine engine;
    private final SyncTransport transport;
    private final Scheduler scheduler;
    private final CrudQueue crud;
    private final StatusHolder status;
    private final ChangeHub hub;
    private final Optional<SyncLeadership> leadership;
    private SyncConnection connection;
    private AutoCloseable uploadTrigger;
    private SyncLeadership.Candidacy candidacy;
    private FollowerRefresh following;
    private volatile boolean closed;

    /**
     * @param crud the upload queue
     * @param hub the database's table changes (the upload loop runs when the queue changed)
     * @param leadership when present, {@link #connect} syncs only while this process leads the database file;
     *     otherwise it waits as a follower (its status says so) and takes over when the leader goes
     */
    private final SyncMetrics metrics;
    /** When the upload loop first found entries it has not drained since (null while the queue is drained). */
    private final AtomicReference<Instant> uploadsWaitingSince = new AtomicReference<>();

    public SyncController(SyncEngine engine, SyncTransport transport, Scheduler scheduler, CrudQueue crud,
            StatusHolder status, ChangeHub hub, Optional<SyncLeadership> leadership) {
        this(engine, transport, scheduler, crud, status, hub, leadership, SyncMetrics.NONE);
    }

    /** @param metrics where the loops report what they did (ops, bytes, checkpoints, uploads, reconnects) */
    public SyncController(SyncEngine engine, SyncTransport transport, Scheduler scheduler, CrudQueue crud,
            StatusHolder status, ChangeHub hub, Optional<SyncLeadership> leadership, SyncMetrics metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics is null");
        // Read when the metrics are read: the queue's size, and since when uploads have been waiting.
        metrics.uploadQueue(() -> crud.stats(false).count(), () -> Optional.ofNullable(uploadsWaitingSince.get())
                .map(since -> Duration.between(since, scheduler.clock().now())));
        this.engine = Objects.requireNonNull(engine, "engine is null");
        this.transport = Objects.requireNonNull(transport, "transport is null");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler is null");
        this.crud = Objects.requireNonNull(crud, "crud is null");
        this.status = Objects.requireNonNull(status, "status is null");
        this.hub = Objects.requireNonNull(hub, "hub is null");
        this.leadership = Objects.requireNonNull(leadership, "leadership is null");
    }

    /** The engine this controller drives. */
    public SyncEngine engine() {
        return engine;
    }

    /**
     * See {@link SyncDatabase#connect}.
     *
     * @param database what the application's upload handler is given
     * @param activeStreams the streams the application subscribed to now
     */
    public synchronized CompletableFuture<Void> connect(SyncDatabase database, Supplier<List<StreamKey>> activeStreams,
            BackendConnector connector, ConnectOptions options) {
        disconnect();
        if (leadership.isEmpty()) {
            return startConnection(database, activeStreams, connector, options);
        }
        CompletableFuture<Void> begun = new CompletableFuture<>();
        SyncLeadership.Candidacy[] self = new SyncLeadership.Candidacy[1];
        candidacy = self[0] = leadership.get().stand(() -> {
            synchronized (SyncController.this) {
                // A candidacy replaced or ended while its election ran must not start anything.
                if (closed || (self[0] != null && candidacy != self[0])) {
                    begun.complete(null);
                    return;
                }
                stopFollowing();
                status.update(previous -> previous.withFollower(false));
                startConnection(database, activeStreams, connector, options)
                        .whenComplete((ok, error) -> begun.complete(null));
            }
        }, () -> {
            status.update(previous -> previous.withFollower(true));
            follow();
            begun.complete(null);
        });
        return begun;
    }

    private synchronized void follow() {
        if (following == null) {
            following = new FollowerRefresh(hub, scheduler, () -> {
                try {
                    if (!closed) {
                        status.refreshOffline(engine);
                    }
                } catch (RuntimeException e) {
                    // Busy or closing: the next external change refreshes again.
                }
            });
        }
    }

    private synchronized void stopFollowing() {
        if (following != null) {
            following.close();
            following = null;
        }
    }

    private CompletableFuture<Void> startConnection(SyncDatabase database, Supplier<List<StreamKey>> activeStreams,
            BackendConnector connector, ConnectOptions options) {
        SyncConnection started = new SyncConnection(engine, transport, connector, options, scheduler, database, crud,
                activeStreams, status, metrics, uploadsWaitingSince);
        connection = started;
        uploadTrigger = hub.register(new ChangeHub.Watcher() {
            @Override
            public void changed(TableChange change) {
                if (change.external() || change.queueChanged()) {
                    started.triggerUpload();
                }
            }

            @Override
            public void closed() {
            }
        });
        return started.start();
    }

    /** See {@link SyncDatabase#disconnect}: the connection stops before a won leadership is given up. */
    public synchronized void disconnect() {
        SyncLeadership.Candidacy ending = candidacy;
        candidacy = null;
        if (ending != null) {
            stopFollowing();
            status.update(previous -> previous.withFollower(false));
        }
        if (connection != null) {
            connection.stop();
            connection = null;
        }
        if (uploadTrigger != null) {
            try {
                uploadTrigger.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            uploadTrigger = null;
        }
        if (ending != null) {
            // Only now that this process stopped syncing may a follower elsewhere take over.
            ending.close();
        }
    }

    /** See {@link SyncDatabase#disconnectAndClear}; the caller tells the watches afterwards. */
    public synchronized void disconnectAndClear(boolean clearLocal, boolean soft, List<RawTable> rawTables) {
        disconnect();
        engine.clear(clearLocal, soft, rawTables);
        status.refreshOffline(engine);
    }

    /** See {@link SyncDatabase#requestCheckpoint}. */
    public synchronized CompletableFuture<Void> requestCheckpoint() {
        if (connection == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("requestCheckpoint() needs a connected database"));
        }
        return connection.requestCheckpoint();
    }

    /** The application's active streams changed: a running iteration hears of it at once. */
    public void activeStreamsChanged(List<StreamKey> active) {
        SyncConnection current;
        synchronized (this) {
            current = connection;
        }
        if (current != null) {
            current.subscriptionsChanged(active);
        }
    }

    /** Disconnects for good: an election won later starts nothing. */
    @Override
    public void close() {
        closed = true;
        disconnect();
    }
}
