package dev.hexsync.adapters.sqlite;

import dev.hexsync.ports.schema.RawTable;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the engine's SQL functions need to know about the database beyond its tables, shared by every connection
 * of one open database (the engine keeps the same in its per-connection {@code DatabaseState}): whether a sync
 * iteration runs, the raw tables of the schema last applied (whose {@code clear} statements
 * {@code powersync_clear} runs), and the tables that {@code powersync_update_hooks} reports.
 */
final class DatabaseState {
    private volatile boolean syncIterationRunning;
    private volatile List<RawTable> rawTables = List.of();
    private volatile boolean updateHooksInstalled;
    /** Tables changed by committed transactions since the last {@code powersync_update_hooks('get')}; sorted. */
    private final Set<String> committedUpdates = new TreeSet<>();

    boolean syncIterationRunning() {
        return syncIterationRunning;
    }

    void syncIterationRunning(boolean running) {
        this.syncIterationRunning = running;
    }

    List<RawTable> rawTables() {
        return rawTables;
    }

    void rawTables(List<RawTable> tables) {
        this.rawTables = List.copyOf(tables);
    }

    void installUpdateHooks() {
        updateHooksInstalled = true;
    }

    boolean updateHooksInstalled() {
        return updateHooksInstalled;
    }

    /** A connection committed a transaction that changed {@code tables}. */
    synchronized void committed(Set<String> tables) {
        committedUpdates.addAll(tables);
    }

    /** The tables changed since the last call, sorted, and forgets them. */
    synchronized List<String> takeUpdates() {
        List<String> tables = List.copyOf(committedUpdates);
        committedUpdates.clear();
        return tables;
    }
}
