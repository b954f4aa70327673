package dev.hexsync.emulator;

import static dev.hexsync.emulator.TodoWorld.USER;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Every fault switch, and the request log. */
class FaultsTest {

    @Test
    void failNextAnswersWithTheServiceErrorThenRecovers() {
        try (SyncServiceEmulator emulator = SyncServiceEmulator.builder().build().start()) {
            TestClient client = new TestClient(emulator.endpoint());
            String token = emulator.issueToken(USER);
            emulator.faults().failNext("/sync/stream", 2, 401);
            for (int i = 0; i < 2; i++) {
                try (TestClient.SyncStream stream = client.stream(token, TestClient.streamBody())) {
                    assertThat(stream.status()).isEqualTo(401);
                    assertThat(errorCode(stream.body())).isEqualTo("PSYNC_S2101");
                }
            }
            try (TestClient.SyncStream stream = client.stream(token, TestClient.streamBody())) {
                assertThat(stream.status()).isEqualTo(200);
            }

            emulator.faults().failNext(1, 500).failNext(1, 503).failNext(1, 429);
            HttpResponse<String> first = client.get("/write-checkpoint2.json", token);
            HttpResponse<String> second = client.get("/write-checkpoint2.json", token);
            HttpResponse<String> third = client.get("/write-checkpoint2.json", token);
            assertThat(first.statusCode()).isEqualTo(500);
            assertThat(errorCode(first.body().getBytes(StandardCharsets.UTF_8))).isEqualTo("PSYNC_S2302");
            assertThat(second.statusCode()).isEqualTo(503);
            assertThat(errorCode(second.body().getBytes(StandardCharsets.UTF_8))).isEqualTo("PSYNC_S2003");
            assertThat(third.statusCode()).isEqualTo(429);
            assertThat(third.body()).isEmpty();
            assertThat(client.get("/write-checkpoint2.json", token).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void stallNextDelaysTheAnswer() {
        try (SyncServiceEmulator emulator = SyncServiceEmulator.builder().build().start()) {
            TestClient client = new TestClient(emulator.endpoint());
            String token = emulator.issueToken(USER);
            emulator.faults().stallNext("/write-checkpoint2.json", Duration.ofMillis(400));
            long start = System.nanoTime();
            assertThat(client.get("/write-checkpoint2.json", token).statusCode()).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
            // Only the next request was stalled: nothing is armed for the one after.
            assertThat(emulator.faults().takeRequestFault("/write-checkpoint2.json")).isEqualTo(Faults.RequestFault.NONE);
            assertThat(client.get("/write-checkpoint2.json", token).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void dropNextStreamCutsTheConnectionMidLine() {
        try (SyncServiceEmulator emulator = SyncServiceEmulator.builder().globalBucket("global", "todos").build()
                .start()) {
            emulator.put("todos", "t1", Map.of("n", 1));
            emulator.faults().dropNextStream(1);
            try (TestClient.SyncStream stream = new TestClient(emulator.endpoint())
                    .stream(emulator.issueToken(USER), TestClient.streamBody())) {
                assertThat(stream.next().has("checkpoint")).isTrue();
                TestClient.SyncStream.End end = stream.awaitEnd();
                assertThat(end.error()).as("an I/O error, not a clean end").isNotNull();
                // The JDK client may drop the half line it buffered when the connection fails.
                assertThat(end.partial().isEmpty() || end.partial().startsWith("{\"data\":")).as(end.partial())
                        .isTrue();
            }
            try (TestClient.SyncStream stream = new TestClient(emulator.endpoint())
                    .stream(emulator.issueToken(USER), TestClient.streamBody())) {
                assertThat(stream.untilComplete()).hasSize(3);
            }
        }
    }

    @Test
    void truncateNextStreamEndsCleanlyWithHalfALine() {
        try (SyncServiceEmulator emulator = SyncServiceEmulator.builder().globalBucket("global", "todos").build()
                .start()) {
            emulator.put("todos", "t1", Map.of("n", 1));
            emulator.faults().truncateNextStream(2);
            try (TestClient.SyncStream stream = new TestClient(emulator.endpoint())
                    .stream(emulator.issueToken(USER), TestClient.streamBody())) {
                stream.next();
                stream.next();
                TestClient.SyncStream.End end = stream.awaitEnd();
                assertThat(end.error()).isNull();
                assertThat(end.partial()).startsWith("{\"checkpoint_comp").doesNotEndWith("}}");
            }
        }
    }

    @Test
    void corruptNextChecksumBreaksOneCheckpointOnly() {
        try (SyncServiceEmulator emulator = SyncServiceEmulator.builder().globalBucket("global", "todos").build()
                .start()) {
            emulator.put("todos", "t1", Map.of("n", 1));
            int checksum = emulator.bucket("1#global[]").orElseThrow().checksum();
            emulator.faults().corruptNextChecksum();
            TestClient client = new TestClient(emulator.endpoint());
            try (TestClient.SyncStream stream = client.stream(emulator.issueToken(USER), TestClient.streamBody())) {
                assertThat(firstChecksum(stream.next())).isEqualTo(checksum + 1);
            }
            try (TestClient.SyncStream stream = client.stream(emulator.issueToken(USER), TestClient.streamBody())) {
                assertThat(firstChecksum(stream.next())).isEqualTo(checksum);
            }
        }
    }

    @Test
    void openConnectionsCanBeDroppedEndedAndStalled() {
        try (SyncServiceEmulator emulator = SyncServiceEmulator.builder().keepaliveInterval(Duration.ofMillis(50))
                .build().start()) {
            TestClient client = new TestClient(emulator.endpoint());
            try (TestClient.SyncStream stream = client.stream(emulator.issueToken(USER), TestClient.streamBody())) {
                stream.untilComplete();
                SyncConnection connection = emulator.awaitConnections(1, TestClient.WAIT).get(0);
                assertThat(connection.userId()).isEqualTo(USER);
                assertThat(connection.clientId()).isEqualTo(TestClient.CLIENT_ID);

                connection.stall(Duration.ofMillis(400));
                long start = System.nanoTime();
                // Drain what was sent before the stall took effect, then expect silence: keepalives every 50 ms
                // would never leave a 150 ms gap, so a stall that did not happen fails the count.
                int drained = 0;
                while (stream.next(Duration.ofMillis(150)) != null) {
                    assertThat(++drained).as("lines before the stream fell silent").isLessThan(50);
                }
                assertThat(stream.next().has("token_expires_in")).as("keepalives resume").isTrue();
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(350));

                connection.drop();
                TestClient.SyncStream.End end = stream.awaitEnd();
                assertThat(end.error()).isNotNull();
            }
            try (TestClient.SyncStream stream = client.stream(emulator.issueToken(USER), TestClient.streamBody())) {
                stream.untilComplete();
                List<SyncConnection> open = emulator.awaitConnections(1, TestClient.WAIT);
                open.get(open.size() - 1).end();
                assertThat(stream.awaitEnd().error()).isNull();
            }
        }
    }

    @Test
    void streamsBeyondTheLimitGet429() {
        try (SyncServiceEmulator emulator = SyncServiceEmulator.builder().maxConnections(1).build().start()) {
            TestClient client = new TestClient(emulator.endpoint());
            String token = emulator.issueToken(USER);
            try (TestClient.SyncStream first = client.stream(token, TestClient.streamBody());
                    TestClient.SyncStream second = client.stream(token, TestClient.streamBody())) {
                assertThat(first.status()).isEqualTo(200);
                assertThat(second.status()).isEqualTo(429);
                assertThat(second.body()).isEmpty();
            }
        }
    }

    @Test
    void theRequestLogShowsWhatTheClientSentWithoutTheToken() {
        try (SyncServiceEmulator emulator = SyncServiceEmulator.builder().build().start()) {
            TestClient client = new TestClient(emulator.endpoint());
            String token = emulator.issueToken(USER);
            try (TestClient.SyncStream stream = client.stream(token, TestClient.streamBody(),
                    Map.of("User-Agent", "hexsync-test/1"))) {
                stream.untilComplete();
            }
            client.get("/write-checkpoint2.json?client_id=x", token);

            List<RecordedRequest> requests = emulator.requests();
            assertThat(requests).hasSize(2);
            RecordedRequest stream = requests.get(0);
            assertThat(stream.method()).isEqualTo("POST");
            assertThat(stream.path()).isEqualTo("/sync/stream");
            assertThat(stream.header("Authorization")).isEqualTo("Token ***");
            assertThat(stream.header("user-agent")).isEqualTo("hexsync-test/1");
            assertThat(TestClient.json(stream.body()).get("client_id").asString()).isEqualTo(TestClient.CLIENT_ID);
            assertThat(requests.get(1).query()).isEqualTo("client_id=x");
            assertThat(requests.toString()).doesNotContain(token);
            emulator.clearRequests();
            assertThat(emulator.requests()).isEmpty();
        }
    }

    private static String errorCode(byte[] body) {
        return TestClient.json(new String(body, StandardCharsets.UTF_8)).get("error").get("code").asString();
    }

    private static int firstChecksum(JsonNode line) {
        return line.get("checkpoint").get("buckets").get(0).get("checksum").asInt();
    }
}
