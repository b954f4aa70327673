package dev.hexsync.emulator;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPOutputStream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The emulator's HTTP routes: {@code POST /sync/stream}, {@code GET /write-checkpoint2.json},
 * {@code POST /sync/checkpoint-request} (service routes, token required) and {@code POST /upload} (the app
 * backend, no token). Records every request, applies armed faults, and answers errors with the service's
 * bodies. As in the service, a body is validated before the token is checked.
 */
final class ServiceRoutes implements HttpHandler {

    private static final String BSON_TYPE = LineWriter.Format.BSON.contentType;
    private static final String NDJSON_TYPE = LineWriter.Format.NDJSON.contentType;

    /** What the routes need from the emulator's settings. */
    record Settings(Duration keepaliveInterval, int batchSize, UploadHandler uploadHandler) {
    }

    private final EmulatorCore core;
    private final JwtKeys keys;
    private final Faults faults;
    private final Settings settings;
    private final JsonMapper mapper;
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();

    ServiceRoutes(EmulatorCore core, JwtKeys keys, Faults faults, Settings settings, JsonMapper mapper) {
        this.core = core;
        this.keys = keys;
        this.faults = faults;
        this.settings = settings;
        this.mapper = mapper;
    }

    List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    void clearRequests() {
        requests.clear();
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        boolean aborted = false;
        try {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            record(exchange, path, body);
            Faults.RequestFault fault = faults.takeRequestFault(path);
            if (!fault.stall().isZero()) {
                core.sleep(fault.stall());
            }
            if (fault.status() != 0) {
                throw ServiceError.forStatus(fault.status());
            }
            route(exchange, exchange.getRequestMethod(), path, body);
        } catch (ServiceError e) {
            sendError(exchange, e);
        } catch (StreamTermination e) {
            // Leaving the handler with an exception makes the HTTP server close the socket without ending
            // the chunked body: the client sees the connection cut, as when the service destroys a stream.
            aborted = e.isAbort();
            if (aborted) {
                throw e;
            }
        } catch (IOException e) {
            // The client went away; nothing to answer.
        } catch (RuntimeException e) {
            if (exchange.getResponseCode() == -1) {
                sendError(exchange, ServiceError.internal(String.valueOf(e.getMessage())));
            } else {
                aborted = true;
                throw e;
            }
        } finally {
            if (!aborted) {
                exchange.close();
            }
        }
    }

    private void route(HttpExchange exchange, String method, String path, byte[] body) throws IOException {
        switch (method + " " + path) {
            case "POST /sync/stream" -> syncStream(exchange, body);
            case "GET /write-checkpoint2.json" -> writeCheckpoint(exchange);
            case "POST /sync/checkpoint-request" -> checkpointRequest(exchange, body);
            case "POST /upload" -> upload(exchange, body);
            default -> throw ServiceError.routeNotFound(method, path);
        }
    }

    // ---- POST /sync/stream

    private void syncStream(HttpExchange exchange, byte[] body) throws IOException {
        SyncRequest request = SyncRequest.parse(jsonBody(body), mapper);
        JwtKeys.Verified token = keys.verify(authorization(exchange), System.currentTimeMillis());
        SyncConnection connection = core.open(token.userId(), request.clientId(),
                new String(body, StandardCharsets.UTF_8));
        if (connection == null) {
            throw new ServiceError(429, "ServiceError", "PSYNC_S2304", "Maximum active sync connections reached",
                    null);
        }
        try {
            LineWriter.Format format = negotiate(exchange.getRequestHeaders().getFirst("Accept"));
            boolean gzip = acceptsGzip(exchange.getRequestHeaders().getFirst("Accept-Encoding"));
            Headers headers = exchange.getResponseHeaders();
            headers.set("Access-Control-Allow-Origin", "*");
            headers.set("Access-Control-Expose-Headers", "Content-Type");
            headers.set("Content-Type", format.contentType);
            headers.set("X-Accel-Buffering", "no");
            if (gzip) {
                headers.set("Content-Encoding", "gzip");
            }
            exchange.sendResponseHeaders(200, 0);
            // Sync flush, so every line leaves at once, as the service flushes each compressed chunk.
            OutputStream out = gzip ? new GZIPOutputStream(exchange.getResponseBody(), true)
                    : exchange.getResponseBody();
            LineWriter writer = new LineWriter(out, format, mapper, faults.takeStreamFault());
            StreamSession session = new StreamSession(request, token.userId());
            try {
                new SyncStreamLoop(core, session, connection, writer, faults, token.expiresAtMillis(),
                        settings.keepaliveInterval(), settings.batchSize(), request.rawData()).run();
            } catch (StreamTermination e) {
                if (e.isAbort()) {
                    throw e;
                }
            }
            out.close();
        } finally {
            core.release(connection);
        }
    }

    /** NDJSON unless the client ranks the BSON stream strictly higher (JS: bson q=0.9, ndjson q=0.8). */
    static LineWriter.Format negotiate(String accept) {
        if (accept == null || accept.isBlank()) {
            return LineWriter.Format.NDJSON;
        }
        double bson = 0;
        double ndjson = 0;
        for (String range : accept.split(",")) {
            String[] parts = range.trim().split(";");
            String type = parts[0].trim().toLowerCase(Locale.ROOT);
            double q = quality(parts);
            if (type.equals(BSON_TYPE)) {
                bson = Math.max(bson, q);
            } else if (type.equals(NDJSON_TYPE) || type.equals("*/*") || type.equals("application/*")) {
                ndjson = Math.max(ndjson, q);
            }
        }
        return bson > ndjson ? LineWriter.Format.BSON : LineWriter.Format.NDJSON;
    }

    /** gzip when offered; the service prefers zstd, which the emulator does not speak. */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String coding : acceptEncoding.split(",")) {
            String[] parts = coding.trim().split(";");
            if (parts[0].trim().equalsIgnoreCase("gzip") && quality(parts) > 0) {
                return true;
            }
        }
        return false;
    }

    private static double quality(String[] parameters) {
        for (int i = 1; i < parameters.length; i++) {
            String parameter = parameters[i].trim();
            if (parameter.startsWith("q=")) {
                try {
                    return Double.parseDouble(parameter.substring(2));
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }

    // ---- GET /write-checkpoint2.json

    private void writeCheckpoint(HttpExchange exchange) throws IOException {
        JwtKeys.Verified token = keys.verify(authorization(exchange), System.currentTimeMillis());
        String clientId = queryParameter(exchange.getRequestURI().getRawQuery(), "client_id");
        long value = core.writeCheckpoint(checkpointKey(token.userId(), clientId));
        sendJson(exchange, 200, Map.of("data", Map.of("write_checkpoint", Long.toString(value))));
    }

    // ---- POST /sync/checkpoint-request

    private void checkpointRequest(HttpExchange exchange, byte[] body) throws IOException {
        JsonNode json = jsonBody(body);
        List<String> errors = RequestSchema.CHECKPOINT_REQUEST.validate(json);
        if (!errors.isEmpty()) {
            throw ServiceError.validation(errors);
        }
        if (!json.isObject()) {
            throw ServiceError.validation(List.of(" must have required property 'checkpoint_request_id'"));
        }
        BigInteger id = RequestSchema.bigintValue(json.get("checkpoint_request_id"));
        if (id.signum() <= 0 || id.bitLength() > 63) {
            throw ServiceError.validation(
                    List.of("Expected checkpoint_request_id between 1 and " + Long.MAX_VALUE));
        }
        JwtKeys.Verified token = keys.verify(authorization(exchange), System.currentTimeMillis());
        long stored = core.checkpointRequest(checkpointKey(token.userId(), json.get("client_id").asString()),
                id.longValueExact());
        sendJson(exchange, 200, Map.of("data", Map.of("checkpoint_request_id", Long.toString(stored))));
    }

    private static String checkpointKey(String userId, String clientId) {
        return clientId == null || clientId.isEmpty() ? userId : userId + "/" + clientId;
    }

    // ---- POST /upload (the app backend, not a service route)

    @SuppressWarnings("unchecked")
    private void upload(HttpExchange exchange, byte[] body) throws IOException {
        JsonNode json;
        try {
            json = mapper.readTree(body);
        } catch (JacksonException e) {
            sendJson(exchange, 400, Map.of("error", "body is not JSON: " + e.getOriginalMessage()));
            return;
        }
        JsonNode batch = json != null && json.isObject() ? json.get("batch") : json;
        if (batch == null || !batch.isArray()) {
            sendJson(exchange, 400, Map.of("error", "body must be an array of CRUD entries (or {\"batch\": [...]})"));
            return;
        }
        List<Map<String, Object>> entries = new ArrayList<>();
        for (JsonNode entry : batch.values()) {
            if (!entry.isObject()) {
                sendJson(exchange, 400, Map.of("error", "CRUD entry must be an object: " + entry));
                return;
            }
            entries.add(mapper.treeToValue(entry, LinkedHashMap.class));
        }
        try {
            core.transaction(source -> settings.uploadHandler().upload(entries, source));
        } catch (IllegalArgumentException e) {
            sendJson(exchange, 400, Map.of("error", String.valueOf(e.getMessage())));
            return;
        }
        sendJson(exchange, 200, Map.of("data", Map.of("applied", entries.size())));
    }

    // ---- plumbing

    /** The JSON body, refused as the service's web framework refuses it before any route runs. */
    private JsonNode jsonBody(byte[] body) {
        try {
            JsonNode json = mapper.readTree(body);
            if (json == null || json.isMissingNode()) {
                throw ServiceError.unreadableBody(true);
            }
            return json;
        } catch (JacksonException e) {
            throw ServiceError.unreadableBody(false);
        }
    }

    private static String authorization(HttpExchange exchange) {
        return exchange.getRequestHeaders().getFirst("Authorization");
    }

    private void sendJson(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = mapper.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private void sendError(HttpExchange exchange, ServiceError error) throws IOException {
        if (exchange.getResponseCode() != -1) {
            return;
        }
        if (error.hasBody()) {
            sendJson(exchange, error.status(), error.body());
        } else {
            exchange.sendResponseHeaders(error.status(), -1);
        }
    }

    private void record(HttpExchange exchange, String path, byte[] body) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            String key = name.toLowerCase(Locale.ROOT);
            List<String> copy = new ArrayList<>();
            for (String value : values) {
                copy.add(key.equals("authorization") ? redact(value) : value);
            }
            headers.put(key, List.copyOf(copy));
        });
        requests.add(new RecordedRequest(Instant.now(), exchange.getRequestMethod(), path,
                exchange.getRequestURI().getRawQuery(), headers, new String(body, StandardCharsets.UTF_8)));
    }

    private static String redact(String authorization) {
        int space = authorization.indexOf(' ');
        return space < 0 ? "***" : authorization.substring(0, space) + " ***";
    }

    private static String queryParameter(String rawQuery, String name) {
        if (rawQuery == null) {
            return null;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (key.equals(name)) {
                return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
