package dev.hexsync.domain.sync.control;

import dev.hexsync.domain.checkpoint.CheckpointKeys;
import dev.hexsync.domain.stream.StreamKey;
import dev.hexsync.domain.stream.Subscriptions;
import dev.hexsync.domain.sync.Instruction;
import dev.hexsync.domain.sync.StartOptions;
import dev.hexsync.domain.sync.SyncClient;
import dev.hexsync.domain.sync.SyncEngineException;
import dev.hexsync.domain.sync.SyncEvent;
import dev.hexsync.json.Json;
import dev.hexsync.json.JsonException;
import dev.hexsync.json.JsonSource;
import dev.hexsync.ports.ProtocolException;
import dev.hexsync.ports.schema.RawTable;
import dev.hexsync.ports.schema.SchemaException;
import dev.hexsync.ports.storage.StorageException;
import dev.hexsync.ports.storage.sync.KeyValueStore;
import dev.hexsync.ports.storage.sync.StreamSubscriptionStore;
import dev.hexsync.ports.storage.sync.SyncStorage;
import dev.hexsync.ports.sync.EngineControl;
import dev.hexsync.ports.sync.EngineControlException;
import dev.hexsync.ports.time.Clock;
import dev.hexsync.schema.json.SchemaJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The engine behind {@link EngineControl}: operation names and raw payloads, as the native engine's
 * {@code powersync_control} takes them, mapped onto {@link SyncClient} and the checkpoint request state.
 * Errors carry the native engine's result codes and its {@code powersync_control: } message prefix.
 */
public final class ControlDispatcher implements EngineControl {
    private final SyncClient client;
    private final KeyValueStore keyValues;
    private final StreamSubscriptionStore subscriptions;
    private final Clock clock;

    public ControlDispatcher(SyncClient client, SyncStorage storage, Clock clock) {
        this.client = client;
        this.keyValues = storage.keyValues();
        this.subscriptions = storage.subscriptions();
        this.clock = clock;
    }

    @Override
    public Result control(String op, Object payload) {
        try {
            return dispatch(op, payload);
        } catch (SyncEngineException e) {
            throw new EngineControlException("powersync_control: " + e.getMessage(), e.kind().code(), e);
        } catch (ProtocolException e) {
            throw new EngineControlException("powersync_control: Sync protocol error: " + e.getMessage(),
                    SyncEngineException.Kind.PROTOCOL.code(), e);
        } catch (JsonException e) {
            throw new EngineControlException("powersync_control: invalid argument: " + e.getMessage(),
                    SyncEngineException.Kind.ARGUMENT.code(), e);
        } catch (StorageException e) {
            throw new EngineControlException("powersync_control: " + e.getMessage(), e.vendorCode().orElse(1), e);
        }
    }

    private Result dispatch(String op, Object payload) {
        if (op == null) {
            throw argument("First argument must be a string");
        }
        switch (op) {
            case "start":
                return instructions(client.start(payload instanceof String text ? startOptions(text) : StartOptions.DEFAULT));
            case "stop":
                return instructions(client.stop());
            case "line_text":
                if (!(payload instanceof String text)) {
                    throw argument("Second argument must be a string");
                }
                return instructions(client.handle(new SyncEvent.TextLine(text)));
            case "line_binary":
                if (!(payload instanceof byte[] bytes)) {
                    throw argument("Second argument must be a byte array");
                }
                return instructions(client.handle(new SyncEvent.BinaryLine(bytes)));
            case "refreshed_token":
                return instructions(client.handle(new SyncEvent.TokenRefreshed()));
            case "completed_upload":
                return instructions(client.handle(new SyncEvent.UploadFinished()));
            case "connection":
                String what = payload == null ? "" : payload.toString();
                if (what.equals("established")) {
                    return instructions(client.handle(new SyncEvent.ConnectionEstablished()));
                }
                if (what.equals("end")) {
                    return instructions(client.handle(new SyncEvent.StreamEnded()));
                }
                throw argument("unknown connection event");
            case "update_subscriptions":
                return instructions(client.handle(new SyncEvent.SubscriptionsUpdated(streamKeys(text(payload)))));
            case "subscriptions":
                applySubscriptions(text(payload));
                return new Result.Value(null);
            case "seed_checkpoint_request_id": {
                requireIteration();
                long id = positive(payload, "checkpoint request id",
                        "checkpoint request id must be an integer or integer string");
                keyValues.writeLong(CheckpointKeys.LAST_REQUESTED, id);
                return new Result.Value(id);
            }
            case "next_checkpoint_request_id": {
                requireIteration();
                if (keyValues.readLong(CheckpointKeys.LAST_REQUESTED).isEmpty()) {
                    throw new SyncEngineException(SyncEngineException.Kind.STATE, "Checkpoint request state has not been seeded");
                }
                return new Result.Value(keyValues.increment(CheckpointKeys.LAST_REQUESTED));
            }
            case "target_checkpoint_request_id": {
                Long target = optional(payload, "target checkpoint request id",
                        "target checkpoint request id must be an integer, integer string, or null");
                OptionalLong previous = keyValues.readLong(CheckpointKeys.TARGET);
                if (target != null) {
                    if (target == 0) {
                        keyValues.delete(CheckpointKeys.TARGET);
                    } else {
                        keyValues.writeLong(CheckpointKeys.TARGET, target);
                    }
                }
                return new Result.Value(previous.isPresent() ? previous.getAsLong() : null);
            }
            case "current_checkpoint_request_id": {
                OptionalLong current = keyValues.readLong(CheckpointKeys.LAST_REQUESTED);
                return new Result.Value(current.isPresent() ? current.getAsLong() : null);
            }
            default:
                throw argument("Unknown operation");
        }
    }

    private void requireIteration() {
        if (!client.isRunning()) {
            throw SyncEngineException.noIteration();
        }
    }

    private static Result instructions(List<Instruction> instructions) {
        return new Result.Instructions(InstructionJson.write(instructions));
    }

    private static SyncEngineException argument(String message) {
        return new SyncEngineException(SyncEngineException.Kind.ARGUMENT, message);
    }

    private static String text(Object payload) {
        if (payload instanceof String text) {
            return text;
        }
        throw argument("expected a JSON text payload");
    }

    /** The options of {@code start}: {@code {"parameters"?, "schema"?, "include_defaults"?, ...}}. */
    static StartOptions startOptions(String json) {
        Map<String, String> members = JsonSource.members(json);
        Map<String, Object> parsed = Json.parseObject(json);
        String parameters = null;
        if (parsed.get("parameters") instanceof Map<?, ?>) {
            parameters = members.get("parameters");
        } else if (parsed.containsKey("parameters") && parsed.get("parameters") != null) {
            throw argument("parameters must be an object or null");
        }
        List<RawTable> rawTables = new ArrayList<>();
        if (parsed.get("schema") instanceof Map<?, ?> schema && schema.get("raw_tables") instanceof List<?> raw) {
            for (Object table : raw) {
                if (!(table instanceof Map<?, ?> definition) || !(definition.get("name") instanceof String)) {
                    throw argument("raw tables need a name");
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> typed = (Map<String, Object>) definition;
                try {
                    rawTables.add(SchemaJson.parseRawTable(typed));
                } catch (SchemaException e) {
                    throw argument(e.getMessage());
                }
            }
        }
        boolean includeDefaults = true;
        if (parsed.containsKey("include_defaults")) {
            if (!(parsed.get("include_defaults") instanceof Boolean flag)) {
                throw argument("include_defaults must be a boolean");
            }
            includeDefaults = flag;
        }
        List<StreamKey> active = members.containsKey("active_streams") && parsed.get("active_streams") != null
                ? streamKeys(members.get("active_streams")) : List.of();
        String appMetadata = parsed.get("app_metadata") == null ? null : members.get("app_metadata");
        StartOptions.CheckpointMode mode = StartOptions.CheckpointMode.LEGACY;
        Object modeValue = parsed.get("checkpoint_mode");
        if ("requests".equals(modeValue)) {
            mode = StartOptions.CheckpointMode.REQUESTS;
        } else if (modeValue != null && !"legacy".equals(modeValue)) {
            throw argument("unknown checkpoint_mode " + modeValue);
        }
        return new StartOptions(parameters, rawTables, includeDefaults, active, appMetadata, mode);
    }

    /** {@code [{"name", "params"?}]}, params kept as their source text. */
    static List<StreamKey> streamKeys(String json) {
        List<StreamKey> keys = new ArrayList<>();
        for (String element : JsonSource.elements(json)) {
            keys.add(streamKey(element));
        }
        return keys;
    }

    private static StreamKey streamKey(String objectJson) {
        if (!objectJson.startsWith("{")) {
            throw argument("a stream is an object with a name");
        }
        Map<String, String> members = JsonSource.members(objectJson);
        Object name = Json.parse(members.getOrDefault("name", "null"));
        if (!(name instanceof String streamName)) {
            throw argument("missing field `name`");
        }
        String params = members.get("params");
        return new StreamKey(streamName, params == null || params.equals("null") ? null : params);
    }

    /** {@code {"subscribe": {...}}} or {@code {"unsubscribe": {...}}}. */
    private void applySubscriptions(String json) {
        Map<String, String> members = JsonSource.members(json);
        if (members.size() != 1) {
            throw argument("expected one of subscribe, unsubscribe");
        }
        if (members.containsKey("unsubscribe")) {
            StreamKey key = streamKey(members.get("unsubscribe"));
            subscriptions.unsubscribe(key.name(), key.serializedParams());
            return;
        }
        String subscribe = members.get("subscribe");
        if (subscribe == null || !subscribe.startsWith("{")) {
            throw argument("expected one of subscribe, unsubscribe");
        }
        Map<String, String> request = JsonSource.members(subscribe);
        if (!request.containsKey("stream")) {
            throw argument("missing field `stream`");
        }
        StreamKey key = streamKey(request.get("stream"));
        long ttl = Subscriptions.DEFAULT_TTL_SECONDS;
        Object ttlValue = request.containsKey("ttl") ? Json.parse(request.get("ttl")) : null;
        if (ttlValue instanceof Long seconds && seconds >= 0) {
            ttl = seconds;
        } else if (ttlValue != null) {
            throw argument("invalid value: " + request.get("ttl") + ", expected u64 (a whole number of seconds)");
        }
        Integer priority = null;
        Object priorityValue = request.containsKey("priority") ? Json.parse(request.get("priority")) : null;
        if (priorityValue instanceof Long p) {
            if (p < 0 || p >= Integer.MAX_VALUE) {
                throw argument("Invalid bucket priority value");
            }
            priority = p.intValue();
        } else if (priorityValue != null) {
            throw argument("priority must be an integer");
        }
        long now = clock.now().toEpochMilli() * 1000;
        subscriptions.subscribe(key.name(), key.serializedParams(), priority, ttl, now);
    }

    private static Long optional(Object payload, String name, String typeError) {
        long value;
        if (payload == null) {
            return null;
        } else if (payload instanceof Long l) {
            value = l;
        } else if (payload instanceof String text) {
            try {
                value = Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw argument(typeError);
            }
        } else {
            throw argument(typeError);
        }
        if (value < 0) {
            throw argument(name + " must be a non-negative integer");
        }
        return value;
    }

    private static long positive(Object payload, String name, String typeError) {
        Long value = optional(payload, name, typeError);
        if (value == null) {
            throw argument(typeError);
        }
        if (value == 0) {
            throw argument(name + " must be a positive integer");
        }
        return value;
    }
}
