package dev.hexsync.domain.sync;

import dev.hexsync.domain.stream.SubscriptionRequest;
import dev.hexsync.json.Json;
import dev.hexsync.ports.storage.sync.BucketStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the body of the sync stream request that {@link SyncIteration} hands out to open a stream. */
final class SyncRequestBody {
    private SyncRequestBody() {
    }

    static Map<String, Object> of(List<BucketStore.BucketRequest> buckets, String clientId, StartOptions options,
            SubscriptionRequest subscriptions) {
        Map<String, Object> body = new LinkedHashMap<>();
        List<Object> bucketList = new ArrayList<>();
        for (BucketStore.BucketRequest bucket : buckets) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", bucket.name());
            entry.put("after", bucket.after().toString());
            bucketList.add(entry);
        }
        body.put("buckets", bucketList);
        body.put("include_checksum", true);
        body.put("raw_data", true);
        // Old services break on BSON requests without it; the field is otherwise meaningless.
        body.put("binary_data", true);
        body.put("client_id", clientId);
        body.put("parameters", options.parameters() == null ? null : new Json.Raw(options.parameters()));
        Map<String, Object> streams = new LinkedHashMap<>();
        streams.put("include_defaults", subscriptions.includeDefaults());
        List<Object> requested = new ArrayList<>();
        for (SubscriptionRequest.Requested subscription : subscriptions.subscriptions()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("stream", subscription.stream());
            entry.put("parameters", subscription.parameters() == null ? null : new Json.Raw(subscription.parameters()));
            entry.put("override_priority", subscription.overridePriority() == null ? null : (long) subscription.overridePriority());
            requested.add(entry);
        }
        streams.put("subscriptions", requested);
        body.put("streams", streams);
        if (options.appMetadata() != null) {
            body.put("app_metadata", new Json.Raw(options.appMetadata()));
        }
        return body;
    }
}
