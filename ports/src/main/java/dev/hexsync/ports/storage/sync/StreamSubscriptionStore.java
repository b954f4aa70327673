package dev.hexsync.ports.storage.sync;

import java.util.List;
import java.util.Map;

/**
 * The local stream subscriptions ({@code ps_stream_subscriptions}): explicit ones the application asked for
 * (with a TTL), and the rows of default streams the service announced. Rows are keyed by (stream name, raw
 * parameter text); absent parameters and the JSON text {@code null} are the same key.
 *
 * <p>Call it inside a write transaction of the session that created it (see the package documentation).
 */
public interface StreamSubscriptionStore {

    /**
     * A row of the local subscription table.
     *
     * @param params the subscription parameters as raw JSON text, or null
     * @param ttl seconds; non-null exactly for explicit (application) subscriptions
     */
    record StreamSubscription(long id, String streamName, boolean active, boolean isDefault, Integer localPriority,
            String params, Long ttl, Long expiresAt, Long lastSyncedAt) {
        public boolean hasExplicitSubscription() {
            return ttl != null;
        }
    }

    /** Every subscription, by id. */
    List<StreamSubscription> subscriptions();

    /** Explicit subscriptions (ttl set), in storage order. */
    List<StreamSubscription> explicitSubscriptions();

    /** Deletes subscriptions that expired before {@code nowMicros}, or are neither explicit nor active. */
    void deleteOutdatedSubscriptions(long nowMicros);

    /** {@code expires_at = now + ttl} for the explicit subscriptions with these (name, raw params) keys. */
    void extendSubscriptions(List<Map.Entry<String, String>> keys, long nowMicros);

    /** Creates the local row of a default stream (active, default, not explicit). */
    StreamSubscription createDefaultSubscription(String streamName);

    /** Writes active, is_default, ttl, expires_at and last_synced_at of a subscription. */
    void updateSubscription(StreamSubscription subscription);

    /** Deletes a subscription; nothing happens when there is none with this id. */
    void deleteSubscription(long id);

    /** Sets {@code last_synced_at} of a subscription. */
    void markSubscriptionSynced(long id, long timestampMicros);

    /**
     * An explicit subscription: inserted, or on conflict of (name, params) its ttl and expiry replaced and its
     * priority lowered to {@code min(coalesce(priority, old), old)}.
     */
    void subscribe(String streamName, String params, Integer priority, long ttlSeconds, long nowMicros);

    /** Ends the explicit subscription with this key (ttl set to null); the row stays until cleaned up. */
    void unsubscribe(String streamName, String params);
}
