package dev.hexsync.domain.stream;

import java.util.List;

/**
 * The explicit stream subscriptions a sync request carries, and the local subscription id of each (so that
 * a checkpoint's {@code {"sub": i}} can be traced back to its local row).
 *
 * @param includeDefaults whether default streams are requested too
 * @param subscriptions in request order
 * @param localIds the local subscription id of each entry of {@code subscriptions}
 */
public record SubscriptionRequest(boolean includeDefaults, List<Requested> subscriptions, List<Long> localIds) {
    public SubscriptionRequest {
        subscriptions = List.copyOf(subscriptions);
        localIds = List.copyOf(localIds);
    }

    /** One requested subscription: stream, raw JSON parameters (or null), priority override (or null). */
    public record Requested(String stream, String parameters, Integer overridePriority) {
    }

    /** Whether two requests ask the service for the same thing (ids are local bookkeeping). */
    public boolean sameRequestAs(SubscriptionRequest other) {
        return includeDefaults == other.includeDefaults && subscriptions.equals(other.subscriptions);
    }
}
