package dev.hexsync.adapters.h2;

import dev.hexsync.adapters.h2.functions.JsonFunctions;
import dev.hexsync.ports.storage.StorageException;
import dev.hexsync.ports.storage.sync.KeyValueStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * {@code ps_kv} and {@code ps_sync_state} on H2. {@code ps_kv.value} is VARCHAR here (see {@code H2Layout}):
 * integers are stored in decimal and read as the engine reads them with {@code sqlite3_column_int64} (text that
 * is no number reads 0). Runs on the writer inside {@link H2Session#write}.
 */
final class H2KeyValueStore implements KeyValueStore {
    private static final String READ_KV = "SELECT value FROM ps_kv WHERE key = ?";
    private static final String WRITE_KV = "MERGE INTO ps_kv(key, value) KEY(key) VALUES (?, ?)";
    private static final String DELETE_KV = "DELETE FROM ps_kv WHERE key = ?";
    private static final String CLIENT_ID = "SELECT value FROM ps_kv WHERE key = 'client_id'";
    private static final String DROP_SYNC_STATES = "DELETE FROM ps_sync_state WHERE priority < ?";
    private static final String MARK_SYNCED = "MERGE INTO ps_sync_state(priority, last_synced_at) KEY(priority) VALUES (?, ?)";
    private static final String SYNC_STATES = "SELECT priority, last_synced_at FROM ps_sync_state ORDER BY priority";

    private final H2Statements writer;

    H2KeyValueStore(H2Statements writer) {
        this.writer = writer;
    }

    @Override
    public OptionalLong readLong(String key) {
        return writer.run(() -> {
            PreparedStatement read = writer.statement(READ_KV);
            read.setString(1, key);
            try (ResultSet rows = read.executeQuery()) {
                return rows.next() ? OptionalLong.of(integer(rows.getString(1))) : OptionalLong.empty();
            }
        });
    }

    /** Text as {@code sqlite3_column_int64} reads it: the leading integer, 0 for none or NULL. */
    static long integer(String text) {
        if (text == null) {
            return 0;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return JsonFunctions.leadingInteger(text);
        }
    }

    @Override
    public void writeLong(String key, long value) {
        writer.run(() -> writer.update(WRITE_KV, key, Long.toString(value)));
    }

    @Override
    public void delete(String key) {
        writer.run(() -> writer.update(DELETE_KV, key));
    }

    @Override
    public long increment(String key) {
        return writer.run(() -> {
            PreparedStatement read = writer.statement(READ_KV);
            read.setString(1, key);
            long next;
            try (ResultSet rows = read.executeQuery()) {
                next = rows.next() ? integer(rows.getString(1)) + 1 : 1;
            }
            writer.update(WRITE_KV, key, Long.toString(next));
            return next;
        });
    }

    @Override
    public String clientId() {
        return writer.run(() -> {
            try (ResultSet rows = writer.statement(CLIENT_ID).executeQuery()) {
                if (!rows.next()) {
                    throw new StorageException("The database has no client id (ps_kv key 'client_id' is missing)");
                }
                return rows.getString(1);
            }
        });
    }

    @Override
    public void markSynced(int priority, long timestampMicros) {
        writer.run(() -> {
            writer.update(DROP_SYNC_STATES, priority);
            writer.update(MARK_SYNCED, priority, timestampMicros);
            return null;
        });
    }

    @Override
    public Map<Integer, Long> syncStates() {
        return writer.run(() -> {
            Map<Integer, Long> states = new LinkedHashMap<>();
            try (ResultSet rows = writer.statement(SYNC_STATES).executeQuery()) {
                while (rows.next()) {
                    states.put(rows.getInt(1), rows.getLong(2));
                }
            }
            return states;
        });
    }
}
