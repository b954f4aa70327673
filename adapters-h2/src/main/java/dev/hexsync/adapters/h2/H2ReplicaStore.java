package dev.hexsync.adapters.h2;

import dev.hexsync.adapters.h2.schema.H2SchemaApplier;
import dev.hexsync.adapters.h2.schema.H2TableSql;
import dev.hexsync.ports.schema.RawTable;
import dev.hexsync.ports.storage.sync.ReplicaStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** The engine's {@code powersync_clear} on H2, statement for statement. Runs on the writer inside {@link H2Session#write}. */
final class H2ReplicaStore implements ReplicaStore {
    private final H2Session session;

    H2ReplicaStore(H2Session session) {
        this.session = session;
    }

    @Override
    public void clear(boolean clearLocal, boolean soft, List<RawTable> rawTables) {
        Connection connection = session.writerConnection();
        try (Statement statement = connection.createStatement()) {
            if (soft) {
                statement.execute("UPDATE ps_buckets SET last_applied_op = 0");
            } else {
                statement.execute("DELETE FROM ps_oplog");
                statement.execute("DELETE FROM ps_buckets");
            }
            statement.execute("DELETE FROM ps_crud");
            statement.execute("DELETE FROM ps_untyped");
            statement.execute("DELETE FROM ps_updated_rows");
            statement.execute("DELETE FROM ps_kv WHERE key <> 'client_id'");
            statement.execute("DELETE FROM ps_stream_subscriptions");
            statement.execute("DELETE FROM ps_sync_state");
            session.touch("ps_crud");
            for (String table : H2SchemaApplier.dataTables(connection)) {
                if (clearLocal || table.startsWith("ps_data__")) {
                    statement.execute("DELETE FROM " + H2TableSql.quote(table));
                    session.touch(table);
                }
            }
            for (RawTable raw : rawTables) {
                if (raw.clear().isPresent()) {
                    statement.execute(raw.clear().get());
                    session.touch(raw.tableName().orElse(raw.name()));
                }
            }
        } catch (SQLException e) {
            throw H2Errors.translate(e);
        }
    }
}
