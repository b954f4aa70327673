package dev.hexsync.adapters.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hexsync.adapters.sqlite.functions.SqlFunctions;
import dev.hexsync.adapters.sqlite.migration.Migrations;
import dev.hexsync.ports.storage.DatabaseLocation;
import dev.hexsync.testkit.time.VirtualScheduler;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Closing a session finalizes the statements the sync store keeps prepared on the writer before the writer
 * closes (a connection closed with statements still open is left half closed by SQLite). The writer here is the
 * real connection behind a proxy that records every statement prepared on it, and which of them were still
 * open when the session closed it.
 */
class SqliteSessionCloseTest {

    @Test
    void closingTheSessionFinalizesTheStoresStatementsBeforeTheWriterCloses() throws Exception {
        RecordingWriter writer = new RecordingWriter(DriverManager.getConnection("jdbc:sqlite::memory:"));
        SqlFunctions.register(writer.real);
        Migrations.migrate(writer.real, "close-test");
        SqliteSession session = new SqliteSession(DatabaseLocation.inMemory("close-test"), writer.proxy(), List.of(),
                Duration.ZERO, WriteWaits.NONE, new VirtualScheduler(), new DatabaseState());
        session.write(tx -> {
            session.syncStorage().buckets().lookupBucket("a");
            return null;
        });
        assertThat(writer.prepared).as("the store keeps a statement prepared").anySatisfy(statement ->
                assertThat(statement.isClosed()).isFalse());

        session.close();
        session.close();

        assertThat(writer.openAtClose.get()).as("statements still open when the writer closed").isEmpty();
        assertThat(writer.real.isClosed()).isTrue();
    }

    /** The writer connection, recording what it prepared and what was still open when it closed. */
    private static final class RecordingWriter implements InvocationHandler {
        final Connection real;
        final List<PreparedStatement> prepared = new CopyOnWriteArrayList<>();
        final AtomicReference<List<PreparedStatement>> openAtClose = new AtomicReference<>();

        RecordingWriter(Connection real) {
            this.real = real;
        }

        Connection proxy() {
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                    this);
        }

        @Override
        public Object invoke(Object proxy, java.lang.reflect.Method method, Object[] args) throws Throwable {
            if (method.getName().equals("close")) {
                openAtClose.set(prepared.stream().filter(RecordingWriter::isOpen).toList());
            }
            Object result;
            try {
                result = method.invoke(real, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            if (method.getName().equals("prepareStatement") && result instanceof PreparedStatement statement) {
                prepared.add(statement);
            }
            return result;
        }

        private static boolean isOpen(PreparedStatement statement) {
            try {
                return !statement.isClosed();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
