package dev.hexsync.testkit.storage;

import dev.hexsync.ports.storage.SqlSession;
import dev.hexsync.ports.storage.TableChangeListener;
import dev.hexsync.ports.storage.TableChanges;
import java.util.List;
import java.util.Set;

/**
 * Table changes of a session fake whose tests do not watch tables: no commit is ever heard, and a query reads no
 * table. Names are returned as given.
 */
public enum NoTableChanges implements TableChanges {
    INSTANCE;

    @Override
    public SqlSession.Registration addListener(TableChangeListener listener) {
        return () -> { };
    }

    @Override
    public Set<String> tablesReadBy(String sql, List<?> params) {
        return Set.of();
    }
}
