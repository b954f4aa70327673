package dev.hexsync.adapters.sqlite;

import dev.hexsync.adapters.sqlite.functions.EngineFunction;
import dev.hexsync.adapters.sqlite.functions.FunctionErrors;
import dev.hexsync.adapters.sqlite.migration.Migrations;
import dev.hexsync.adapters.sqlite.schema.SqlIdentifiers;
import dev.hexsync.json.Json;
import dev.hexsync.json.JsonException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.sqlite.Function;
import org.sqlite.SQLiteCommitListener;
import org.sqlite.SQLiteConnection;

/**
 * The engine's SQL functions that applications and tools call themselves (spec section 7), with the engine's
 * effects: {@code powersync_clear}, {@code powersync_trigger_resync}, {@code powersync_client_id},
 * {@code powersync_init}, {@code powersync_rs_version}, {@code powersync_offline_sync_status},
 * {@code powersync_update_hooks}, {@code powersync_remove_duplicate_key_encoding} and
 * {@code powersync_drop_view}. Those the generated views and triggers call live in {@code functions.SqlFunctions}.
 * Which functions hexsync leaves out, and why, is in docs/CONFORMANCE.md.
 *
 * <p>Functions that write ({@code powersync_clear}, {@code powersync_trigger_resync}) must run in a write:
 * {@code execute("SELECT powersync_clear(0)")}; as a read they fail like any statement that writes.
 */
final class EngineSqlFunctions {
    /** The engine version whose behaviour hexsync reproduces; the engine puts its git hash after the slash. */
    static final String RS_VERSION = "0.5.3/hexsync";
    private static final String ITERATION_ACTIVE = "Cannot clear or trigger resync while a sync iteration is active.";
    private static final int SQLITE_TEXT = 3;

    private EngineSqlFunctions() {
    }

    static void register(Connection connection, DatabaseState state) throws SQLException {
        Function.create(connection, "powersync_clear", new Clear(connection, state), 1);
        Function.create(connection, "powersync_trigger_resync", new TriggerResync(connection, state), 1);
        Function.create(connection, "powersync_client_id", new ClientId(connection), 0);
        Function.create(connection, "powersync_init", new Init(connection), 0);
        Function.create(connection, "powersync_rs_version", new RsVersion(), 0);
        Function.create(connection, "powersync_offline_sync_status", new OfflineSyncStatus(connection), 0);
        Function.create(connection, "powersync_update_hooks", new UpdateHooks(state), 1);
        Function.create(connection, "powersync_remove_duplicate_key_encoding", new RemoveDuplicateKeyEncoding(), 1,
                Function.FLAG_DETERMINISTIC);
        Function.create(connection, "powersync_drop_view", new DropView(connection), 1);
        trackUpdates(connection, state);
    }

    /**
     * {@code powersync_clear(flags)}: the engine's clear (bit 1: local-only tables too; bit 2: soft, keeping
     * buckets and oplog). A soft clear is refused while a sync iteration runs, as in the engine. Prefer
     * {@code SyncDatabase.disconnectAndClear}, which also disconnects and resets the reported status.
     */
    private static final class Clear extends EngineFunction {
        private final Connection connection;
        private final DatabaseState state;

        Clear(Connection connection, DatabaseState state) {
            super("powersync_clear");
            this.connection = connection;
            this.state = state;
        }

        @Override
        protected void call() throws SQLException {
            int flags = value_int(0);
            boolean soft = (flags & 2) != 0;
            if (soft && state.syncIterationRunning()) {
                throw FunctionErrors.invalidArgument(name(), ITERATION_ACTIVE);
            }
            SqliteReplicaStore.clear(connection, (flags & 1) != 0, soft, state.rawTables());
            result("");
        }
    }

    /**
     * {@code powersync_trigger_resync(clear_progress)}: every bucket is published again from the oplog at the next
     * complete checkpoint; a nonzero argument also forgets when priorities and streams last synced. Refused while a
     * sync iteration runs.
     */
    private static final class TriggerResync extends EngineFunction {
        private final Connection connection;
        private final DatabaseState state;

        TriggerResync(Connection connection, DatabaseState state) {
            super("powersync_trigger_resync");
            this.connection = connection;
            this.state = state;
        }

        @Override
        protected void call() throws SQLException {
            if (state.syncIterationRunning()) {
                throw FunctionErrors.invalidArgument(name(), ITERATION_ACTIVE);
            }
            boolean clearProgress = value_int(0) != 0;
            try (Statement statement = connection.createStatement()) {
                statement.execute("UPDATE ps_buckets SET last_applied_op = 0");
                if (clearProgress) {
                    statement.execute("DELETE FROM ps_sync_state");
                    statement.execute("UPDATE ps_stream_subscriptions SET last_synced_at = NULL");
                }
            }
            result("");
        }
    }

    /** {@code powersync_client_id()}: the id this database identifies itself with to the service. */
    private static final class ClientId extends EngineFunction {
        private final Connection connection;

        ClientId(Connection connection) {
            super("powersync_client_id");
            this.connection = connection;
        }

        @Override
        protected void call() throws SQLException {
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT value FROM ps_kv WHERE key = 'client_id'")) {
                if (!rows.next()) {
                    throw FunctionErrors.invalidState(name(), "No client_id found in ps_kv");
                }
                result(rows.getString(1));
            }
        }
    }

    /**
     * {@code powersync_init()}: brings the layout to the current version. hexsync already did when it opened the
     * database, so this finds it current.
     */
    private static final class Init extends EngineFunction {
        private final Connection connection;

        Init(Connection connection) {
            super("powersync_init");
            this.connection = connection;
        }

        @Override
        protected void call() throws SQLException {
            Migrations.migrate(connection, "the database");
            result("");
        }
    }

    /** {@code powersync_rs_version()}: {@value #RS_VERSION}. */
    private static final class RsVersion extends EngineFunction {
        RsVersion() {
            super("powersync_rs_version");
        }

        @Override
        protected void call() throws SQLException {
            result(RS_VERSION);
        }
    }

    /**
     * {@code powersync_offline_sync_status()}: the sync status as an idle client reports it, from the stored state
     * alone: completed syncs per priority ({@code ps_sync_state}) and stream subscriptions, never connected.
     */
    private static final class OfflineSyncStatus extends EngineFunction {
        private final Connection connection;

        OfflineSyncStatus(Connection connection) {
            super("powersync_offline_sync_status");
            this.connection = connection;
        }

        @Override
        protected void call() throws SQLException {
            StringBuilder json = new StringBuilder("{\"connected\":false,\"connecting\":false,\"priority_status\":[");
            try (Statement statement = connection.createStatement()) {
                try (ResultSet rows = statement.executeQuery(
                        "SELECT priority, last_synced_at FROM ps_sync_state ORDER BY priority")) {
                    boolean first = true;
                    while (rows.next()) {
                        json.append(first ? "" : ",").append("{\"priority\":").append(rows.getLong(1))
                                .append(",\"last_synced_at\":").append(number(rows, 2)).append(",\"has_synced\":true}");
                        first = false;
                    }
                }
                json.append("],\"downloading\":null,\"streams\":[");
                try (ResultSet rows = statement.executeQuery("SELECT stream_name, local_params, active, is_default,"
                        + " ttl IS NOT NULL, expires_at, last_synced_at FROM ps_stream_subscriptions ORDER BY id")) {
                    boolean first = true;
                    while (rows.next()) {
                        String params = rows.getString(2);
                        json.append(first ? "" : ",").append("{\"name\":").append(Json.write(rows.getString(1)))
                                .append(",\"parameters\":").append(params == null ? "null" : params)
                                .append(",\"priority\":null,\"active\":").append(rows.getLong(3) != 0)
                                .append(",\"is_default\":").append(rows.getLong(4) != 0)
                                .append(",\"has_explicit_subscription\":").append(rows.getLong(5) != 0)
                                .append(",\"expires_at\":").append(number(rows, 6))
                                .append(",\"last_synced_at\":").append(number(rows, 7))
                                .append(",\"progress\":{\"total\":0,\"downloaded\":0}}");
                        first = false;
                    }
                }
            }
            result(json.append("]}").toString());
        }

        private static String number(ResultSet rows, int column) throws SQLException {
            long value = rows.getLong(column);
            return rows.wasNull() ? "null" : Long.toString(value);
        }
    }

    /**
     * {@code powersync_update_hooks('install' | 'get')}: after {@code install}, {@code get} returns the tables
     * (as stored, sorted) that committed transactions changed since the previous {@code get}, as a JSON array.
     * Unlike the engine, whose hooks see the connection they were installed on, these see every connection of the
     * database: hexsync's reads and writes run on different connections.
     */
    private static final class UpdateHooks extends EngineFunction {
        private final DatabaseState state;

        UpdateHooks(DatabaseState state) {
            super("powersync_update_hooks");
            this.state = state;
        }

        @Override
        protected void call() throws SQLException {
            String op = value_text(0);
            if ("install".equals(op)) {
                state.installUpdateHooks();
                result();
            } else if ("get".equals(op)) {
                List<String> tables = state.takeUpdates();
                result(Json.write(tables));
            } else {
                throw FunctionErrors.unknownOperation();
            }
        }
    }

    /** Feeds {@link DatabaseState#committed} from this connection's changes, once hooks are installed. */
    private static void trackUpdates(Connection connection, DatabaseState state) throws SQLException {
        SQLiteConnection sqlite = connection.unwrap(SQLiteConnection.class);
        Set<String> pending = new HashSet<>();
        sqlite.addUpdateListener((type, database, table, rowId) -> {
            if (state.updateHooksInstalled()) {
                pending.add(table);
            }
        });
        sqlite.addCommitListener(new SQLiteCommitListener() {
            @Override
            public void onCommit() {
                if (!pending.isEmpty()) {
                    state.committed(pending);
                    pending.clear();
                }
            }

            @Override
            public void onRollback() {
                pending.clear();
            }
        });
    }

    /**
     * {@code powersync_remove_duplicate_key_encoding(key)}: old JavaScript SDKs stored oplog keys with the subkey
     * JSON-encoded ({@code type/id/"sub"}); this returns the key with the subkey decoded ({@code type/id/sub}), or
     * NULL when the key does not end in such a string. Type and id may hold quotes and slashes, but a subkey never
     * ends in a quote unless encoded, so the string is found from the end: the last quote that no backslash
     * escapes.
     */
    private static final class RemoveDuplicateKeyEncoding extends EngineFunction {
        RemoveDuplicateKeyEncoding() {
            super("powersync_remove_duplicate_key_encoding");
        }

        @Override
        protected void call() throws SQLException {
            if (value_type(0) != SQLITE_TEXT) {
                throw FunctionErrors.invalidArgument(name(), "Expected a text argument");
            }
            String fixed = decode(value_text(0));
            if (fixed == null) {
                result();
            } else {
                result(fixed);
            }
        }

        static String decode(String key) {
            if (!key.endsWith("\"")) {
                return null;
            }
            int start = -1;
            int quote = -1;
            boolean escaped = false;
            for (int i = key.length() - 2; i >= 0 && start < 0; i--) {
                char c = key.charAt(i);
                if (quote < 0) {
                    if (c == '"') {
                        quote = i;
                    }
                } else if (!escaped) {
                    if (c == '\\') {
                        escaped = true;
                    } else {
                        start = quote;
                    }
                } else if (c == '\\') {
                    // An escaped backslash before the quote: the quote itself is not escaped.
                    start = quote;
                } else {
                    quote = -1;
                    escaped = false;
                }
            }
            if (start < 0) {
                return null;
            }
            try {
                return Json.parse(key.substring(start)) instanceof String subkey ? key.substring(0, start) + subkey : null;
            } catch (JsonException e) {
                return null;
            }
        }
    }

    /** {@code powersync_drop_view(name)}: drops the view if there is one; NULL for NULL. */
    private static final class DropView extends EngineFunction {
        private final Connection connection;

        DropView(Connection connection) {
            super("powersync_drop_view");
            this.connection = connection;
        }

        @Override
        protected void call() throws SQLException {
            String view = value_text(0);
            if (view != null) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("DROP VIEW IF EXISTS " + SqlIdentifiers.quote(view));
                }
            }
            result();
        }
    }
}
