package dev.hexsync.emulator;

import static dev.hexsync.emulator.TodoWorld.BREAD;
import static dev.hexsync.emulator.TodoWorld.EGGS;
import static dev.hexsync.emulator.TodoWorld.LIST;
import static dev.hexsync.emulator.TodoWorld.MILK;
import static dev.hexsync.emulator.TodoWorld.USER;
import static dev.hexsync.emulator.TodoWorld.todo;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Replays the real service's recorded session (initial sync, then an INSERT, an UPDATE and a DELETE, then a
 * keepalive) against the emulator and compares line by line: same line kinds in the same order, same keys in
 * the same order with the same JSON types, same bucket ids and counts, and, since the rows are the
 * fixture's, the same PUT data text and checksums.
 */
class FixtureReplayTest {

    @Test
    void reproducesTheRecordedStreamOfTheRealService() {
        List<JsonNode> expected = RealServiceFixture.BUCKET_DEFINITIONS.lines().map(TestClient::json).toList();
        List<JsonNode> actual = new ArrayList<>();
        try (SyncServiceEmulator emulator = TodoWorld.builder().keepaliveInterval(Duration.ofMillis(300)).build()
                .start()) {
            TodoWorld.seed(emulator);
            TestClient client = new TestClient(emulator.endpoint());
            try (TestClient.SyncStream stream = client.stream(emulator.issueToken(USER), TestClient.streamBody())) {
                actual.addAll(stream.untilComplete());
                emulator.put("todos", BREAD, todo("2026-11-22 12:04:37.559095Z", null, "Bread", false, LIST));
                actual.addAll(stream.untilComplete());
                emulator.put("todos", MILK, todo("2026-11-22 12:03:26.457057Z", "2026-11-22 12:04:41.579145Z",
                        "Milk", true, LIST));
                actual.addAll(stream.untilComplete());
                emulator.delete("todos", EGGS);
                actual.addAll(stream.untilComplete());
                actual.add(stream.until(line -> line.has("token_expires_in")).get(0));
            }
        }

        assertThat(actual).hasSameSizeAs(expected);
        Map<String, String> expectedPositions = new HashMap<>();
        Map<String, String> actualPositions = new HashMap<>();
        for (int i = 0; i < expected.size(); i++) {
            JsonNode want = expected.get(i);
            JsonNode got = actual.get(i);
            assertThat(shape(got)).as("shape of line %d: %s", i, got).isEqualTo(shape(want));
            if (want.has("checkpoint") || want.has("checkpoint_diff")) {
                JsonNode wantBody = want.has("checkpoint") ? want.get("checkpoint") : want.get("checkpoint_diff");
                JsonNode gotBody = got.has("checkpoint") ? got.get("checkpoint") : got.get("checkpoint_diff");
                JsonNode wantBuckets = wantBody.has("buckets") ? wantBody.get("buckets") : wantBody.get("updated_buckets");
                JsonNode gotBuckets = gotBody.has("buckets") ? gotBody.get("buckets") : gotBody.get("updated_buckets");
                for (int b = 0; b < wantBuckets.size(); b++) {
                    assertThat(gotBuckets.get(b).get("bucket")).isEqualTo(wantBuckets.get(b).get("bucket"));
                    assertThat(gotBuckets.get(b).get("count")).isEqualTo(wantBuckets.get(b).get("count"));
                    assertThat(gotBuckets.get(b).get("subscriptions")).isEqualTo(wantBuckets.get(b).get("subscriptions"));
                    if (i < 12) {
                        // Until the DELETE every op is a PUT, whose checksum depends only on the row.
                        assertThat(gotBuckets.get(b).get("checksum")).isEqualTo(wantBuckets.get(b).get("checksum"));
                    }
                }
                if (wantBody.has("streams")) {
                    assertThat(gotBody.get("streams")).isEqualTo(wantBody.get("streams"));
                }
            }
            if (want.has("data")) {
                JsonNode wantData = want.get("data");
                JsonNode gotData = got.get("data");
                assertThat(gotData.get("bucket")).isEqualTo(wantData.get("bucket"));
                // Each data line continues where the last one for the bucket stopped.
                String bucket = wantData.get("bucket").asString();
                assertThat(wantData.get("after").asString()).isEqualTo(expectedPositions.getOrDefault(bucket, "0"));
                assertThat(gotData.get("after").asString()).isEqualTo(actualPositions.getOrDefault(bucket, "0"));
                expectedPositions.put(bucket, wantData.get("next_after").asString());
                actualPositions.put(bucket, gotData.get("next_after").asString());
                for (int o = 0; o < wantData.get("data").size(); o++) {
                    JsonNode wantOp = wantData.get("data").get(o);
                    JsonNode gotOp = gotData.get("data").get(o);
                    assertThat(gotOp.get("op")).isEqualTo(wantOp.get("op"));
                    assertThat(gotOp.get("object_id")).isEqualTo(wantOp.get("object_id"));
                    if (wantOp.get("op").asString().equals("PUT")) {
                        assertThat(gotOp.get("data")).isEqualTo(wantOp.get("data"));
                        assertThat(gotOp.get("checksum")).isEqualTo(wantOp.get("checksum"));
                    }
                }
            }
        }
        assertThat(actual.get(actual.size() - 1).get("token_expires_in").asLong()).isBetween(3500L, 3600L);
    }

    /** The line's structure: keys in order and the JSON type of every value. */
    static String shape(JsonNode node) {
        if (node.isObject()) {
            StringBuilder out = new StringBuilder("{");
            for (String key : node.propertyNames()) {
                out.append(key).append(':').append(shape(node.get(key))).append(',');
            }
            return out.append('}').toString();
        }
        if (node.isArray()) {
            List<String> shapes = new ArrayList<>();
            for (JsonNode element : node.values()) {
                String shape = shape(element);
                if (!shapes.contains(shape)) {
                    shapes.add(shape);
                }
            }
            return shapes.toString();
        }
        return node.isString() ? "string" : node.isNumber() ? "number" : node.isBoolean() ? "boolean" : "null";
    }
}
