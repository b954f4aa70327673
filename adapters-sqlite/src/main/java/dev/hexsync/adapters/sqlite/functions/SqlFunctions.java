package dev.hexsync.adapters.sqlite.functions;

import dev.hexsync.ports.json.Json;
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

    /** Whether the open transaction has already allocated a CRUD transaction id. */
    private volatile boolean crudTxAllocated;

    private SqlFunctions() {
    }

    /** Registers the functions on {@code connection}. */
    public static void register(Connection connection) throws SQLException {
        SqlFunctions state = new SqlFunctions();
        SQLiteConnection sqlite = connection.unwrap(SQLiteConnection.class);
        sqlite.addCommitListener(new SQLiteCommitListener() {
            @Override
            public void onCommit() {
                state.crudTxAllocated = false;
            }

            @Override
            public void onRollback() {
                state.crudTxAllocated = false;
            }
        });
        Function.create(connection, "powersync_diff", new Diff(), 2, Function.FLAG_DETERMINISTIC);
        Function.create(connection, "powersync_strip_subtype", new StripSubtype(), 1, Function.FLAG_DETERMINISTIC);
        Function.create(connection, "powersync_json_merge", new JsonMerge(), -1, Function.FLAG_DETERMINISTIC);
        Function.create(connection, "hexsync_crud_entry", new CrudEntry(), 6, Function.FLAG_DETERMINISTIC);
        Function.create(connection, "hexsync_begin_crud_tx", state.new BeginCrudTx(), 0);
        Function.create(connection, "uuid", new RandomUuid(), 0);
        Function.create(connection, "gen_random_uuid", new RandomUuid(), 0);
    }

    /** {@code powersync_diff(old, new)}: the changed values, see {@link Json#diff}. */
    private static final class Diff extends Function {
        @Override
        protected void xFunc() throws SQLException {
            String before = value_text(0);
            String after = value_text(1);
            result(Json.diff(before == null ? "{}" : before, after == null ? "{}" : after));
        }
    }

    /**
     * {@code powersync_strip_subtype(x)}: returns its argument unchanged. A function result never carries
     * SQLite's JSON subtype, so text produced by JSON functions is embedded by json_object as a string.
     */
    private static final class StripSubtype extends Function {
        @Override
        protected void xFunc() throws SQLException {
            switch (value_type(0)) {
                case SQLITE_INTEGER -> result(value_long(0));
                case SQLITE_FLOAT -> result(value_double(0));
                case SQLITE_TEXT -> result(value_text(0));
                case SQLITE_BLOB -> result(value_blob(0));
                default -> result();
            }
        }
    }

    /** {@code powersync_json_merge(a, b, ...)}: concatenates the members of JSON objects, in order. */
    private static final class JsonMerge extends Function {
        @Override
        protected void xFunc() throws SQLException {
            StringBuilder merged = new StringBuilder("{");
            for (int i = 0; i < args(); i++) {
                String object = value_text(i);
                if (object == null) {
                    continue;
                }
                String members = object.trim();
                if (members.length() < 2 || members.charAt(0) != '{' || members.charAt(members.length() - 1) != '}') {
                    throw new SQLException("powersync_json_merge: argument " + (i + 1) + " is not a JSON object");
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
    private static final class CrudEntry extends Function {
        @Override
        protected void xFunc() throws SQLException {
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

    /** {@code hexsync_begin_crud_tx()}: 1 the first time it is called in a transaction, 0 afterwards. */
    private final class BeginCrudTx extends Function {
        @Override
        protected void xFunc() throws SQLException {
            boolean first = !crudTxAllocated;
            crudTxAllocated = true;
            result(first ? 1 : 0);
        }
    }

    /** {@code uuid()} / {@code gen_random_uuid()}: a random version 4 UUID, lowercase and hyphenated. */
    private static final class RandomUuid extends Function {
        @Override
        protected void xFunc() throws SQLException {
            result(UUID.randomUUID().toString());
        }
    }
}
