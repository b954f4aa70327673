package dev.hexsync.adapters.sqlite;

import dev.hexsync.ports.storage.StorageException;
import dev.hexsync.ports.storage.sync.KeyValueStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * {@code ps_kv} and {@code ps_sync_state} with the PowerSync engine's own statements (0.5.3,
 * {@code crates/core/src/}). Runs on the session's writer inside {@link SqliteSession#write}.
 */
final class SqliteKeyValueStore implements KeyValueStore {
    // ---- storage_adapter.rs ----
    private static final String READ_KV = "SELECT value FROM ps_kv WHERE key = ?1";
    private static final String WRITE_KV = "INSERT INTO ps_kv(key, value)\nVALUES(?1, ?2)\n"
            + "ON CONFLICT(key) DO UPDATE SET value = excluded.value";
    private static final String DELETE_KV = "DELETE FROM ps_kv WHERE key = ?1";
    private static final String INCREMENT_KV = "INSERT INTO ps_kv(key, value)\nVALUES(?1, 1)\n"
            + "ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1\nRETURNING value";
    // ---- kv.rs ----
    private static final String CLIENT_ID = "select value from ps_kv where key = 'client_id'";
    // ---- sync_local.rs ----
    private static final String DROP_SYNC_STATES = "DELETE FROM ps_sync_state WHERE priority < ?1";
    private static final String MARK_SYNCED =
            "INSERT OR REPLACE INTO ps_sync_state (priority, last_synced_at) VALUES (?, ?)";
    private static final String SYNC_STATES = "SELECT priority, last_synced_at FROM ps_sync_state ORDER BY priority";

    private final WriterStatements writer;

    SqliteKeyValueStore(WriterStatements writer) {
        this.writer = writer;
    }

    @Override
    public OptionalLong readLong(String key) {
        return writer.run(() -> {
            PreparedStatement read = writer.statement(READ_KV);
            read.setString(1, key);
            try (ResultSet rows = read.executeQuery()) {
                // getLong is sqlite3_column_int64, as the engine reads it: text converts, NULL reads 0.
                return rows.next() ? OptionalLong.of(rows.getLong(1)) : OptionalLong.empty();
            }
        });
    }

    @Override
    public void writeLong(String key, long value) {
        writer.run(() -> writer.update(WRITE_KV, key, value));
    }

    @Override
    public void delete(String key) {
        writer.run(() -> writer.update(DELETE_KV, key));
    }

    @Override
    public long increment(String key) {
        return writer.run(() -> {
            PreparedStatement increment = writer.statement(INCREMENT_KV);
            increment.setString(1, key);
            try (ResultSet rows = increment.executeQuery()) {
                if (!rows.next()) {
                    throw new StorageException("Incrementing '" + key + "' returned no value");
                }
                return rows.getLong(1);
            }
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
