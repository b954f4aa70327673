package dev.hexsync.testkit.storage;

import dev.hexsync.ports.storage.StorageException;
import dev.hexsync.ports.storage.sync.StreamSubscriptionStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code ps_stream_subscriptions} of an {@link InMemorySyncStorage}. */
final class InMemoryStreamSubscriptionStore implements StreamSubscriptionStore {
    private static final long MICROS_PER_SECOND = 1_000_000L;
    private static final String NULL_PARAMS = "null";

    private final InMemorySyncStorage state;

    InMemoryStreamSubscriptionStore(InMemorySyncStorage state) {
        this.state = state;
    }

    /** A row of {@code ps_stream_subscriptions}, with {@code local_params} as stored ('null' when none). */
    record SubscriptionRow(long id, String streamName, boolean active, boolean isDefault,
            Integer localPriority, String localParams, Long ttl, Long expiresAt, Long lastSyncedAt) {

        StreamSubscription toPort() {
            return new StreamSubscription(id, streamName, active, isDefault, localPriority,
                    NULL_PARAMS.equals(localParams) ? null : localParams, ttl, expiresAt, lastSyncedAt);
        }

        SubscriptionRow withTerms(Integer priority, Long newTtl, Long newExpiresAt) {
            return new SubscriptionRow(id, streamName, active, isDefault, priority, localParams, newTtl, newExpiresAt,
                    lastSyncedAt);
        }
    }

    @Override
    public List<StreamSubscription> subscriptions() {
        return state.subscriptionRows.values().stream().map(SubscriptionRow::toPort).toList();
    }

    @Override
    public List<StreamSubscription> explicitSubscriptions() {
        return state.subscriptionRows.values().stream().filter(row -> row.ttl() != null).map(SubscriptionRow::toPort)
                .toList();
    }

    @Override
    public void deleteOutdatedSubscriptions(long nowMicros) {
        state.subscriptionRows.values().removeIf(row ->
                (row.expiresAt() != null && row.expiresAt() < nowMicros) || (row.ttl() == null && !row.active()));
    }

    @Override
    public void extendSubscriptions(List<Map.Entry<String, String>> keys, long nowMicros) {
        for (Map.Entry<String, String> key : keys) {
            String params = storedParams(key.getValue());
            state.subscriptionRows.replaceAll((id, row) -> row.streamName().equals(key.getKey())
                    && row.localParams().equals(params) && row.ttl() != null
                    ? row.withTerms(row.localPriority(), row.ttl(), nowMicros + row.ttl() * MICROS_PER_SECOND)
                    : row);
        }
    }

    @Override
    public StreamSubscription createDefaultSubscription(String streamName) {
        requireUnique(streamName, NULL_PARAMS);
        SubscriptionRow row = new SubscriptionRow(nextSubscriptionId(), streamName, true, true, null, NULL_PARAMS,
                null, null, null);
        state.subscriptionRows.put(row.id(), row);
        return row.toPort();
    }

    @Override
    public void updateSubscription(StreamSubscription subscription) {
        SubscriptionRow row = state.subscriptionRows.get(subscription.id());
        if (row != null) {
            state.subscriptionRows.put(row.id(), new SubscriptionRow(row.id(), row.streamName(), subscription.active(),
                    subscription.isDefault(), row.localPriority(), row.localParams(), subscription.ttl(),
                    subscription.expiresAt(), subscription.lastSyncedAt()));
        }
    }

    @Override
    public void deleteSubscription(long id) {
        state.subscriptionRows.remove(id);
    }

    @Override
    public void markSubscriptionSynced(long id, long timestampMicros) {
        SubscriptionRow row = state.subscriptionRows.get(id);
        if (row != null) {
            state.subscriptionRows.put(id, new SubscriptionRow(row.id(), row.streamName(), row.active(), row.isDefault(),
                    row.localPriority(), row.localParams(), row.ttl(), row.expiresAt(), timestampMicros));
        }
    }

    @Override
    public void subscribe(String streamName, String params, Integer priority, long ttlSeconds, long nowMicros) {
        String stored = storedParams(params);
        long expiresAt = nowMicros + ttlSeconds * MICROS_PER_SECOND;
        Optional<SubscriptionRow> existing = findSubscription(streamName, stored);
        if (existing.isPresent()) {
            SubscriptionRow row = existing.get();
            // SQL's min(coalesce(new, old), old) is NULL when any argument is: no old priority stays none.
            Integer old = row.localPriority();
            Integer lowered = old == null ? null : Math.min(priority == null ? old : priority, old);
            state.subscriptionRows.put(row.id(), row.withTerms(lowered, ttlSeconds, expiresAt));
            return;
        }
        SubscriptionRow row = new SubscriptionRow(nextSubscriptionId(), streamName, false, false, priority, stored,
                ttlSeconds, expiresAt, null);
        state.subscriptionRows.put(row.id(), row);
    }

    @Override
    public void unsubscribe(String streamName, String params) {
        String stored = storedParams(params);
        findSubscription(streamName, stored).ifPresent(row ->
                state.subscriptionRows.put(row.id(), row.withTerms(row.localPriority(), null, row.expiresAt())));
    }

    private long nextSubscriptionId() {
        return state.subscriptionRows.isEmpty() ? 1 : state.subscriptionRows.lastKey() + 1;
    }

    private Optional<SubscriptionRow> findSubscription(String streamName, String storedParams) {
        return state.subscriptionRows.values().stream()
                .filter(row -> row.streamName().equals(streamName) && row.localParams().equals(storedParams))
                .findFirst();
    }

    private void requireUnique(String streamName, String storedParams) {
        if (findSubscription(streamName, storedParams).isPresent()) {
            throw new StorageException("UNIQUE constraint failed: ps_stream_subscriptions.stream_name, "
                    + "ps_stream_subscriptions.local_params");
        }
    }

    /** The column is NOT NULL DEFAULT 'null': a missing parameter object is stored as that text. */
    private static String storedParams(String params) {
        return params == null ? NULL_PARAMS : params;
    }
}
