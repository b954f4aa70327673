package dev.hexsync.testkit.emulator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A {@code POST /sync/stream} body, checked as strictly as the service's {@code StreamingSyncRequest} codec:
 * extra keys pass, wrong types and subscriptions without {@code parameters}/{@code override_priority} fail.
 */
record SyncRequest(Map<String, Long> buckets, String clientId, Map<String, Object> parameters, boolean rawData,
        boolean includeDefaults, List<Subscription> subscriptions) {

    /** One explicit stream subscription; its index in the list is the {@code {"sub": i}} reason. */
    record Subscription(String stream, Map<String, Object> parameters, Integer overridePriority) {
    }

    static SyncRequest parse(JsonNode body, JsonMapper mapper) {
        if (body == null || !body.isObject()) {
            throw ServiceError.validation("request body must be a JSON object");
        }
        Map<String, Long> buckets = new LinkedHashMap<>();
        JsonNode bucketList = body.get("buckets");
        if (bucketList != null && !bucketList.isNull()) {
            if (!bucketList.isArray()) {
                throw ServiceError.validation("buckets must be an array");
            }
            for (JsonNode bucket : bucketList.values()) {
                JsonNode name = bucket.get("name");
                JsonNode after = bucket.get("after");
                if (name == null || !name.isString() || after == null || !after.isString()) {
                    throw ServiceError.validation("buckets[] needs string name and after: " + bucket);
                }
                buckets.put(name.asString(), opId(after.asString(), "buckets[].after"));
            }
        }
        JsonNode clientId = body.get("client_id");
        if (clientId != null && !clientId.isNull() && !clientId.isString()) {
            throw ServiceError.validation("client_id must be a string");
        }
        Map<String, Object> parameters = objectOrEmpty(body.get("parameters"), "parameters", mapper);
        JsonNode rawData = body.get("raw_data");
        boolean includeDefaults = true;
        List<Subscription> subscriptions = new ArrayList<>();
        JsonNode streams = body.get("streams");
        if (streams != null && !streams.isNull()) {
            if (!streams.isObject()) {
                throw ServiceError.validation("streams must be an object");
            }
            JsonNode defaults = streams.get("include_defaults");
            if (defaults != null && !defaults.isNull()) {
                if (!defaults.isBoolean()) {
                    throw ServiceError.validation("streams.include_defaults must be a boolean");
                }
                includeDefaults = defaults.asBoolean();
            }
            JsonNode list = streams.get("subscriptions");
            if (list == null || !list.isArray()) {
                throw ServiceError.validation("streams.subscriptions must be an array");
            }
            for (JsonNode subscription : list.values()) {
                subscriptions.add(subscription(subscription, mapper));
            }
        }
        return new SyncRequest(buckets, clientId == null || clientId.isNull() ? null : clientId.asString(),
                parameters, rawData != null && rawData.asBoolean(false), includeDefaults,
                Collections.unmodifiableList(subscriptions));
    }

    private static Subscription subscription(JsonNode node, JsonMapper mapper) {
        JsonNode stream = node.get("stream");
        if (!node.isObject() || stream == null || !stream.isString()) {
            throw ServiceError.validation("streams.subscriptions[] needs a string stream: " + node);
        }
        // The service's codec requires both keys even when null (protocol_types.test.ts).
        if (!node.has("parameters") || !node.has("override_priority")) {
            throw ServiceError.validation("streams.subscriptions[] needs parameters and override_priority: " + node);
        }
        JsonNode priority = node.get("override_priority");
        Integer overridePriority = null;
        if (!priority.isNull()) {
            if (!priority.isIntegralNumber() || priority.asInt() < 0 || priority.asInt() > 3) {
                throw ServiceError.validation("override_priority must be 0..3 or null: " + node);
            }
            overridePriority = priority.asInt();
        }
        return new Subscription(stream.asString(), objectOrEmpty(node.get("parameters"), "parameters", mapper),
                overridePriority);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> objectOrEmpty(JsonNode node, String what, JsonMapper mapper) {
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw ServiceError.validation(what + " must be an object or null");
        }
        return Collections.unmodifiableMap(mapper.treeToValue(node, LinkedHashMap.class));
    }

    /** A decimal op id string, as every op id on the wire is. */
    static long opId(String text, String what) {
        try {
            long value = Long.parseLong(text);
            if (value < 0) {
                throw ServiceError.validation(what + " must not be negative: " + text);
            }
            return value;
        } catch (NumberFormatException e) {
            throw ServiceError.validation(what + " must be a decimal op id: " + text);
        }
    }
}
