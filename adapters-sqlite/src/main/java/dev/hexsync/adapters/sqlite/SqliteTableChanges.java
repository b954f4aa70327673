package dev.hexsync.adapters.sqlite;

import dev.hexsync.ports.storage.SqlSession.Registration;
import dev.hexsync.ports.storage.TableChangeListener;
import dev.hexsync.ports.storage.TableChanges;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link SqliteSession}'s table changes: listeners on its writer, and names as {@link TableNaming} spells them.
 * Which tables a query reads is asked of a reader, or of the writer under the write lock when the session has no
 * readers or the caller is inside a write.
 */
final class SqliteTableChanges implements TableChanges {
    private final SqliteSession session;
    private final WriterConnection writer;
    /** Null for an in-memory database. */
    private final ReaderPool readers;
    private final ReentrantLock writeLock;

    SqliteTableChanges(SqliteSession session, WriterConnection writer, ReaderPool readers, ReentrantLock writeLock) {
        this.session = session;
        this.writer = writer;
        this.readers = readers;
        this.writeLock = writeLock;
    }

    @Override
    public Registration addListener(TableChangeListener listener) {
        return writer.addListener(listener);
    }

    @Override
    public Set<String> tablesReadBy(String sql, List<?> params) {
        session.ensureOpen("tablesReadBy");
        if (readers == null || writeLock.isHeldByCurrentThread()) {
            writeLock.lock();
            try {
                return TableNaming.fromStored(TablesRead.of(writer.connection(), sql, params));
            } finally {
                writeLock.unlock();
            }
        }
        return TableNaming.fromStored(readers.withReader(reader -> TablesRead.of(reader, sql, params)));
    }

    @Override
    public Set<String> tableNames(Set<String> names) {
        return TableNaming.fromApplication(names, session.schema());
    }
}
