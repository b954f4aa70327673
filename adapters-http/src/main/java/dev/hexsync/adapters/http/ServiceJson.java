package dev.hexsync.adapters.http;

import dev.hexsync.ports.ProtocolException;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The small JSON bodies of the service's JSON routes: the {@code {"data": ...}} envelope of an answer, the
 * {@code {"error": {code, description, ...}}} body of a failure, and the checkpoint request we post. Read with
 * Jackson's streaming parser, which is all three need.
 */
final class ServiceJson {
    /** The largest op id and checkpoint request id: the service keeps them as signed 64-bit integers. */
    private static final BigInteger MAX_ID = BigInteger.valueOf(Long.MAX_VALUE);
    /** JavaScript numbers are exact up to here; above it the service wants the id as a string. */
    private static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

    private final JsonFactory json = JsonFactory.builder().build();

    /** A service error body: its {@code PSYNC_*} code and description, either possibly absent. */
    record ServiceError(String code, String description) {
    }

    /**
     * {@code {"client_id": ..., "checkpoint_request_id": ...}}. The id goes as a number when JavaScript can hold
     * it exactly and as a string above that, as the service asks.
     */
    byte[] checkpointRequest(String clientId, long checkpointRequestId) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator generator = json.createGenerator(ObjectWriteContext.empty(), out)) {
            generator.writeStartObject();
            generator.writeName("client_id");
            generator.writeString(clientId);
            generator.writeName("checkpoint_request_id");
            if (checkpointRequestId <= MAX_SAFE_INTEGER) {
                generator.writeNumber(checkpointRequestId);
            } else {
                generator.writeString(Long.toString(checkpointRequestId));
            }
            generator.writeEndObject();
        }
        return out.toByteArray();
    }

    /**
     * The non-negative integer at {@code data.<field>} of a successful answer, as a decimal string. The service
     * sends a string; a number is accepted too.
     *
     * @param route names the request in messages, e.g. {@code GET /write-checkpoint2.json}
     * @throws ProtocolException when the body is not that shape
     */
    String dataId(byte[] body, String field, String route, Redactor redactor) {
        String where = "data." + field;
        try (JsonParser parser = json.createParser(ObjectReadContext.empty(), body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw malformed(route, "the body is not a JSON object");
            }
            String value = null;
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                JsonToken token = parser.nextToken();
                if (name.equals("data") && token == JsonToken.START_OBJECT) {
                    while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                        String inner = parser.currentName();
                        JsonToken innerToken = parser.nextToken();
                        if (inner.equals(field)) {
                            value = id(parser, innerToken, route, where);
                        } else {
                            parser.skipChildren();
                        }
                    }
                } else {
                    parser.skipChildren();
                }
            }
            if (value == null) {
                throw malformed(route, where + " is missing");
            }
            return value;
        } catch (JacksonException e) {
            throw malformed(route, "the body is not valid JSON (" + redactor.scrub(e.getOriginalMessage()) + ")");
        }
    }

    private static String id(JsonParser parser, JsonToken token, String route, String where) {
        String text;
        if (token == JsonToken.VALUE_STRING || token == JsonToken.VALUE_NUMBER_INT) {
            text = parser.getString();
        } else {
            parser.skipChildren();
            throw malformed(route, where + " is " + JsonToken.valueDescFor(token) + ", not a decimal integer");
        }
        if (text.isEmpty() || text.length() > 19 || !text.chars().allMatch(c -> c >= '0' && c <= '9')
                || new BigInteger(text).compareTo(MAX_ID) > 0) {
            // The value itself is not shown: it is short, but it is the service's and could be anything.
            throw malformed(route, where + " is not a decimal integer between 0 and 2^63-1");
        }
        return text;
    }

    private static ProtocolException malformed(String route, String problem) {
        return new ProtocolException("Unexpected answer from the sync service to " + route + ": " + problem);
    }

    /** The error in a service error body, or empty when the body is not one (empty, HTML from a proxy, ...). */
    Optional<ServiceError> error(byte[] body) {
        if (body.length == 0) {
            return Optional.empty();
        }
        try (JsonParser parser = json.createParser(ObjectReadContext.empty(), body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            ServiceError error = null;
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                JsonToken token = parser.nextToken();
                if (name.equals("error") && token == JsonToken.START_OBJECT) {
                    error = errorObject(parser);
                } else {
                    parser.skipChildren();
                }
            }
            return Optional.ofNullable(error);
        } catch (JacksonException e) {
            return Optional.empty();
        }
    }

    private static ServiceError errorObject(JsonParser parser) {
        String code = null;
        String description = null;
        String details = null;
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = parser.currentName();
            JsonToken token = parser.nextToken();
            if (token == JsonToken.VALUE_STRING && name.equals("code")) {
                code = parser.getString();
            } else if (token == JsonToken.VALUE_STRING && name.equals("description")) {
                description = parser.getString();
            } else if (token == JsonToken.VALUE_STRING && name.equals("details")) {
                details = parser.getString();
            } else {
                parser.skipChildren();
            }
        }
        if (code != null && code.isBlank()) {
            code = null;
        }
        if (details != null && !details.isBlank()) {
            description = description == null ? details : description + " (" + details + ")";
        }
        return new ServiceError(code, description);
    }
}
