package dev.hexsync.emulator;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The service's request codecs as JSON Schema checks, reporting errors in the service's words.
 *
 * <p>The service validates bodies with ts-codec schemas compiled by ajv ({@code allErrors}, extra keys
 * allowed) and phrases each error as better-ajv-errors does: {@code "/path: type must be object"},
 * {@code "/path must have required property 'x'"} (only the last missing key of an object is named), and for
 * unions each branch's error followed by {@code "/path: anyOf must match a schema in anyOf"}. Properties are
 * checked in the codec's order. These rules were read off the real service's answers (the fixture
 * {@code realservice/requests.json} of the emulator's tests).
 */
abstract class RequestSchema {

    /** {@code StreamingSyncRequest} of {@code POST /sync/stream}: every key optional. */
    static final RequestSchema SYNC_REQUEST = object(List.of(),
            "buckets", array(object(List.of("name", "after"), "name", type("string"), "after", type("string"))),
            "only", array(type("string")),
            "include_checksum", type("boolean"),
            "raw_data", type("boolean"),
            "parameters", record(any()),
            "app_metadata", record(type("string")),
            "client_id", type("string"),
            "streams", object(List.of("subscriptions"),
                    "include_defaults", type("boolean"),
                    "subscriptions", array(object(List.of("stream", "parameters", "override_priority"),
                            "stream", type("string"),
                            "parameters", anyOf(record(any()), type("null")),
                            "override_priority", anyOf(type("number"), type("null"))))));

    /** {@code CheckpointRequestPayload} of {@code POST /sync/checkpoint-request}. */
    static final RequestSchema CHECKPOINT_REQUEST = object(List.of("client_id", "checkpoint_request_id"),
            "client_id", type("string"),
            "checkpoint_request_id", bigint());

    /** The errors of a body, empty when it passes. A body that is not an object passes, as in the service. */
    List<String> validate(JsonNode body) {
        List<String> errors = new ArrayList<>();
        if (body != null && body.isObject()) {
            check(body, "", errors);
        }
        return errors;
    }

    abstract void check(JsonNode node, String path, List<String> errors);

    private static RequestSchema any() {
        return new RequestSchema() {
            @Override
            void check(JsonNode node, String path, List<String> errors) {
            }
        };
    }

    private static RequestSchema type(String type) {
        return new RequestSchema() {
            @Override
            void check(JsonNode node, String path, List<String> errors) {
                if (!hasType(node, type)) {
                    errors.add(path + ": type must be " + type);
                }
            }
        };
    }

    private static RequestSchema array(RequestSchema items) {
        return new RequestSchema() {
            @Override
            void check(JsonNode node, String path, List<String> errors) {
                if (!node.isArray()) {
                    errors.add(path + ": type must be array");
                    return;
                }
                for (int i = 0; i < node.size(); i++) {
                    items.check(node.get(i), path + "/" + i, errors);
                }
            }
        };
    }

    /** An object with any keys, each value checked against {@code values} ({@code t.record}). */
    private static RequestSchema record(RequestSchema values) {
        return new RequestSchema() {
            @Override
            void check(JsonNode node, String path, List<String> errors) {
                if (!node.isObject()) {
                    errors.add(path + ": type must be object");
                    return;
                }
                for (Map.Entry<String, JsonNode> entry : node.properties()) {
                    values.check(entry.getValue(), path + "/" + entry.getKey(), errors);
                }
            }
        };
    }

    /** An object with known keys, in codec order, given as name/schema pairs; other keys are allowed. */
    private static RequestSchema object(List<String> required, Object... properties) {
        Map<String, RequestSchema> known = new LinkedHashMap<>();
        for (int i = 0; i < properties.length; i += 2) {
            known.put((String) properties[i], (RequestSchema) properties[i + 1]);
        }
        return new RequestSchema() {
            @Override
            void check(JsonNode node, String path, List<String> errors) {
                if (!node.isObject()) {
                    errors.add(path + ": type must be object");
                    return;
                }
                String missing = null;
                for (String name : required) {
                    if (!node.has(name)) {
                        missing = name;
                    }
                }
                if (missing != null) {
                    errors.add(path + " must have required property '" + missing + "'");
                }
                known.forEach((name, schema) -> {
                    JsonNode value = node.get(name);
                    if (value != null) {
                        schema.check(value, path + "/" + name, errors);
                    }
                });
            }
        };
    }

    private static RequestSchema anyOf(RequestSchema... branches) {
        return new RequestSchema() {
            @Override
            void check(JsonNode node, String path, List<String> errors) {
                List<String> all = new ArrayList<>();
                for (RequestSchema branch : branches) {
                    List<String> branchErrors = new ArrayList<>();
                    branch.check(node, path, branchErrors);
                    if (branchErrors.isEmpty()) {
                        return;
                    }
                    all.addAll(branchErrors);
                }
                errors.addAll(all);
                errors.add(path + ": anyOf must match a schema in anyOf");
            }
        };
    }

    /** The framework's bigint codec: a decimal string or an integer ({@code oneOf}). */
    private static RequestSchema bigint() {
        Pattern decimal = Pattern.compile("^-?[0-9]+$");
        return new RequestSchema() {
            @Override
            void check(JsonNode node, String path, List<String> errors) {
                boolean text = node.isString() && decimal.matcher(node.asString()).matches();
                boolean integer = hasType(node, "integer");
                if (text || integer) {
                    return;
                }
                errors.add(node.isString() ? path + ": pattern must match pattern \"^-?[0-9]+$\""
                        : path + ": type must be string");
                errors.add(path + ": type must be integer");
                errors.add(path + ": oneOf must match exactly one schema in oneOf");
            }
        };
    }

    /** The value of a bigint-coded key that passed {@link #CHECKPOINT_REQUEST}. */
    static BigInteger bigintValue(JsonNode node) {
        return node.isString() ? new BigInteger(node.asString()) : node.bigIntegerValue();
    }

    private static boolean hasType(JsonNode node, String type) {
        return switch (type) {
            case "string" -> node.isString();
            case "boolean" -> node.isBoolean();
            case "number" -> node.isNumber();
            // JavaScript has one number type: 2.0 is an integer there.
            case "integer" -> node.isIntegralNumber()
                    || (node.isNumber() && node.asDouble() == Math.rint(node.asDouble())
                            && !Double.isInfinite(node.asDouble()));
            case "array" -> node.isArray();
            case "object" -> node.isObject();
            case "null" -> node.isNull();
            default -> throw new IllegalArgumentException("unknown type " + type);
        };
    }
}
