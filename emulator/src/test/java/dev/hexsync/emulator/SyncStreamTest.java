package dev.hexsync.emulator;

import static dev.hexsync.emulator.TodoWorld.GLOBAL_BUCKET;
import static dev.hexsync.emulator.TodoWorld.USER;
import static dev.hexsync.emulator.TodoWorld.USER_LISTS_BUCKET;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The initial sync: checkpoint, data and completes, as the service sends them on connect. */
class SyncStreamTest {

    @Test
    void initialSyncAnnouncesChecksumsThatSumTheOps() {
        try (SyncServiceEmulator emulator = TodoWorld.builder().build().start()) {
            TodoWorld.seed(emulator);
            try (TestClient.SyncStream stream = new TestClient(emulator.endpoint())
                    .stream(emulator.issueToken(USER), TestClient.streamBody())) {
                assertThat(stream.status()).isEqualTo(200);
                assertThat(stream.header("content-type")).isEqualTo("application/x-ndjson");
                assertThat(stream.header("x-accel-buffering")).isEqualTo("no");

                List<JsonNode> lines = stream.untilComplete();
                JsonNode checkpoint = lines.get(0).get("checkpoint");
                assertThat(checkpoint.get("last_op_id").isString()).isTrue();
                assertThat(checkpoint.get("last_op_id").asString()).isEqualTo(Long.toString(emulator.checkpoint()));
                assertThat(checkpoint.has("write_checkpoint")).isFalse();
                assertThat(checkpoint.get("buckets").findValuesAsString("bucket"))
                        .containsExactly(GLOBAL_BUCKET, USER_LISTS_BUCKET);

                Map<String, Integer> sums = new LinkedHashMap<>();
                Map<String, Integer> counts = new LinkedHashMap<>();
                for (JsonNode line : lines.subList(1, lines.size() - 1)) {
                    JsonNode data = line.get("data");
                    for (JsonNode op : data.get("data").values()) {
                        assertThat(op.get("op_id").isString()).isTrue();
                        assertThat(Long.parseLong(op.get("op_id").asString()))
                                .isLessThanOrEqualTo(Long.parseLong(checkpoint.get("last_op_id").asString()));
                        assertThat(op.get("data").isString()).as("op data is a JSON string").isTrue();
                        JsonNode row = TestClient.json(op.get("data").asString());
                        assertThat(row.propertyNames().iterator().next()).isEqualTo("id");
                        assertThat(op.get("checksum").asLong()).isEqualTo(Integer.toUnsignedLong(OpChecksums.put(
                                op.get("object_type").asString(), op.get("object_id").asString(),
                                op.get("data").asString())));
                        sums.merge(data.get("bucket").asString(), (int) op.get("checksum").asLong(), Integer::sum);
                        counts.merge(data.get("bucket").asString(), 1, Integer::sum);
                    }
                }
                for (JsonNode bucket : checkpoint.get("buckets").values()) {
                    String name = bucket.get("bucket").asString();
                    assertThat(bucket.get("checksum").asInt()).isEqualTo(sums.get(name));
                    assertThat(bucket.get("count").asInt()).isEqualTo(counts.get(name));
                }
                assertThat(lines.get(lines.size() - 1).get("checkpoint_complete").get("last_op_id"))
                        .isEqualTo(checkpoint.get("last_op_id"));
            }
        }
    }

    @Test
    void resumesAfterTheClientsPositions() {
        try (SyncServiceEmulator emulator = TodoWorld.builder().build().start()) {
            TodoWorld.seed(emulator);
            TestClient client = new TestClient(emulator.endpoint());
            String token = emulator.issueToken(USER);
            String last = Long.toString(emulator.checkpoint());
            List<JsonNode> upToDate;
            try (TestClient.SyncStream stream = client.stream(token,
                    TestClient.streamBody(Map.of(GLOBAL_BUCKET, last, USER_LISTS_BUCKET, last)))) {
                upToDate = stream.untilComplete();
            }
            assertThat(upToDate).hasSize(2);
            assertThat(upToDate.get(0).has("checkpoint")).isTrue();

            long firstTodo = emulator.bucket(GLOBAL_BUCKET).orElseThrow().ops().get(1).opId();
            List<JsonNode> partial;
            try (TestClient.SyncStream stream = client.stream(token,
                    TestClient.streamBody(Map.of(GLOBAL_BUCKET, Long.toString(firstTodo))))) {
                partial = stream.untilComplete();
            }
            // global resumes after the given op; user_lists was not in the request, so it starts at 0.
            assertThat(partial).hasSize(4);
            JsonNode global = partial.get(1).get("data");
            assertThat(global.get("bucket").asString()).isEqualTo(GLOBAL_BUCKET);
            assertThat(global.get("after").asString()).isEqualTo(Long.toString(firstTodo));
            assertThat(global.get("data").findValuesAsString("object_id")).containsExactly(TodoWorld.MILK);
            assertThat(partial.get(2).get("data").get("after").asString()).isEqualTo("0");
            assertThat(partial.get(2).get("data").get("data")).hasSize(2);
        }
    }

    @Test
    void sendsHigherPrioritiesFirstWithPartialCompletes() {
        try (SyncServiceEmulator emulator = SyncServiceEmulator.builder()
                .define(StreamDefinition.bucketDefinition("settings").priority(0).tables("settings"))
                .define(StreamDefinition.bucketDefinition("lists").priority(1).tables("lists"))
                .define(StreamDefinition.bucketDefinition("todos").tables("todos"))
                .build().start()) {
            emulator.transaction(tx -> {
                tx.put("todos", "t1", Map.of("description", "Milk"));
                tx.put("lists", "l1", Map.of("name", "Groceries"));
                tx.put("settings", "s1", Map.of("theme", "dark"));
            });
            try (TestClient.SyncStream stream = new TestClient(emulator.endpoint())
                    .stream(emulator.issueToken(USER), TestClient.streamBody())) {
                List<JsonNode> lines = stream.untilComplete();
                List<String> kinds = new ArrayList<>();
                lines.forEach(line -> kinds.add(line.propertyNames().iterator().next()
                        + (line.has("data") ? ":" + line.get("data").get("bucket").asString() : "")
                        + (line.has("partial_checkpoint_complete")
                                ? ":" + line.get("partial_checkpoint_complete").get("priority").asInt() : "")));
                assertThat(kinds).containsExactly("checkpoint", "data:1#settings[]", "partial_checkpoint_complete:0",
                        "data:1#lists[]", "partial_checkpoint_complete:1", "data:1#todos[]", "checkpoint_complete");
                assertThat(lines.get(0).get("checkpoint").get("buckets").findValuesAsString("bucket"))
                        .containsExactly("1#settings[]", "1#lists[]", "1#todos[]");
                assertThat(lines.get(2).get("partial_checkpoint_complete").propertyNames())
                        .containsExactly("last_op_id", "priority");
            }
        }
    }

    @Test
    void splitsLargeBucketsIntoBatches() {
        try (SyncServiceEmulator emulator = SyncServiceEmulator.builder().globalBucket("global", "todos")
                .batchSize(2).build().start()) {
            emulator.transaction(tx -> {
                for (int i = 1; i <= 5; i++) {
                    tx.put("todos", "t" + i, Map.of("n", i));
                }
            });
            try (TestClient.SyncStream stream = new TestClient(emulator.endpoint())
                    .stream(emulator.issueToken(USER), TestClient.streamBody())) {
                List<JsonNode> lines = stream.untilComplete();
                assertThat(lines).hasSize(5);
                List<String> chain = new ArrayList<>();
                for (JsonNode line : lines.subList(1, 4)) {
                    JsonNode data = line.get("data");
                    chain.add(data.get("after").asString() + ">" + data.get("next_after").asString() + ":"
                            + data.get("has_more").asBoolean());
                }
                assertThat(chain).containsExactly("0>2:true", "2>4:true", "4>5:false");
            }
        }
    }

    @Test
    void syncStreamsNameTheirSubscriptions() {
        StreamDefinition allLists = StreamDefinition.stream("all_lists").autoSubscribe().tables("lists");
        StreamDefinition listTodos = StreamDefinition.stream("list_todos")
                .parameters(context -> List.of(List.of(context.subscriptionParameter("list_id"))))
                .data((table, row) -> table.equals("todos") ? List.of(List.of(row.get("list_id"))) : List.of());
        try (SyncServiceEmulator emulator = SyncServiceEmulator.builder().define(allLists).define(listTodos)
                .build().start()) {
            emulator.transaction(tx -> {
                tx.put("lists", "l1", Map.of("name", "Groceries"));
                tx.put("todos", "t1", Map.of("description", "Milk", "list_id", "l1"));
            });
            String body = """
                    {"buckets": [], "raw_data": true, "client_id": "c1", "streams": {"include_defaults": true,
                     "subscriptions": [{"stream": "list_todos", "parameters": {"list_id": "l1"}, "override_priority": 1},
                                       {"stream": "no_such_stream", "parameters": null, "override_priority": null}]}}
                    """;
            TestClient client = new TestClient(emulator.endpoint());
            try (TestClient.SyncStream stream = client.stream(emulator.issueToken(USER), body)) {
                List<JsonNode> lines = stream.untilComplete();
                JsonNode checkpoint = lines.get(0).get("checkpoint");
                assertThat(checkpoint.get("streams").toString()).isEqualTo(
                        "[{\"name\":\"all_lists\",\"is_default\":true,\"errors\":[]},"
                                + "{\"name\":\"list_todos\",\"is_default\":false,\"errors\":[]}]");
                JsonNode buckets = checkpoint.get("buckets");
                assertThat(buckets.get(0).get("bucket").asString()).isEqualTo("1#all_lists|0[]");
                assertThat(buckets.get(0).get("subscriptions").toString()).isEqualTo("[{\"default\":0}]");
                assertThat(buckets.get(1).get("bucket").asString()).isEqualTo("1#list_todos|0[\"l1\"]");
                assertThat(buckets.get(1).get("subscriptions").toString()).isEqualTo("[{\"sub\":0}]");
                assertThat(buckets.get(1).get("priority").asInt()).isEqualTo(1);
                // The overridden priority comes first, ending in a partial complete.
                assertThat(lines.get(1).get("data").get("bucket").asString()).isEqualTo("1#list_todos|0[\"l1\"]");
                assertThat(lines.get(2).get("partial_checkpoint_complete").get("priority").asInt()).isEqualTo(1);
            }
            String withoutDefaults = body.replace("\"include_defaults\": true", "\"include_defaults\": false");
            try (TestClient.SyncStream stream = client.stream(emulator.issueToken(USER), withoutDefaults)) {
                JsonNode checkpoint = stream.next().get("checkpoint");
                assertThat(checkpoint.get("buckets").findValuesAsString("bucket"))
                        .containsExactly("1#list_todos|0[\"l1\"]");
                assertThat(checkpoint.get("streams").findValuesAsString("name")).containsExactly("list_todos");
            }
        }
    }

    @Test
    void parameterQueryFailuresBecomeStreamErrors() {
        StreamDefinition strict = StreamDefinition.stream("strict").tables("todos").parameters(context -> {
            if (context.subscriptionParameter("id") == null) {
                throw new IllegalArgumentException("missing id");
            }
            return List.of(List.of());
        });
        try (SyncServiceEmulator emulator = SyncServiceEmulator.builder().define(strict).build().start()) {
            String body = """
                    {"raw_data": true, "streams": {"subscriptions": [{"stream": "strict", "parameters": null,
                     "override_priority": null}]}}
                    """;
            try (TestClient.SyncStream stream = new TestClient(emulator.endpoint())
                    .stream(emulator.issueToken(USER), body)) {
                JsonNode checkpoint = stream.next().get("checkpoint");
                assertThat(checkpoint.get("buckets")).isEmpty();
                assertThat(checkpoint.get("streams").get(0).get("errors").toString())
                        .isEqualTo("[{\"subscription\":0,\"message\":\"missing id\"}]");
            }
        }
    }

    @Test
    void legacyClientsWithoutRawDataGetNestedRows() {
        try (SyncServiceEmulator emulator = SyncServiceEmulator.builder().globalBucket("global", "todos").build()
                .start()) {
            emulator.put("todos", "t1", Map.of("done", true));
            try (TestClient.SyncStream stream = new TestClient(emulator.endpoint())
                    .stream(emulator.issueToken(USER), "{\"buckets\": []}")) {
                stream.next();
                JsonNode op = stream.next().get("data").get("data").get(0);
                assertThat(op.get("data").isObject()).isTrue();
                assertThat(op.get("data").toString()).isEqualTo("{\"id\":\"t1\",\"done\":1}");
            }
        }
    }

    @Test
    void sendsBsonWhenTheClientPrefersIt() throws IOException {
        try (SyncServiceEmulator emulator = SyncServiceEmulator.builder().globalBucket("global", "todos").build()
                .start()) {
            emulator.put("todos", "t1", Map.of("description", "Milk"));
            int checksum = emulator.bucket("1#global[]").orElseThrow().checksum();
            try (TestClient.SyncStream stream = new TestClient(emulator.endpoint()).stream(
                    emulator.issueToken(USER, Instant.now(), Instant.now().plusSeconds(2)),
                    TestClient.streamBody(),
                    Map.of("Accept", "application/vnd.powersync.bson-stream;q=0.9,application/x-ndjson;q=0.8"))) {
                assertThat(stream.header("content-type")).isEqualTo("application/vnd.powersync.bson-stream");
                List<Map<String, Object>> documents = readBson(stream.body());
                assertThat(documents).hasSizeGreaterThanOrEqualTo(3);
                Map<?, ?> checkpoint = (Map<?, ?>) documents.get(0).get("checkpoint");
                assertThat(checkpoint.get("last_op_id")).isEqualTo("1");
                Map<?, ?> bucket = (Map<?, ?>) ((List<?>) checkpoint.get("buckets")).get(0);
                assertThat(bucket.get("checksum")).isEqualTo(checksum);
                Map<?, ?> data = (Map<?, ?>) documents.get(1).get("data");
                Map<?, ?> op = (Map<?, ?>) ((List<?>) data.get("data")).get(0);
                assertThat(op.get("op_id")).isEqualTo("1");
                assertThat(op.get("data")).isEqualTo("{\"id\":\"t1\",\"description\":\"Milk\"}");
                // js-bson writes numbers beyond int32 as doubles.
                Object opChecksum = op.get("checksum");
                assertThat(((Number) opChecksum).longValue()).isEqualTo(Integer.toUnsignedLong(checksum));
                assertThat(opChecksum).isInstanceOf(checksum < 0 ? Double.class : Integer.class);
                assertThat(documents.get(2)).containsKey("checkpoint_complete");
            }
        }
    }

    @Test
    void compressesWithGzipWhenOffered() throws IOException {
        try (SyncServiceEmulator emulator = SyncServiceEmulator.builder().globalBucket("global", "todos").build()
                .start()) {
            emulator.put("todos", "t1", Map.of("description", "Milk"));
            String token = emulator.issueToken(USER, Instant.now(), Instant.now().plusSeconds(2));
            try (TestClient.SyncStream stream = new TestClient(emulator.endpoint())
                    .stream(token, TestClient.streamBody(), Map.of("Accept-Encoding", "gzip"))) {
                assertThat(stream.header("content-encoding")).isEqualTo("gzip");
                // Raw bytes here, so read the body whole: it ends when the short-lived token expires.
                byte[] body = stream.body();
                String text = new String(new GZIPInputStream(new ByteArrayInputStream(body)).readAllBytes(),
                        StandardCharsets.UTF_8);
                List<String> lines = text.lines().toList();
                assertThat(lines.get(0)).startsWith("{\"checkpoint\":");
                assertThat(lines).contains("{\"checkpoint_complete\":{\"last_op_id\":\"1\"}}");
                assertThat(lines.get(lines.size() - 1)).isEqualTo("{\"token_expires_in\":0}");
            }
        }
    }

    @Test
    void validatesTheBodyBeforeTheToken() {
        try (SyncServiceEmulator emulator = SyncServiceEmulator.builder().build().start()) {
            TestClient client = new TestClient(emulator.endpoint());
            for (String body : List.of("not json", "{\"parameters\": null}",
                    "{\"buckets\": [{\"name\": \"b\", \"after\": 1}]}",
                    "{\"streams\": {\"subscriptions\": [{\"stream\": \"s\", \"parameters\": null}]}}")) {
                try (TestClient.SyncStream stream = client.stream("not-a-token", body)) {
                    assertThat(stream.status()).as(body).isEqualTo(400);
                    JsonNode error = TestClient.json(new String(stream.body(), StandardCharsets.UTF_8)).get("error");
                    assertThat(error.get("code").asString()).isEqualTo(
                            body.equals("not json") ? "FST_ERR_CTP_INVALID_JSON_BODY" : "PSYNC_S2001");
                    assertThat(error.get("status").asInt()).isEqualTo(400);
                }
            }
            var notFound = client.get("/nothing-here", null);
            assertThat(notFound.statusCode()).isEqualTo(404);
            assertThat(TestClient.json(notFound.body()).get("error").get("code").asString()).isEqualTo("PSYNC_S2002");
        }
    }

    /** A small BSON reader for what the emulator writes. */
    static List<Map<String, Object>> readBson(byte[] bytes) throws IOException {
        List<Map<String, Object>> documents = new ArrayList<>();
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            documents.add(readDocument(buffer));
        }
        return documents;
    }

    private static Map<String, Object> readDocument(ByteBuffer buffer) {
        int start = buffer.position();
        int length = buffer.getInt();
        Map<String, Object> document = new LinkedHashMap<>();
        while (true) {
            byte type = buffer.get();
            if (type == 0) {
                break;
            }
            String name = cstring(buffer);
            document.put(name, switch (type) {
                case 0x01 -> buffer.getDouble();
                case 0x02 -> {
                    byte[] text = new byte[buffer.getInt() - 1];
                    buffer.get(text);
                    buffer.get();
                    yield new String(text, StandardCharsets.UTF_8);
                }
                case 0x03 -> readDocument(buffer);
                case 0x04 -> new ArrayList<>(readDocument(buffer).values());
                case 0x08 -> buffer.get() != 0;
                case 0x0A -> null;
                case 0x10 -> buffer.getInt();
                case 0x12 -> buffer.getLong();
                default -> throw new IllegalStateException("unexpected BSON type " + type);
            });
        }
        assertThat(buffer.position() - start).isEqualTo(length);
        return document;
    }

    private static String cstring(ByteBuffer buffer) {
        int start = buffer.position();
        while (buffer.get() != 0) {
            // scan to the terminator
        }
        return new String(buffer.array(), start, buffer.position() - start - 1, StandardCharsets.UTF_8);
    }

}
