package dev.hexsync.domain.watch;

import dev.hexsync.ports.signal.ChangeSignal;
import dev.hexsync.ports.storage.SqlSession;
import dev.hexsync.ports.storage.TableChange;

/**
 * Shares commits with the other processes on one database file: after each local commit the signal is announced,
 * and each announcement heard from another process reaches the hub as an external change (any table, and the
 * upload queue, may have changed: watches re-run, the upload loop runs). Closing it closes the signal.
 */
public final class ExternalChanges implements AutoCloseable {
    private final ChangeSignal signal;
    private final SqlSession.Registration announcing;
    private final ChangeSignal.Registration hearing;

    /** Starts announcing and hearing. */
    public ExternalChanges(SqlSession session, ChangeSignal signal, ChangeHub hub) {
        this.signal = signal;
        this.announcing = session.tableChanges().addListener(change -> {
            if (!change.external()) {
                signal.announce();
            }
        });
        this.hearing = signal.subscribe(() -> hub.onTablesChanged(TableChange.EXTERNAL));
    }

    @Override
    public void close() {
        hearing.close();
        announcing.close();
        signal.close();
    }
}
