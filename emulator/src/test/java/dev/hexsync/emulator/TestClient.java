package dev.hexsync.emulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain JDK HttpClient speaking to the emulator, with bounded waits everywhere. */
final class TestClient {

    static final JsonMapper MAPPER = JsonMapper.builder().build();
    static final Duration WAIT = Duration.ofSeconds(5);
    static final String CLIENT_ID = "client-1";

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(WAIT)
            .build();
    private final URI endpoint;

    TestClient(URI endpoint) {
        this.endpoint = endpoint;
    }

    /** The body the core sends, with the given bucket positions. */
    static String streamBody(Map<String, String> after) {
        List<Map<String, String>> buckets = new ArrayList<>();
        after.forEach((name, opId) -> buckets.add(Map.of("name", name, "after", opId)));
        return MAPPER.writeValueAsString(Map.of("buckets", buckets, "include_checksum", true, "raw_data", true,
                "binary_data", true, "client_id", CLIENT_ID, "streams",
                Map.of("include_defaults", true, "subscriptions", List.of())));
    }

    static String streamBody() {
        return streamBody(Map.of());
    }

    SyncStream stream(String token, String body) {
        return stream(token, body, Map.of());
    }

    SyncStream stream(String token, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.resolve("/sync/stream"))
                .timeout(WAIT)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Token " + token);
        }
        headers.forEach(request::header);
        try {
            return new SyncStream(http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> get(String pathAndQuery, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.resolve(pathAndQuery)).timeout(WAIT).GET();
        if (token != null) {
            request.header("Authorization", "Token " + token);
        }
        return send(request.build());
    }

    HttpResponse<String> post(String path, String token, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.resolve(path)).timeout(WAIT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Token " + token);
        }
        return send(request.build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(String text) {
        return MAPPER.readTree(text);
    }

    /** An open response body read line by line on a daemon thread into a queue. */
    static final class SyncStream implements AutoCloseable {

        /** How the body ended: normally (error null) or with an I/O error; {@code partial} is an unterminated tail. */
        record End(IOException error, String partial) {
        }

        private final HttpResponse<InputStream> response;
        private final BlockingQueue<Object> items = new LinkedBlockingQueue<>();
        private End end;

        SyncStream(HttpResponse<InputStream> response) {
            this.response = response;
            if (response.statusCode() == 200 && !isBson() && header("content-encoding") == null) {
                Thread reader = new Thread(this::readLines, "test-sync-stream-reader");
                reader.setDaemon(true);
                reader.start();
            }
        }

        int status() {
            return response.statusCode();
        }

        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        boolean isBson() {
            String type = header("content-type");
            return type != null && type.contains("bson");
        }

        /** The raw body, for error answers, BSON and compressed bodies (which are not read line by line). */
        byte[] body() {
            try (InputStream in = response.body()) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void readLines() {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            try (InputStream in = response.body()) {
                byte[] buffer = new byte[8192];
                int n;
                while ((n = in.read(buffer)) > 0) {
                    for (int i = 0; i < n; i++) {
                        if (buffer[i] == '\n') {
                            items.add(line.toString(StandardCharsets.UTF_8));
                            line.reset();
                        } else {
                            line.write(buffer[i]);
                        }
                    }
                }
                items.add(new End(null, line.toString(StandardCharsets.UTF_8)));
            } catch (IOException e) {
                items.add(new End(e, line.toString(StandardCharsets.UTF_8)));
            }
        }

        /** The next line within {@link #WAIT}, or an assertion failure. */
        JsonNode next() {
            JsonNode line = next(WAIT);
            if (line == null) {
                throw new AssertionError("no sync line within " + WAIT + (end == null ? "" : "; stream ended: " + end));
            }
            return line;
        }

        /** The next line, or null if none arrives within the timeout or the body ended. */
        JsonNode next(Duration timeout) {
            if (end != null) {
                return null;
            }
            Object item;
            try {
                item = items.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (item instanceof End e) {
                end = e;
                return null;
            }
            return item == null ? null : MAPPER.readTree((String) item);
        }

        /** Lines up to and including the first that matches. */
        List<JsonNode> until(Predicate<JsonNode> last) {
            List<JsonNode> lines = new ArrayList<>();
            while (true) {
                JsonNode line = next();
                lines.add(line);
                if (last.test(line)) {
                    return lines;
                }
            }
        }

        /** Lines up to and including the next {@code checkpoint_complete}, skipping keepalives. */
        List<JsonNode> untilComplete() {
            List<JsonNode> lines = new ArrayList<>(until(line -> line.has("checkpoint_complete")));
            lines.removeIf(line -> line.has("token_expires_in"));
            return lines;
        }

        /** Waits for the body to end, skipping lines; fails if it does not within {@link #WAIT}. */
        End awaitEnd() {
            Awaitility.await("the end of the stream").atMost(WAIT).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(1)).pollInSameThread().until(() -> {
                        next(Duration.ofMillis(100));
                        return end != null;
                    });
            return end;
        }

        @Override
        public void close() {
            try {
                response.body().close();
            } catch (IOException e) {
                // Closing an aborted body may fail; nothing to do.
            }
        }
    }
}
