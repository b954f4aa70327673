package dev.hexsync.adapters.h2.schema;

import dev.hexsync.json.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * What the PowerSync engine's {@code powersync_crud} virtual table does, on H2 tables: the CRUD transaction id of
 * the open transaction ({@code ps_tx.current_tx}, taken from {@code next_tx} by the first capture), the entry in
 * {@code ps_crud}, and for a view capture the row in {@code ps_updated_rows} and the raised write gate in
 * {@code ps_kv}. Runs on the connection of the session that writes, inside its transaction; the session clears
 * {@code current_tx} before it commits.
 */
public final class CrudCapture {
    /** The engine's sentinel target: local writes wait for a write checkpoint not known yet. */
    static final String MAX_TARGET = Long.toString(Long.MAX_VALUE);

    private static final String ALLOCATE = "UPDATE ps_tx SET current_tx = next_tx, next_tx = next_tx + 1"
            + " WHERE id = 1 AND current_tx IS NULL";
    private static final String NEXT_ENTRY = "SELECT current_tx, last_crud_id FROM FINAL TABLE"
            + " (UPDATE ps_tx SET current_tx = coalesce(current_tx, next_tx),"
            + " next_tx = CASE WHEN current_tx IS NULL THEN next_tx + 1 ELSE next_tx END,"
            + " last_crud_id = last_crud_id + 1 WHERE id = 1)";
    private static final String INSERT_ENTRY = "INSERT INTO ps_crud(id, data, tx_id) VALUES (?, ?, ?)";
    private static final String MARK_UPDATED = "MERGE INTO ps_updated_rows(row_type, row_id) KEY(row_type, row_id) VALUES (?, ?)";
    private static final String RAISE_GATE =
            "MERGE INTO ps_kv(key, value) KEY(key) VALUES ('target_checkpoint_request_id', '" + MAX_TARGET + "')";
    private static final String DROP_SEEN = "DELETE FROM ps_kv WHERE key IN"
            + " ('last_seen_checkpoint_request_id', 'last_applied_checkpoint_request_id')";
    /** Clears the open transaction's CRUD id; the session runs it before each commit. */
    public static final String END_TRANSACTION = "UPDATE ps_tx SET current_tx = NULL WHERE id = 1 AND current_tx IS NOT NULL";

    private CrudCapture() {
    }

    /** Takes the transaction's CRUD id if it has none yet (a write that may capture started). */
    public static void allocate(Connection connection) throws SQLException {
        try (PreparedStatement allocate = connection.prepareStatement(ALLOCATE)) {
            allocate.executeUpdate();
        }
    }

    /** Queues one entry under the transaction's CRUD id. */
    static void entry(Connection connection, String entryJson) throws SQLException {
        long txId;
        long id;
        try (PreparedStatement next = connection.prepareStatement(NEXT_ENTRY);
                ResultSet rows = next.executeQuery()) {
            rows.next();
            txId = rows.getLong(1);
            id = rows.getLong(2);
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT_ENTRY)) {
            insert.setLong(1, id);
            insert.setString(2, entryJson);
            insert.setLong(3, txId);
            insert.executeUpdate();
        }
    }

    /** A view capture: the entry, the row to re-check, the write gate. */
    static void viewChange(Connection connection, String op, String id, String type, String data, String old,
            String metadata) throws SQLException {
        entry(connection, entry(op, id, type, data, old, metadata));
        try (PreparedStatement mark = connection.prepareStatement(MARK_UPDATED)) {
            mark.setString(1, type);
            mark.setString(2, id);
            mark.executeUpdate();
        }
        try (PreparedStatement gate = connection.prepareStatement(RAISE_GATE);
                PreparedStatement seen = connection.prepareStatement(DROP_SEEN)) {
            gate.executeUpdate();
            seen.executeUpdate();
        }
    }

    /** The upload queue JSON {@code {"op","id","type","data"?,"old"?,"metadata"?}}, as the SQLite adapter writes it. */
    static String entry(String op, String id, String type, String data, String old, String metadata) {
        StringBuilder json = new StringBuilder(96);
        json.append("{\"op\":").append(Json.write(op));
        json.append(",\"id\":").append(Json.write(id));
        json.append(",\"type\":").append(Json.write(type));
        if (data != null) {
            json.append(",\"data\":").append(data);
        }
        if (old != null) {
            json.append(",\"old\":").append(old);
        }
        if (metadata != null) {
            json.append(",\"metadata\":").append(Json.write(metadata));
        }
        return json.append('}').toString();
    }
}
