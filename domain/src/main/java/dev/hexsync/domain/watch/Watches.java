package dev.hexsync.domain.watch;

import dev.hexsync.ports.api.QueryDiff;
import dev.hexsync.ports.api.ReadContext;
import dev.hexsync.ports.api.RowMapper;
import dev.hexsync.ports.api.WatchOptions;
import dev.hexsync.ports.storage.SqlSession;
import dev.hexsync.ports.storage.TableChanges;
import dev.hexsync.ports.time.Scheduler;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Flow;

/**
 * The watches of one database: it hears every commit of the session (through its {@link ChangeHub}) and hands out
 * query watches, differential watches and change feeds. Which tables a watch depends on is the storage's answer
 * (the tables its query reads, or the names the application gave, as the storage names them).
 */
public final class Watches implements AutoCloseable {
    private final SqlSession session;
    private final ChangeHub hub;
    private final Scheduler scheduler;
    private final SqlSession.Registration registration;

    /** Starts hearing the session's commits; {@link #close()} stops. */
    public Watches(SqlSession session, ChangeHub hub, Scheduler scheduler) {
        this.session = Objects.requireNonNull(session, "session is null");
        this.hub = Objects.requireNonNull(hub, "hub is null");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler is null");
        this.registration = session.tableChanges().addListener(hub);
    }

    /**
     * See {@link dev.hexsync.ports.api.SyncDatabase#watch}.
     *
     * @param reads where the query runs
     */
    public <T> Flow.Publisher<List<T>> watch(ReadContext reads, String sql, List<?> params, RowMapper<T> mapper,
            WatchOptions options) {
        TableChanges tables = session.tableChanges();
        return new QueryWatch<>(reads, () -> options.tables().map(tables::tableNames)
                .orElseGet(() -> tables.tablesReadBy(sql, params)), hub, scheduler, sql, params, mapper, options);
    }

    /** See {@link dev.hexsync.ports.api.SyncDatabase#watchDifferential}. */
    public <T> Flow.Publisher<QueryDiff<T>> watchDifferential(ReadContext reads, String sql, List<?> params,
            RowMapper<T> mapper, String keyColumn, WatchOptions options) {
        return new DifferentialWatch<>(watch(reads, sql, params, RowMapper.rows(), options), mapper, keyColumn);
    }

    /** See {@link dev.hexsync.ports.api.SyncDatabase#onChange}. */
    public Flow.Publisher<Set<String>> onChange(WatchOptions options) {
        Set<String> tables = options.tables().map(session.tableChanges()::tableNames).orElse(Set.of());
        return new ChangeFeed(hub, scheduler, tables, options);
    }

    /** Every watch runs again (after a schema change or a clear: any table may differ now). */
    public void everythingChanged() {
        hub.everythingChanged();
    }

    /** Stops hearing commits and completes every watch. */
    @Override
    public void close() {
        registration.close();
        hub.close();
    }
}
