package dev.hexsync.emulator;

import static dev.hexsync.emulator.TestClient.CLIENT_ID;
import static dev.hexsync.emulator.TodoWorld.USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Write checkpoints, checkpoint requests and the upload backend: the read-your-writes round trip. */
class WriteCheckpointTest {

    @Test
    void writeCheckpointsCountPerUserAndClient() {
        try (SyncServiceEmulator emulator = SyncServiceEmulator.builder().build().start()) {
            TestClient client = new TestClient(emulator.endpoint());
            String token = emulator.issueToken(USER);
            assertThat(client.get("/write-checkpoint2.json?client_id=a", token).body())
                    .isEqualTo("{\"data\":{\"write_checkpoint\":\"1\"}}");
            assertThat(client.get("/write-checkpoint2.json?client_id=a", token).body()).contains("\"2\"");
            assertThat(client.get("/write-checkpoint2.json?client_id=b", token).body()).contains("\"1\"");
            assertThat(client.get("/write-checkpoint2.json?client_id=a", emulator.issueToken("someone else")).body())
                    .contains("\"1\"");
        }
    }

    @Test
    void theStreamAcknowledgesAWriteCheckpointWithAnEmptyDiff() {
        try (SyncServiceEmulator emulator = SyncServiceEmulator.builder().globalBucket("global", "todos").build()
                .start()) {
            emulator.put("todos", "t1", Map.of("n", 1));
            TestClient client = new TestClient(emulator.endpoint());
            String token = emulator.issueToken(USER);
            try (TestClient.SyncStream stream = client.stream(token, TestClient.streamBody());
                    TestClient.SyncStream otherClient = client.stream(token,
                            TestClient.streamBody().replace(CLIENT_ID, "client-2"))) {
                stream.untilComplete();
                otherClient.untilComplete();

                client.get("/write-checkpoint2.json?client_id=" + CLIENT_ID, token);
                List<JsonNode> lines = stream.untilComplete();
                // As in the real service's write-checkpoint.ndjson.
                assertThat(lines.get(0).toString()).isEqualTo(
                        "{\"checkpoint_diff\":{\"last_op_id\":\"1\",\"write_checkpoint\":\"1\","
                                + "\"removed_buckets\":[],\"updated_buckets\":[]}}");
                assertThat(lines.get(1).toString()).isEqualTo("{\"checkpoint_complete\":{\"last_op_id\":\"1\"}}");
                assertThat(otherClient.next(Duration.ofMillis(300))).isNull();

                // Later diffs repeat it.
                emulator.put("todos", "t2", Map.of("n", 2));
                assertThat(stream.next().get("checkpoint_diff").get("write_checkpoint").asString()).isEqualTo("1");
            }
            try (TestClient.SyncStream again = client.stream(token, TestClient.streamBody())) {
                JsonNode checkpoint = again.next().get("checkpoint");
                assertThat(checkpoint.propertyNames()).containsExactly("last_op_id", "write_checkpoint", "buckets",
                        "streams");
                assertThat(checkpoint.get("write_checkpoint").asString()).isEqualTo("1");
            }
        }
    }

    @Test
    void pausedReplicationHoldsBackUploadsAndTheirWriteCheckpoint() {
        try (SyncServiceEmulator emulator = SyncServiceEmulator.builder().globalBucket("global", "todos").build()
                .start()) {
            TestClient client = new TestClient(emulator.endpoint());
            String token = emulator.issueToken(USER);
            try (TestClient.SyncStream stream = client.stream(token, TestClient.streamBody())) {
                stream.untilComplete();
                emulator.pauseReplication();
                HttpResponse<String> upload = client.post("/upload", null,
                        "[{\"op\":\"PUT\",\"type\":\"todos\",\"id\":\"t1\",\"data\":{\"description\":\"Milk\"}}]");
                assertThat(upload.statusCode()).isEqualTo(200);
                assertThat(emulator.row("todos", "t1")).isPresent();
                assertThat(client.get("/write-checkpoint2.json?client_id=" + CLIENT_ID, token).body())
                        .contains("\"1\"");
                assertThat(stream.next(Duration.ofMillis(300))).as("nothing replicated yet").isNull();

                emulator.resumeReplication();
                List<JsonNode> lines = stream.untilComplete();
                JsonNode diff = lines.get(0).get("checkpoint_diff");
                assertThat(diff.get("write_checkpoint").asString()).isEqualTo("1");
                assertThat(diff.get("updated_buckets")).hasSize(1);
                assertThat(lines.get(1).get("data").get("data").get(0).get("object_id").asString()).isEqualTo("t1");
            }
        }
    }

    @Test
    void checkpointRequestsKeepTheHighestId() {
        try (SyncServiceEmulator emulator = SyncServiceEmulator.builder().build().start()) {
            TestClient client = new TestClient(emulator.endpoint());
            String token = emulator.issueToken(USER);
            try (TestClient.SyncStream stream = client.stream(token, TestClient.streamBody())) {
                stream.untilComplete();
                assertThat(request(client, token, "5").body())
                        .isEqualTo("{\"data\":{\"checkpoint_request_id\":\"5\"}}");
                assertThat(stream.untilComplete().get(0).get("checkpoint_diff").get("write_checkpoint").asString())
                        .isEqualTo("5");
                assertThat(request(client, token, "3").body()).contains("\"5\"");
                assertThat(request(client, token, "\"9223372036854775807\"").body())
                        .contains("\"9223372036854775807\"");
                assertThat(stream.untilComplete().get(0).get("checkpoint_diff").get("write_checkpoint").asString())
                        .isEqualTo("9223372036854775807");
            }
            for (String bad : List.of("0", "-1", "1.5", "\"abc\"", "null", "9223372036854775808")) {
                HttpResponse<String> response = request(client, "bad token", bad);
                assertThat(response.statusCode()).as(bad).isEqualTo(400);
                assertThat(TestClient.json(response.body()).get("error").get("code").asString())
                        .isEqualTo("PSYNC_S2001");
            }
            assertThat(request(client, "bad token", "7").statusCode()).isEqualTo(401);
        }
    }

    @Test
    void uploadsApplyCrudEntriesToTheSource() {
        try (SyncServiceEmulator emulator = SyncServiceEmulator.builder().globalBucket("global", "todos").build()
                .start()) {
            TestClient client = new TestClient(emulator.endpoint());
            HttpResponse<String> response = client.post("/upload", null, """
                    {"batch": [
                      {"op": "PUT", "type": "todos", "id": "t1", "data": {"description": "Milk", "done": 0}},
                      {"op": "PUT", "type": "todos", "id": "t2", "data": {"description": "Eggs"}},
                      {"op": "PATCH", "type": "todos", "id": "t1", "data": {"done": 1}},
                      {"op": "DELETE", "type": "todos", "id": "t2"}
                    ]}
                    """);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(emulator.row("todos", "t1")).contains(Map.of("id", "t1", "description", "Milk", "done", 1));
            assertThat(emulator.row("todos", "t2")).isEmpty();
            // One transaction: PUT t1, PUT t2, PATCH t1, DELETE t2 are ops 1..4 of one checkpoint.
            assertThat(emulator.checkpoint()).isEqualTo(4);

            emulator.applyUpload(List.of(Map.of("op", "DELETE", "type", "todos", "id", "t1")));
            assertThat(emulator.row("todos", "t1")).isEmpty();

            HttpResponse<String> rejected = client.post("/upload", null,
                    "[{\"op\":\"PUT\",\"type\":\"todos\",\"id\":\"t3\",\"data\":{}},{\"op\":\"MERGE\",\"type\":\"todos\",\"id\":\"t3\"}]");
            assertThat(rejected.statusCode()).isEqualTo(400);
            assertThat(emulator.row("todos", "t3")).as("a rejected batch applies nothing").isEmpty();
        }
    }

    @Test
    void aCustomBackendCanRejectUploads() {
        UploadHandler readOnly = (entries, source) -> {
            throw new IllegalArgumentException("read-only backend");
        };
        try (SyncServiceEmulator emulator = SyncServiceEmulator.builder().uploadHandler(readOnly).build().start()) {
            HttpResponse<String> response = new TestClient(emulator.endpoint()).post("/upload", null, "[]");
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.body()).contains("read-only backend");
            assertThatThrownBy(() -> emulator.applyUpload(List.of())).hasMessage("read-only backend");
        }
    }

    private static HttpResponse<String> request(TestClient client, String token, String id) {
        return client.post("/sync/checkpoint-request", token,
                "{\"client_id\": \"" + CLIENT_ID + "\", \"checkpoint_request_id\": " + id + "}");
    }
}
