package dev.hexsync.domain.watch;

import dev.hexsync.ports.api.ReadContext;
import dev.hexsync.ports.api.ReadWork;
import dev.hexsync.ports.api.RowMapper;
import dev.hexsync.ports.api.SqlRow;
import dev.hexsync.ports.api.WriteWork;
import dev.hexsync.ports.schema.Schema;
import dev.hexsync.ports.storage.CrudQueue;
import dev.hexsync.ports.storage.DatabaseLocation;
import dev.hexsync.ports.storage.SqlSession;
import dev.hexsync.ports.storage.TableChange;
import dev.hexsync.ports.storage.TableChangeListener;
import dev.hexsync.ports.storage.TableChanges;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A storage session whose queries answer from a script: every query returns one row with column {@code n}
 * holding the current {@link #answer}. Tests fire table changes by hand (named as the storage port names them:
 * application table names) and count queries. Like every storage, it names a view of the applied schema by its
 * table's name.
 */
final class ScriptedSession implements SqlSession {
    volatile long answer;
    volatile RuntimeException failure;
    final AtomicInteger queries = new AtomicInteger();
    final List<TableChangeListener> listeners = new CopyOnWriteArrayList<>();
    Set<String> tablesRead = Set.of("todos");
    private volatile Schema schema = Schema.empty();
    final dev.hexsync.testkit.storage.InMemoryTriggerStore triggers = new dev.hexsync.testkit.storage.InMemoryTriggerStore();
    boolean closed;

    void fire(String... tables) {
        for (TableChangeListener listener : listeners) {
            listener.onTablesChanged(TableChange.of(Set.of(tables)));
        }
    }

    void fireExternal() {
        for (TableChangeListener listener : listeners) {
            listener.onTablesChanged(TableChange.EXTERNAL);
        }
    }

    @Override
    public DatabaseLocation location() {
        return DatabaseLocation.inMemory("scripted");
    }

    @Override
    public <T> T read(ReadWork<T> work) {
        return work.run(new ReadContext() {
            @Override
            public <R> List<R> getAll(String sql, List<?> params, RowMapper<R> mapper) {
                queries.incrementAndGet();
                if (failure != null) {
                    throw failure;
                }
                List<R> rows = new ArrayList<>();
                rows.add(mapper.map(new SqlRow(List.of("n"), new Object[] {answer})));
                return rows;
            }
        });
    }

    /** Runs work that only touches the trigger store (the diff-trigger sweep); SQL writes are refused. */
    @Override
    public synchronized <T> T write(WriteWork<T> work) {
        return work.run(new dev.hexsync.ports.api.WriteContext() {
            @Override
            public <R> List<R> getAll(String sql, List<?> params, RowMapper<R> mapper) {
                throw new UnsupportedOperationException("scripted session runs no SQL in writes");
            }

            @Override
            public long execute(String sql, List<?> params) {
                throw new UnsupportedOperationException("scripted session runs no SQL in writes");
            }

            @Override
            public void executeBatch(String sql, List<? extends List<?>> parameterSets) {
                throw new UnsupportedOperationException("scripted session runs no SQL in writes");
            }
        });
    }

    @Override
    public void applySchema(Schema applied) {
        schema = applied;
    }

    @Override
    public CrudQueue crudQueue() {
        throw new UnsupportedOperationException("no queue in the scripted session");
    }

    @Override
    public dev.hexsync.ports.storage.sync.SyncStorage syncStorage() {
        throw new UnsupportedOperationException("no sync storage in the scripted session");
    }

    @Override
    public dev.hexsync.ports.storage.TriggerStore triggerStore() {
        return triggers;
    }

    @Override
    public TableChanges tableChanges() {
        return new TableChanges() {
            @Override
            public Registration addListener(TableChangeListener listener) {
                listeners.add(listener);
                return () -> listeners.remove(listener);
            }

            @Override
            public Set<String> tablesReadBy(String sql, List<?> params) {
                return tablesRead;
            }

            @Override
            public Set<String> tableNames(Set<String> names) {
                Set<String> resolved = new java.util.LinkedHashSet<>();
                for (String name : names) {
                    resolved.add(schema.tables().stream().filter(table -> table.viewName().equals(name))
                            .map(dev.hexsync.ports.schema.Table::name).findFirst().orElse(name));
                }
                return resolved;
            }
        };
    }

    @Override
    public void close() {
        closed = true;
    }
}
