package dev.hexsync.adapters.sqlite.functions;

import dev.hexsync.adapters.sqlite.schema.RawTableTriggers;
import dev.hexsync.json.Json;
import dev.hexsync.json.JsonException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import org.sqlite.Function;
import org.sqlite.SQLiteCommitListener;
import org.sqlite.SQLiteConnection;

/**
 * Java stand-ins for the PowerSync engine's SQL functions that the generated views and triggers call,
 * plus hexsync's own capture helpers. Registered on every connection; the per-transaction capture state
 * lives here, one instance per connection.
 */
public final class SqlFunctions {
    private static final int SQLITE_INTEGER = 1;
    private static final int SQLITE_FLOAT = 2;
    private static final int SQLITE_TEXT = 3;
    private static final int SQLITE_BLOB = 4;

    /**
     * The value {@code ps_tx.next_tx} had right after this transaction took its CRUD transaction id, or 0
     * when it has not taken one. Comparing with the current value (rather than keeping a flag) makes a
     * rolled-back savepoint that undid the allocation allocate again.
     */
    private long allocatedNextTx;
    /** What the last {@code hexsync_capture_keep} decided, for the statements of the same capture. */
    private boolean lastCaptureKept = true;
    /**
     * True while the sync store publishes downloaded rows on this connection: the engine's
     * {@code is_in_sync_local}, which raw-table triggers read through {@code powersync_in_sync_operation()} so
     * that writes made by the sync are not captured as local changes.
     */
    private boolean inSyncOperation;

    private SqlFunctions() {
    }

    /** Registers the functions on {@code connection}. */
    public static void register(Connection connection) throws SQLException {
        SqlFunctions state = new SqlFunctions();
        SQLiteConnection sqlite = connection.unwrap(SQLiteConnection.class);
        sqlite.addCommitListener(new SQLiteCommitListener() {
            @Override
            public void onCommit() {
                state.allocatedNextTx = 0;
                state.inSyncOperation = false;
            }

            @Override
            public void onRollback() {
                state.allocatedNextTx = 0;
                state.inSyncOperation = false;
            }
        });
        Function.create(connection, "powersync_diff", new Diff(), 2, Function.FLAG_DETERMINISTIC);
        Function.create(connection, "powersync_strip_subtype", new StripSubtype(), 1, Function.FLAG_DETERMINISTIC);
        Function.create(connection, "powersync_json_merge", new JsonMerge(), -1, Function.FLAG_DETERMINISTIC);
        Function.create(connection, "hexsync_crud_entry", new CrudEntry(), 6, Function.FLAG_DETERMINISTIC);
        Function.create(connection, "hexsync_begin_crud_tx", state.new BeginCrudTx(), 1);
        Function.create(connection, "hexsync_capture_keep", state.new CaptureKeep(), 1);
        Function.create(connection, "hexsync_capture_kept", state.new CaptureKept(), 0);
        Function.create(connection, "powersync_in_sync_operation", state.new InSyncOperation(), 0);
        Function.create(connection, "hexsync_sync_operation", state.new SyncOperation(), 1);
        Function.create(connection, "powersync_create_raw_table_crud_trigger", new CreateRawTableTrigger(connection), 3);
        Function.create(connection, "hexsync_crud_insert", new CrudInsert(connection), 2);
        Function.create(connection, "uuid", new RandomUuid("uuid"), 0);
        Function.create(connection, "gen_random_uuid", new RandomUuid("gen_random_uuid"), 0);
    }

    /**
     * {@code powersync_diff(old, new)}: the changed values, see {@link Json#diff}. As in the engine, NULL reads as
     * empty text, and text that is not a JSON object is an invalid argument (SQLITE_CONSTRAINT_DATATYPE) in the
     * engine's words: a value JSON cannot hold, such as an infinite REAL that {@code json_object} wrote as
     * {@code 9.0e+999}, is "number out of range".
     */
    private static final class Diff extends EngineFunction {
        Diff() {
            super("powersync_diff");
        }

        @Override
        protected void call() throws SQLException {
            String before = value_text(0);
            String after = value_text(1);
            String older = before == null ? "" : before;
            String newer = after == null ? "" : after;
            try {
                result(Json.diff(older, newer));
            } catch (JsonException e) {
                throw invalid(older, newer, e);
            }
        }

        /** Which argument was wrong, and how (the engine reads the new one first). */
        private FunctionError invalid(String older, String newer, JsonException failure) {
            if (failure.offset() < 0) {
                return FunctionErrors.invalidArgument(name(), "expected two JSON objects");
            }
            // Diffing each against {} parses it alone, with the same parser.
            try {
                Json.diff("{}", newer);
            } catch (JsonException e) {
                return FunctionErrors.invalidJson(name(), newer, e);
            }
            return FunctionErrors.invalidJson(name(), older, failure);
        }
    }

    /**
     * {@code powersync_strip_subtype(x)}: returns its argument unchanged. A function result never carries
     * SQLite's JSON subtype, so text produced by JSON functions is embedded by json_object as a string.
     */
    private static final class StripSubtype extends EngineFunction {
        StripSubtype() {
            super("powersync_strip_subtype");
        }

        @Override
        protected void call() throws SQLException {
            switch (value_type(0)) {
                case SQLITE_INTEGER -> result(value_long(0));
                case SQLITE_FLOAT -> result(value_double(0));
                case SQLITE_TEXT -> result(value_text(0));
                case SQLITE_BLOB -> result(value_blob(0));
                default -> result();
            }
        }
    }

    /**
     * {@code powersync_json_merge(a, b, ...)}: concatenates the members of JSON objects, in order. An argument that
     * is not a JSON object (NULL included) is an invalid argument, as in the engine.
     */
    private static final class JsonMerge extends EngineFunction {
        JsonMerge() {
            super("powersync_json_merge");
        }

        @Override
        protected void call() throws SQLException {
            StringBuilder merged = new StringBuilder("{");
            for (int i = 0; i < args(); i++) {
                String object = value_text(i);
                String members = object == null ? "" : object.trim();
                if (members.length() < 2 || members.charAt(0) != '{' || members.charAt(members.length() - 1) != '}') {
                    throw FunctionErrors.invalidArgument(name(), "Expected json object");
                }
                members = members.substring(1, members.length() - 1).trim();
                if (!members.isEmpty()) {
                    if (merged.length() > 1) {
                        merged.append(',');
                    }
                    merged.append(members);
                }
            }
            result(merged.append('}').toString());
        }
    }

    /**
     * {@code hexsync_crud_entry(op, id, type, data, old, metadata)}: the upload queue JSON
     * {@code {"op","id","type","data"?,"old"?,"metadata"?}}; data and old are embedded as given when they are
     * text, metadata as a JSON string when it is text, each omitted otherwise.
     */
    private static final class CrudEntry extends EngineFunction {
        CrudEntry() {
            super("hexsync_crud_entry");
        }

        @Override
        protected void call() throws SQLException {
            StringBuilder json = new StringBuilder(96);
            json.append("{\"op\":").append(Json.write(value_text(0)));
            json.append(",\"id\":").append(Json.write(value_text(1)));
            json.append(",\"type\":").append(Json.write(value_text(2)));
            if (value_type(3) == SQLITE_TEXT) {
                json.append(",\"data\":").append(value_text(3));
            }
            if (value_type(4) == SQLITE_TEXT) {
                json.append(",\"old\":").append(value_text(4));
            }
            if (value_type(5) == SQLITE_TEXT) {
                json.append(",\"metadata\":").append(Json.write(value_text(5)));
            }
            result(json.append('}').toString());
        }
    }

    /**
     * {@code hexsync_begin_crud_tx(next_tx)}: 1 when the open transaction has no CRUD transaction id yet (the
     * caller then takes {@code next_tx}), 0 when it has one.
     */
    private final class BeginCrudTx extends EngineFunction {
        BeginCrudTx() {
            super("hexsync_begin_crud_tx");
        }

        @Override
        protected void call() throws SQLException {
            long nextTx = value_long(0);
            if (allocatedNextTx != 0 && allocatedNextTx == nextTx) {
                result(0);
            } else {
                allocatedNextTx = nextTx + 1;
                result(1);
            }
        }
    }

    /** {@code hexsync_capture_keep(decision)}: records and returns whether a capture records an entry. */
    private final class CaptureKeep extends EngineFunction {
        CaptureKeep() {
            super("hexsync_capture_keep");
        }

        @Override
        protected void call() throws SQLException {
            lastCaptureKept = value_int(0) != 0;
            result(lastCaptureKept ? 1 : 0);
        }
    }

    /** {@code hexsync_capture_kept()}: the last decision of {@code hexsync_capture_keep} on this connection. */
    private final class CaptureKept extends EngineFunction {
        CaptureKept() {
            super("hexsync_capture_kept");
        }

        @Override
        protected void call() throws SQLException {
            result(lastCaptureKept ? 1 : 0);
        }
    }

    /**
     * {@code powersync_in_sync_operation()}: 1 while the sync engine publishes downloaded rows on this
     * connection, else 0. The engine's generated raw-table triggers carry
     * {@code WHEN NOT powersync_in_sync_operation()}; not deterministic, so SQLite never folds it.
     */
    private final class InSyncOperation extends EngineFunction {
        InSyncOperation() {
            super("powersync_in_sync_operation");
        }

        @Override
        protected void call() throws SQLException {
            result(inSyncOperation ? 1 : 0);
        }
    }

    /**
     * {@code hexsync_sync_operation(on)}: marks the start (1) or end (0) of a publish on this connection and
     * returns the previous mark. Called by the sync store only, around each publish; a commit or rollback
     * clears the mark too, so a failure between the two calls cannot leave it set.
     */
    private final class SyncOperation extends EngineFunction {
        SyncOperation() {
            super("hexsync_sync_operation");
        }

        @Override
        protected void call() throws SQLException {
            boolean previous = inSyncOperation;
            inSyncOperation = value_int(0) != 0;
            result(previous ? 1 : 0);
        }
    }

    /** {@code uuid()} / {@code gen_random_uuid()}: a random version 4 UUID, lowercase and hyphenated. */
    private static final class RandomUuid extends EngineFunction {
        RandomUuid(String name) {
            super(name);
        }

        @Override
        protected void call() throws SQLException {
            result(UUID.randomUUID().toString());
        }
    }

    /** {@code powersync_create_raw_table_crud_trigger(table_json, name, write)}; see {@link RawTableTriggers}. */
    private static final class CreateRawTableTrigger extends EngineFunction {
        private final Connection connection;

        CreateRawTableTrigger(Connection connection) {
            super("powersync_create_raw_table_crud_trigger");
            this.connection = connection;
        }

        @Override
        protected void call() throws SQLException {
            RawTableTriggers.create(connection, value_text(0), value_text(1), value_text(2));
            result();
        }
    }

    /**
     * {@code hexsync_crud_insert(tx_id, data)}: appends an upload queue entry with a statement of its own (see
     * {@code schema.Capture} for why not in the trigger body). Returns 1.
     */
    private static final class CrudInsert extends EngineFunction {
        private final Connection connection;
        private java.sql.PreparedStatement insert;

        CrudInsert(Connection connection) {
            super("hexsync_crud_insert");
            this.connection = connection;
        }

        @Override
        protected void call() throws SQLException {
            if (insert == null || insert.isClosed()) {
                insert = connection.prepareStatement("INSERT INTO ps_crud(tx_id, data) VALUES (?, ?)");
            }
            insert.setLong(1, value_long(0));
            insert.setString(2, value_text(1));
            result(insert.executeUpdate());
        }
    }
}
