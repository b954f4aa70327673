package dev.hexsync.adapters.sqlite;

import dev.hexsync.ports.storage.StorageException;
import dev.hexsync.ports.storage.sync.StreamSubscriptionStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code ps_stream_subscriptions} with the PowerSync engine's own statements (0.5.3,
 * {@code crates/core/src/sync/}). Runs on the session's writer inside {@link SqliteSession#write}.
 */
final class SqliteStreamSubscriptionStore implements StreamSubscriptionStore {
    // ---- storage_adapter.rs ----
    private static final String ALL_SUBSCRIPTIONS = "SELECT * FROM ps_stream_subscriptions ORDER BY id ASC";
    private static final String EXPLICIT_SUBSCRIPTIONS = "SELECT * FROM ps_stream_subscriptions WHERE ttl IS NOT NULL";
    private static final String DELETE_OUTDATED_SUBSCRIPTIONS =
            "DELETE FROM ps_stream_subscriptions WHERE (expires_at < ?) OR (ttl IS NULL AND NOT active)";
    private static final String EXTEND_SUBSCRIPTION =
            "UPDATE ps_stream_subscriptions SET expires_at = ? + ttl * 1000000"
            + " WHERE stream_name = ? AND local_params = ? AND ttl IS NOT NULL";
    private static final String CREATE_DEFAULT_SUBSCRIPTION = "INSERT INTO ps_stream_subscriptions"
            + " (stream_name, active, is_default) VALUES (?, TRUE, TRUE) RETURNING *";
    private static final String UPDATE_SUBSCRIPTION = "UPDATE ps_stream_subscriptions SET active = ?2, is_default = ?3,"
            + " ttl = ?, expires_at = ?, last_synced_at = ? WHERE id = ?1";
    private static final String DELETE_SUBSCRIPTION = "DELETE FROM ps_stream_subscriptions WHERE id = ?";
    // ---- streaming_sync.rs ----
    private static final String SUBSCRIPTION_SYNCED =
            "UPDATE ps_stream_subscriptions SET last_synced_at = ?2 WHERE id = ?1";
    // ---- subscriptions.rs ----
    private static final String SUBSCRIBE = "INSERT INTO ps_stream_subscriptions"
            + " (stream_name, local_priority, local_params, ttl, expires_at)\n"
            + "    VALUES (?, ?2, ?, ?4, ?5)\n"
            + "    ON CONFLICT DO UPDATE SET\n"
            + "        local_priority = min(coalesce(?2, local_priority),\n"
            + "        local_priority),\n"
            + "        ttl = ?4,\n"
            + "        expires_at = ?5";
    private static final String UNSUBSCRIBE =
            "UPDATE ps_stream_subscriptions SET ttl = NULL WHERE stream_name = ? AND local_params = ?";

    private final WriterStatements writer;

    SqliteStreamSubscriptionStore(WriterStatements writer) {
        this.writer = writer;
    }

    @Override
    public List<StreamSubscription> subscriptions() {
        return writer.run(() -> readSubscriptions(writer.statement(ALL_SUBSCRIPTIONS)));
    }

    @Override
    public List<StreamSubscription> explicitSubscriptions() {
        return writer.run(() -> readSubscriptions(writer.statement(EXPLICIT_SUBSCRIPTIONS)));
    }

    @Override
    public void deleteOutdatedSubscriptions(long nowMicros) {
        writer.run(() -> writer.update(DELETE_OUTDATED_SUBSCRIPTIONS, nowMicros));
    }

    @Override
    public void extendSubscriptions(List<Map.Entry<String, String>> keys, long nowMicros) {
        writer.run(() -> {
            for (Map.Entry<String, String> key : keys) {
                writer.update(EXTEND_SUBSCRIPTION, nowMicros, key.getKey(), storedParams(key.getValue()));
            }
            return null;
        });
    }

    @Override
    public StreamSubscription createDefaultSubscription(String streamName) {
        return writer.run(() -> {
            PreparedStatement insert = writer.statement(CREATE_DEFAULT_SUBSCRIPTION);
            insert.setString(1, streamName);
            List<StreamSubscription> created = readSubscriptions(insert);
            if (created.isEmpty()) {
                throw new StorageException("Creating the subscription to '" + streamName + "' returned no row");
            }
            return created.get(0);
        });
    }

    @Override
    public void updateSubscription(StreamSubscription subscription) {
        writer.run(() -> writer.update(UPDATE_SUBSCRIPTION, subscription.id(), subscription.active() ? 1 : 0,
                subscription.isDefault() ? 1 : 0, subscription.ttl(), subscription.expiresAt(),
                subscription.lastSyncedAt()));
    }

    @Override
    public void deleteSubscription(long id) {
        writer.run(() -> writer.update(DELETE_SUBSCRIPTION, id));
    }

    @Override
    public void markSubscriptionSynced(long id, long timestampMicros) {
        writer.run(() -> writer.update(SUBSCRIPTION_SYNCED, id, timestampMicros));
    }

    @Override
    public void subscribe(String streamName, String params, Integer priority, long ttlSeconds, long nowMicros) {
        // Parameters 2, 4 and 5 are numbered, so the unnumbered ones are 1 and 3 (SQLite's rule).
        writer.run(() -> writer.update(SUBSCRIBE, streamName, priority, storedParams(params), ttlSeconds,
                nowMicros + ttlSeconds * 1_000_000));
    }

    @Override
    public void unsubscribe(String streamName, String params) {
        writer.run(() -> writer.update(UNSUBSCRIBE, streamName, storedParams(params)));
    }

    /** Subscription parameters are keyed by their raw JSON text; absent parameters are the text {@code null}. */
    private static String storedParams(String params) {
        return params == null ? "null" : params;
    }

    private static List<StreamSubscription> readSubscriptions(PreparedStatement query) throws SQLException {
        List<StreamSubscription> subscriptions = new ArrayList<>();
        try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                String params = rows.getString("local_params");
                subscriptions.add(new StreamSubscription(
                        rows.getLong("id"),
                        rows.getString("stream_name"),
                        rows.getInt("active") != 0,
                        rows.getInt("is_default") != 0,
                        nullableInt(rows, "local_priority"),
                        "null".equals(params) ? null : params,
                        nullableLong(rows, "ttl"),
                        nullableLong(rows, "expires_at"),
                        nullableLong(rows, "last_synced_at")));
            }
        }
        return subscriptions;
    }

    private static Integer nullableInt(ResultSet rows, String column) throws SQLException {
        int value = rows.getInt(column);
        return rows.wasNull() ? null : value;
    }

    private static Long nullableLong(ResultSet rows, String column) throws SQLException {
        long value = rows.getLong(column);
        return rows.wasNull() ? null : value;
    }
}
