package dev.hexsync.domain.collection;

import dev.hexsync.ports.api.SyncDatabase;
import dev.hexsync.ports.api.collection.CollectionOptions;
import dev.hexsync.ports.api.collection.LiveCollection;
import dev.hexsync.ports.api.collection.LiveCollections;
import dev.hexsync.ports.api.collection.RowMapping;
import dev.hexsync.ports.api.collection.Transactor;
import dev.hexsync.ports.schema.Table;
import dev.hexsync.ports.storage.SqlSession;
import dev.hexsync.ports.time.Scheduler;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live collections of one database and their transactor: opens (and hydrates) collections over its tables
 * and closes what is still open when the database closes.
 */
public final class Collections implements LiveCollections, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Collections.class);

    private final SyncDatabase db;
    private final SqlSession session;
    private final CollectionTransactor transactor;
    private final Set<DatabaseCollection<?>> open = ConcurrentHashMap.newKeySet();

    /**
     * @param session the storage, for the trigger conditions of on-demand collections
     * @param scheduler runs the writes (as blocking work) and completes persisted futures
     */
    public Collections(SyncDatabase db, SqlSession session, Scheduler scheduler) {
        this.db = db;
        this.session = session;
        this.transactor = new CollectionTransactor(db, scheduler::executeBlocking, scheduler::execute);
    }

    @Override
    public <T> LiveCollection<T> open(CollectionOptions<T> options) {
        Table table = db.schema().tableOrView(options.table()).orElseThrow(() -> new IllegalArgumentException(
                "Live collection on '" + options.table() + "': not a table or view of the schema"));
        RowMapping<T> mapping = options.mapping()
                .orElseGet(() -> RecordMapping.of(options.type(), table, options.converters()));
        CollectionState<T> state = new CollectionState<>(table.name(), mapping, options.listenerExecutor());
        DatabaseCollection<T> collection = new DatabaseCollection<>(db, session, table, options, state, transactor);
        collection.rebuild();
        open.add(collection);
        collection.onClose(() -> open.remove(collection));
        return collection;
    }

    @Override
    public Transactor transactor() {
        return transactor;
    }

    /** Closes the collections still open; before the database's diff triggers close. */
    @Override
    public void close() {
        for (DatabaseCollection<?> collection : List.copyOf(open)) {
            try {
                collection.close();
            } catch (RuntimeException e) {
                LOG.warn("Closing the live collection on " + collection.table()
                        + " failed", e);
            }
        }
        open.clear();
    }
}
