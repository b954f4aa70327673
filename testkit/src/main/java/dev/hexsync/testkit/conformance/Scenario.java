package dev.hexsync.testkit.conformance;

import dev.hexsync.json.JsonSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A scenario in the oracle's format: {@code {"description"?, "client_id"?, "schema"?, "steps": [...]}}, each
 * step an object with exactly one command key (and an optional {@code comment}). Parsing is as strict as
 * the oracle's: unknown keys are errors, so typos do not pass silently.
 */
public record Scenario(String description, String clientId, JsonNode schema, List<Step> steps) {

    public static final String DEFAULT_CLIENT_ID = "00000000-0000-4000-8000-000000000000";

    /** The step commands the oracle knows. */
    public static final Set<String> COMMANDS = Set.of("start", "line", "line_binary", "connection", "completed_upload",
            "refreshed_token", "stop", "subscriptions", "update_subscriptions", "seed_checkpoint_request_id",
            "next_checkpoint_request_id", "current_checkpoint_request_id", "target_checkpoint_request_id", "control",
            "sql", "upload", "snapshot", "advance_clock", "replace_schema");

    /**
     * One step: its command, the command's argument, the {@code params} of a {@code sql} step, and the
     * compact source text of each member (objects handed to the engine must keep their exact spelling).
     */
    public record Step(String command, JsonNode argument, JsonNode params, Map<String, String> source) {
        /** The compact source text of the command's argument. */
        public String rawArgument() {
            return source.get(command);
        }

        /** The compact source text of a member of the command's (object) argument. */
        public String rawMember(String name) {
            return JsonSource.members(rawArgument()).get(name);
        }
    }

    static final JsonMapper MAPPER = JsonMapper.builder().build();

    public static Scenario parse(String text) {
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JacksonException e) {
            throw new ScenarioException("scenario is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new ScenarioException("scenario must be a JSON object");
        }
        for (String key : root.propertyNames()) {
            if (!Set.of("description", "client_id", "schema", "steps", "comment").contains(key)) {
                throw new ScenarioException("unknown top-level key " + key);
            }
        }
        JsonNode schema = root.get("schema");
        if (schema != null && !schema.isObject()) {
            throw new ScenarioException("\"schema\" must be an object");
        }
        JsonNode clientId = root.get("client_id");
        if (clientId != null && !clientId.isString()) {
            throw new ScenarioException("\"client_id\" must be a string");
        }
        JsonNode steps = root.get("steps");
        if (steps == null || !steps.isArray()) {
            throw new ScenarioException("\"steps\" must be an array");
        }
        List<String> stepSources = JsonSource.elements(JsonSource.members(text).get("steps"));
        List<Step> parsed = new ArrayList<>();
        int index = 0;
        for (JsonNode step : steps.values()) {
            Map<String, String> source = new java.util.LinkedHashMap<>();
            // The oracle hands objects to the engine as the compact form of their source text.
            JsonSource.members(stepSources.get(index)).forEach((key, raw) -> source.put(key, JsonSource.compact(raw)));
            parsed.add(step(step, index, source));
            index++;
        }
        JsonNode description = root.get("description");
        return new Scenario(description == null ? "" : description.asString(),
                clientId == null ? DEFAULT_CLIENT_ID : clientId.stringValue(),
                schema == null ? MAPPER.readTree("{\"tables\":[]}") : schema, List.copyOf(parsed));
    }

    private static Step step(JsonNode step, int index, Map<String, String> source) {
        String where = "step " + index;
        if (!step.isObject()) {
            throw new ScenarioException(where + ": must be an object");
        }
        String command = null;
        for (Map.Entry<String, JsonNode> entry : step.properties()) {
            String key = entry.getKey();
            if (key.equals("comment") || (key.equals("params") && step.has("sql"))) {
                continue;
            }
            if (!COMMANDS.contains(key)) {
                throw new ScenarioException(where + ": unknown command " + key);
            }
            if (command != null) {
                throw new ScenarioException(where + ": more than one command (" + command + ", " + key + ")");
            }
            command = key;
        }
        if (command == null) {
            throw new ScenarioException(where + ": no command");
        }
        if (command.equals("sql") && !step.get("sql").isString()) {
            throw new ScenarioException(where + ": \"sql\" must be a string");
        }
        JsonNode params = step.get("params");
        if (params != null && !params.isArray()) {
            throw new ScenarioException(where + ": \"params\" must be an array");
        }
        return new Step(command, step.get(command), params, Map.copyOf(source));
    }
}
