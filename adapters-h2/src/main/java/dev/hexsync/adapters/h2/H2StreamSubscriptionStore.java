package dev.hexsync.adapters.h2;

import dev.hexsync.ports.storage.StorageException;
import dev.hexsync.ports.storage.sync.StreamSubscriptionStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code ps_stream_subscriptions} on H2: the engine's statements, with FINAL TABLE for its RETURNING and an
 * update-then-insert for its upsert. Runs on the writer inside {@link H2Session#write}.
 */
final class H2StreamSubscriptionStore implements StreamSubscriptionStore {
    private static final String ALL_SUBSCRIPTIONS = "SELECT * FROM ps_stream_subscriptions ORDER BY id ASC";
    private static final String EXPLICIT_SUBSCRIPTIONS =
            "SELECT * FROM ps_stream_subscriptions WHERE ttl IS NOT NULL ORDER BY id ASC";
    private static final String DELETE_OUTDATED_SUBSCRIPTIONS =
            "DELETE FROM ps_stream_subscriptions WHERE (expires_at < ?) OR (ttl IS NULL AND active = 0)";
    private static final String EXTEND_SUBSCRIPTION = "UPDATE ps_stream_subscriptions SET expires_at = ? + ttl * 1000000"
            + " WHERE stream_name = ? AND local_params = ? AND ttl IS NOT NULL";
    private static final String CREATE_DEFAULT_SUBSCRIPTION = "SELECT * FROM FINAL TABLE (INSERT INTO"
            + " ps_stream_subscriptions(stream_name, active, is_default) VALUES (?, 1, 1))";
    private static final String UPDATE_SUBSCRIPTION = "UPDATE ps_stream_subscriptions SET active = ?, is_default = ?,"
            + " ttl = ?, expires_at = ?, last_synced_at = ? WHERE id = ?";
    private static final String DELETE_SUBSCRIPTION = "DELETE FROM ps_stream_subscriptions WHERE id = ?";
    private static final String SUBSCRIPTION_SYNCED = "UPDATE ps_stream_subscriptions SET last_synced_at = ? WHERE id = ?";
    private static final String RESUBSCRIBE = "UPDATE ps_stream_subscriptions SET"
            + " local_priority = CASE WHEN local_priority IS NULL THEN NULL"
            + " ELSE least(coalesce(CAST(? AS BIGINT), local_priority), local_priority) END, ttl = ?, expires_at = ?"
            + " WHERE stream_name = ? AND local_params = ?";
    private static final String SUBSCRIBE = "INSERT INTO ps_stream_subscriptions"
            + "(stream_name, local_priority, local_params, ttl, expires_at) VALUES (?, ?, ?, ?, ?)";
    private static final String UNSUBSCRIBE =
            "UPDATE ps_stream_subscriptions SET ttl = NULL WHERE stream_name = ? AND local_params = ?";

    private final H2Statements writer;

    H2StreamSubscriptionStore(H2Statements writer) {
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
        writer.run(() -> writer.update(UPDATE_SUBSCRIPTION, subscription.active() ? 1L : 0L,
                subscription.isDefault() ? 1L : 0L, subscription.ttl(), subscription.expiresAt(),
                subscription.lastSyncedAt(), subscription.id()));
    }

    @Override
    public void deleteSubscription(long id) {
        writer.run(() -> writer.update(DELETE_SUBSCRIPTION, id));
    }

    @Override
    public void markSubscriptionSynced(long id, long timestampMicros) {
        writer.run(() -> writer.update(SUBSCRIPTION_SYNCED, timestampMicros, id));
    }

    @Override
    public void subscribe(String streamName, String params, Integer priority, long ttlSeconds, long nowMicros) {
        long expiresAt = nowMicros + ttlSeconds * 1_000_000;
        writer.run(() -> {
            Long prio = priority == null ? null : priority.longValue();
            int updated = writer.update(RESUBSCRIBE, prio, ttlSeconds, expiresAt, streamName, storedParams(params));
            if (updated == 0) {
                writer.update(SUBSCRIBE, streamName, prio, storedParams(params), ttlSeconds, expiresAt);
            }
            return null;
        });
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
                Long priority = H2Statements.nullableLong(rows, "local_priority");
                subscriptions.add(new StreamSubscription(
                        rows.getLong("id"),
                        rows.getString("stream_name"),
                        rows.getLong("active") != 0,
                        rows.getLong("is_default") != 0,
                        priority == null ? null : priority.intValue(),
                        "null".equals(params) ? null : params,
                        H2Statements.nullableLong(rows, "ttl"),
                        H2Statements.nullableLong(rows, "expires_at"),
                        H2Statements.nullableLong(rows, "last_synced_at")));
            }
        }
        return subscriptions;
    }
}
