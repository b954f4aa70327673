package dev.hexsync.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.hexsync.bootstrap.HexSync;
import dev.hexsync.ports.api.BackendConnector;
import dev.hexsync.ports.api.SyncDatabase;
import dev.hexsync.ports.schema.Schema;
import dev.hexsync.ports.schema.Table;
import dev.hexsync.ports.transport.Credentials;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Replays a sync stream captured from a real PowerSync Service (fixtures/bucket-definitions.ndjson, unedited;
 * its provenance is in adapters-http/src/test/resources/fixtures/README.md): an initial checkpoint over two
 * buckets, then an INSERT, an UPDATE and a DELETE arriving live, then a keepalive. A tiny JDK HTTP server on
 * 127.0.0.1 answers {@code POST /sync/stream} with it and then keeps the response open, as the service would.
 * The client must end up with exactly the rows the stream carried, derived here from the fixture itself.
 */
class RealServiceReplayTest {
    private static final String FIXTURE = "/fixtures/bucket-definitions.ndjson";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The source schema of the capture (timestamps and uuids are text locally, booleans integers). */
    private static final Schema SCHEMA = Schema.of(
            Table.builder("lists").text("created_at").text("name").text("owner_id").build(),
            Table.builder("todos").text("created_at").text("completed_at").text("description").integer("completed")
                    .text("created_by").text("completed_by").text("list_id").build());

    @TempDir
    Path dir;

    private final List<String> fixture = new ArrayList<>();
    private final List<Map<String, String>> streamRequests = new CopyOnWriteArrayList<>();
    /** Holds each response open after its lines, until the test ends (the service never ends a healthy stream). */
    private final CountDownLatch finished = new CountDownLatch(1);
    private HttpServer server;
    private ExecutorService executor;

    @BeforeEach
    void serveTheCapture() throws IOException {
        try (InputStream in = RealServiceReplayTest.class.getResourceAsStream(FIXTURE)) {
            assertThat(in).as(FIXTURE).isNotNull();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    fixture.add(line);
                }
            }
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "replay-server");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    @AfterEach
    void stop() {
        finished.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            boolean stream = exchange.getRequestMethod().equals("POST")
                    && exchange.getRequestURI().getPath().equals("/sync/stream");
            if (!stream) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            Map<String, String> request = new LinkedHashMap<>();
            request.put("authorization", exchange.getRequestHeaders().getFirst("Authorization"));
            request.put("body", new String(body, StandardCharsets.UTF_8));
            streamRequests.add(request);
            // The captured response's headers (response-headers.txt): NDJSON, chunked, no proxy buffering.
            exchange.getResponseHeaders().set("Content-Type", "application/x-ndjson");
            exchange.getResponseHeaders().set("X-Accel-Buffering", "no");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            // Only the first stream gets the capture: a client that came back would have to resume, which a
            // fixed recording cannot answer; the test checks that it did not need to.
            if (streamRequests.size() == 1) {
                for (String line : fixture) {
                    out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            }
            finished.await(Eventually.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // The client went away; nothing to answer.
        }
    }

    /** What the capture says the tables must hold: per bucket the last op of each row, PUT rows kept. */
    private Map<String, Map<String, Map<String, Object>>> expectedTables() {
        Map<String, Map<String, String>> latestByBucket = new TreeMap<>();
        for (String line : fixture) {
            JsonNode data = JSON.readTree(line).get("data");
            if (data == null) {
                continue;
            }
            Map<String, String> bucket = latestByBucket.computeIfAbsent(data.get("bucket").asString(),
                    b -> new LinkedHashMap<>());
            for (JsonNode op : data.get("data")) {
                String key = op.get("object_type").asString() + "/" + op.get("object_id").asString();
                bucket.put(key, op.get("op").asString().equals("PUT") ? op.get("data").asString() : null);
            }
        }
        Map<String, Map<String, Map<String, Object>>> tables = new TreeMap<>();
        tables.put("lists", new TreeMap<>());
        tables.put("todos", new TreeMap<>());
        for (Map<String, String> bucket : latestByBucket.values()) {
            bucket.forEach((key, data) -> {
                if (data != null) {
                    String[] typeAndId = key.split("/", 2);
                    tables.get(typeAndId[0]).put(typeAndId[1], Replica.parse(data));
                }
            });
        }
        return tables;
    }

    private long lastCheckpoint() {
        long last = -1;
        for (String line : fixture) {
            JsonNode complete = JSON.readTree(line).get("checkpoint_complete");
            if (complete != null) {
                last = Long.parseLong(complete.get("last_op_id").asString());
            }
        }
        return last;
    }

    @Test
    void appliesTheCapturedStreamOfARealService() {
        URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        BackendConnector connector = new BackendConnector() {
            @Override
            public Optional<Credentials> fetchCredentials() {
                return Optional.of(new Credentials(endpoint, "captured-stream-token", Optional.empty()));
            }

            @Override
            public void uploadData(SyncDatabase database) {
                throw new UnsupportedOperationException("nothing is written locally in this test");
            }
        };
        Map<String, Map<String, Map<String, Object>>> expected = expectedTables();
        // Derived from the capture, and what its README says happened: one list; Eggs deleted, Bread inserted,
        // Milk completed.
        assertThat(expected.get("lists")).hasSize(1);
        assertThat(expected.get("todos")).hasSize(2);
        long lastCheckpoint = lastCheckpoint();
        assertThat(lastCheckpoint).isEqualTo(12);

        try (SyncDatabase db = HexSync.builder().sqlite(dir.resolve("replay.db")).schema(SCHEMA).build()) {
            Eventually.join("connect", db.connect(connector, TodoService.OPTIONS));
            Eventually.join("the first sync", db.waitForFirstSync());
            Eventually.await("the last captured checkpoint to be applied", () ->
                    db.getAll("SELECT last_op FROM ps_buckets WHERE name LIKE '1#%'").stream()
                            .filter(row -> row.getLong("last_op") == lastCheckpoint).count() == 2,
                    () -> String.valueOf(db.getAll("SELECT name, last_op FROM ps_buckets")));

            assertThat(Replica.differences(db, "lists", expected.get("lists"))).isEmpty();
            assertThat(Replica.differences(db, "todos", expected.get("todos"))).isEmpty();
            assertThat(db.getAll("SELECT description, completed FROM todos ORDER BY description"))
                    .extracting(row -> row.getString("description") + " " + row.getLong("completed"))
                    .containsExactly("Bread 0", "Milk 1");
            assertThat(db.getAll("SELECT name FROM ps_buckets WHERE name LIKE '1#%' ORDER BY name"))
                    .extracting(row -> row.getString("name"))
                    .containsExactly("1#global[]", "1#user_lists[\"11111111-1111-1111-1111-111111111111\"]");
            assertThat(db.syncStatus().downloadError()).isEmpty();
            assertThat(db.syncStatus().connected()).isTrue();
            assertThat(db.syncStatus().hasSynced()).contains(true);
            assertThat(Replica.integrity(db)).isEqualTo("ok");

            // The whole capture went over one stream, asked for as a fresh client asks.
            assertThat(streamRequests).hasSize(1);
            assertThat(streamRequests.get(0).get("authorization")).isEqualTo("Token captured-stream-token");
            JsonNode request = JSON.readTree(streamRequests.get(0).get("body"));
            assertThat(request.get("buckets").size()).isZero();
            assertThat(request.get("raw_data").asBoolean()).isTrue();
            assertThat(request.get("client_id").asString()).isNotBlank();
        }
    }
}
