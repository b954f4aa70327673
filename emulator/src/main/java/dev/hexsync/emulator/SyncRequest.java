package dev.hexsync.emulator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A {@code POST /sync/stream} body, checked against the service's {@code StreamingSyncRequest} codec
 * ({@link RequestSchema#SYNC_REQUEST}) with the service's error texts, then read.
 */
record SyncRequest(Map<String, Long> buckets, String clientId, Map<String, Object> parameters, boolean rawData,
        boolean includeDefaults, List<Subscription> subscriptions) {

    /** One explicit stream subscription; its index in the list is the {@code {"sub": i}} reason. */
    record Subscription(String stream, Map<String, Object> parameters, Integer overridePriority) {
    }

    static SyncRequest parse(JsonNode body, JsonMapper mapper) {
        List<String> errors = RequestSchema.SYNC_REQUEST.validate(body);
        if (!errors.isEmpty()) {
            throw ServiceError.validation(errors);
        }
        // The service takes a body that is not an object as an empty request.
        JsonNode request = body != null && body.isObject() ? body : mapper.createObjectNode();
        Map<String, Long> buckets = new LinkedHashMap<>();
        JsonNode bucketList = request.get("buckets");
        if (bucketList != null) {
            for (JsonNode bucket : bucketList.values()) {
                buckets.put(bucket.get("name").asString(), opId(bucket.get("after").asString()));
            }
        }
        JsonNode clientId = request.get("client_id");
        Map<String, Object> parameters = object(request.get("parameters"), mapper);
        JsonNode rawData = request.get("raw_data");
        boolean includeDefaults = true;
        List<Subscription> subscriptions = new ArrayList<>();
        JsonNode streams = request.get("streams");
        if (streams != null) {
            JsonNode defaults = streams.get("include_defaults");
            if (defaults != null) {
                includeDefaults = defaults.asBoolean();
            }
            for (JsonNode subscription : streams.get("subscriptions").values()) {
                subscriptions.add(subscription(subscription, mapper));
            }
        }
        return new SyncRequest(buckets, clientId == null ? null : clientId.asString(),
                parameters, rawData != null && rawData.asBoolean(), includeDefaults,
                Collections.unmodifiableList(subscriptions));
    }

    private static Subscription subscription(JsonNode node, JsonMapper mapper) {
        JsonNode priority = node.get("override_priority");
        // The service takes any number here and uses it as the priority.
        Integer overridePriority = priority.isNull() ? null : priority.asInt();
        return new Subscription(node.get("stream").asString(), object(node.get("parameters"), mapper),
                overridePriority);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(JsonNode node, JsonMapper mapper) {
        if (node == null || node.isNull()) {
            return Map.of();
        }
        return Collections.unmodifiableMap(mapper.treeToValue(node, LinkedHashMap.class));
    }

    /**
     * A bucket's {@code after}: the service converts it with {@code BigInt(...)} once the stream starts, and a
     * text that is no integer fails there with a 500.
     */
    static long opId(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw ServiceError.internal("Cannot convert " + text + " to a BigInt");
        }
    }
}
