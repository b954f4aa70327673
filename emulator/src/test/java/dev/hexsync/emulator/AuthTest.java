package dev.hexsync.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Token checks as the service's key store makes them, and the 401 bodies it answers with. */
class AuthTest {

    private static final byte[] SECRET = "a shared test secret, 32 bytes!!".getBytes(StandardCharsets.UTF_8);

    @Test
    void rejectsMissingAndMalformedHeaders() {
        try (SyncServiceEmulator emulator = SyncServiceEmulator.builder().build().start()) {
            TestClient client = new TestClient(emulator.endpoint());
            assertUnauthorized(client.stream(null, TestClient.streamBody()), "PSYNC_S2106");
            assertUnauthorized(client.stream(null, TestClient.streamBody(), Map.of("Authorization", "Basic abc")),
                    "PSYNC_S2106");
            assertThat(client.get("/write-checkpoint2.json?client_id=c", null).statusCode()).isEqualTo(401);
        }
    }

    @Test
    void rejectsBadSignaturesWithTheServiceErrorBody() {
        try (SyncServiceEmulator emulator = SyncServiceEmulator.builder().build().start();
                SyncServiceEmulator other = SyncServiceEmulator.builder().build()) {
            TestClient.SyncStream stream = new TestClient(emulator.endpoint())
                    .stream(other.issueToken("user1"), TestClient.streamBody());
            JsonNode error = assertUnauthorized(stream, "PSYNC_S2101");
            // As the service: no details; the description says what failed.
            assertThat(error.propertyNames()).containsExactly("name", "code", "status", "description");
            assertThat(error.get("description").asString()).isEqualTo("signature verification failed");
            assertThat(error.get("name").asString()).isEqualTo("AuthorizationError");
            assertThat(error.get("status").asInt()).isEqualTo(401);
            assertUnauthorized(new TestClient(emulator.endpoint()).stream("a.b.c", TestClient.streamBody()),
                    "PSYNC_S2101");
        }
    }

    @Test
    void rejectsExpiredAndOverlongTokens() {
        try (SyncServiceEmulator emulator = SyncServiceEmulator.builder().build().start()) {
            TestClient client = new TestClient(emulator.endpoint());
            Instant now = Instant.now();
            String expired = emulator.issueToken("user1", now.minusSeconds(600), now.minusSeconds(120));
            assertUnauthorized(client.stream(expired, TestClient.streamBody()), "PSYNC_S2103");
            String overlong = emulator.issueToken("user1", now, now.plus(Duration.ofDays(2)));
            assertUnauthorized(client.stream(overlong, TestClient.streamBody()), "PSYNC_S2104");
        }
    }

    @Test
    void checksTheAudienceWhenConfigured() {
        try (SyncServiceEmulator emulator = SyncServiceEmulator.builder().jwtSecret(SECRET).audience("hexsync")
                .build().start();
                SyncServiceEmulator noAudience = SyncServiceEmulator.builder().jwtSecret(SECRET).build()) {
            TestClient client = new TestClient(emulator.endpoint());
            assertUnauthorized(client.stream(noAudience.issueToken("user1"), TestClient.streamBody()), "PSYNC_S2105");
            try (TestClient.SyncStream stream = client.stream(emulator.issueToken("user1"), TestClient.streamBody())) {
                assertThat(stream.status()).isEqualTo(200);
            }
        }
    }

    @Test
    void acceptsBearerAsWellAsToken() {
        try (SyncServiceEmulator emulator = SyncServiceEmulator.builder().build().start()) {
            try (TestClient.SyncStream stream = new TestClient(emulator.endpoint()).stream(null,
                    TestClient.streamBody(), Map.of("Authorization", "Bearer " + emulator.issueToken("user1")))) {
                assertThat(stream.status()).isEqualTo(200);
                assertThat(stream.next().has("checkpoint")).isTrue();
            }
        }
    }

    @Test
    void aTokenJustPastExpiryGetsOnlyTheFinalZero() {
        try (SyncServiceEmulator emulator = SyncServiceEmulator.builder().globalBucket("global", "todos").build()
                .start()) {
            Instant now = Instant.now();
            String token = emulator.issueToken("user1", now.minusSeconds(600), now.minusSeconds(10));
            try (TestClient.SyncStream stream = new TestClient(emulator.endpoint())
                    .stream(token, TestClient.streamBody())) {
                assertThat(stream.status()).isEqualTo(200);
                assertThat(stream.next().toString()).isEqualTo("{\"token_expires_in\":0}");
                TestClient.SyncStream.End end = stream.awaitEnd();
                assertThat(end.error()).isNull();
                assertThat(end.partial()).isEmpty();
            }
            HttpResponse<String> checkpoint = new TestClient(emulator.endpoint())
                    .get("/write-checkpoint2.json?client_id=c", token);
            assertThat(checkpoint.statusCode()).isEqualTo(200);
        }
    }

    private static JsonNode assertUnauthorized(TestClient.SyncStream stream, String code) {
        try (stream) {
            assertThat(stream.status()).isEqualTo(401);
            JsonNode error = TestClient.json(new String(stream.body(), StandardCharsets.UTF_8)).get("error");
            assertThat(error.get("code").asString()).isEqualTo(code);
            return error;
        }
    }
}
