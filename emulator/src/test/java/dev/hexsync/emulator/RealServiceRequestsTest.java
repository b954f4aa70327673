package dev.hexsync.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Replays requests the real PowerSync Service answered (fixture {@code realservice/requests.json}, recorded
 * by {@code probe-requests.mjs} beside it) against the emulator and expects the same answer: the status, the
 * content type, and for errors the whole body (code, description, the validation details word for word).
 * Stream answers are compared by the keys of their first line. Tokens are minted again here with the
 * emulator's key; their times are offsets from now, as recorded.
 */
class RealServiceRequestsTest {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final byte[] SECRET = "the replay test's own HS256 key!".getBytes(StandardCharsets.UTF_8);
    private static SyncServiceEmulator emulator;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        // The recorded service's key and audience (see the realservice recipe), and its sync config's names.
        emulator = SyncServiceEmulator.builder().jwtSecret(SECRET).keyId("local-hs256").audience("powersync-local")
                .define(StreamDefinition.bucketDefinition("global_lists").tables("lists"))
                .define(StreamDefinition.stream("list_todos").tables("todos"))
                .build().start();
        emulator.put("lists", "list-001", Map.of("name", "List 1"));
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @TestFactory
    Stream<DynamicTest> theEmulatorAnswersAsTheServiceDid() throws IOException {
        JsonNode cases;
        try (InputStream in = RealServiceRequestsTest.class.getResourceAsStream("/realservice/requests.json")) {
            cases = MAPPER.readTree(in);
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode recorded : cases.values()) {
            tests.add(DynamicTest.dynamicTest(recorded.get("name").asString(), () -> replay(recorded)));
        }
        assertThat(tests).hasSizeGreaterThan(60);
        return tests.stream();
    }

    private static void replay(JsonNode recorded) throws Exception {
        JsonNode request = recorded.get("request");
        JsonNode expected = recorded.get("response");
        HttpRequest.Builder http = HttpRequest.newBuilder(URI.create(emulator.endpoint() + request.get("path").asString()))
                .timeout(Duration.ofSeconds(20));
        if (request.has("token")) {
            http.header("Authorization", token(request.get("token")));
        }
        String body = request.has("bodyText") ? request.get("bodyText").asString()
                : request.has("body") ? MAPPER.writeValueAsString(request.get("body")) : null;
        if (body != null) {
            http.header("Content-Type", "application/json");
        }
        http.method(request.get("method").asString(),
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));

        HttpResponse<InputStream> response = HTTP.send(http.build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = response.body()) {
            assertThat(response.statusCode()).as("status").isEqualTo(expected.get("status").asInt());
            assertThat(response.headers().firstValue("Content-Type").orElse(null)).as("content type")
                    .isEqualTo(expected.get("contentType").asString());
            String firstLine = firstLine(in);
            JsonNode actual = firstLine.isEmpty() ? null : MAPPER.readTree(firstLine);
            if (expected.has("firstLineKeys")) {
                List<String> keys = new ArrayList<>(actual.propertyNames());
                List<String> expectedKeys = new ArrayList<>();
                expected.get("firstLineKeys").values().forEach(k -> expectedKeys.add(k.asString()));
                assertThat(keys).as("keys of the first line").containsExactlyInAnyOrderElementsOf(expectedKeys);
            }
            if (expected.has("body") && expected.get("body").has("data")) {
                // Write checkpoint and checkpoint request ids depend on the service's state: compare the shape.
                assertThat(actual.get("data").propertyNames()).as("keys of data")
                        .containsExactlyElementsOf(expected.get("body").get("data").propertyNames());
                actual.get("data").values().forEach(id -> assertThat(id.asString()).as("an id").matches("[0-9]+"));
            } else if (expected.has("body")) {
                assertThat(actual).as("body").isEqualTo(expected.get("body"));
            }
        }
    }

    private static String firstLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        byte[] buffer = new byte[8192];
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        int read;
        while ((read = in.read(buffer)) > 0) {
            int newline = -1;
            for (int i = 0; i < read; i++) {
                if (buffer[i] == '\n') {
                    newline = i;
                    break;
                }
            }
            bytes.write(buffer, 0, newline < 0 ? read : newline);
            if (newline >= 0) {
                break;
            }
        }
        line.append(bytes.toString(StandardCharsets.UTF_8));
        return line.toString();
    }

    /** The recorded token description, signed with the emulator's key (or a wrong one, when recorded so). */
    private static String token(JsonNode token) throws GeneralSecurityException {
        if (token.has("raw")) {
            return "Token " + token.get("raw").asString();
        }
        long now = System.currentTimeMillis() / 1000;
        ObjectNode claims = (ObjectNode) token.get("claims").deepCopy();
        for (String time : List.of("iat", "exp", "nbf")) {
            if (claims.has(time) && claims.get(time).isNumber()) {
                claims.put(time, now + claims.get(time).asLong());
            }
        }
        String unsigned = base64(MAPPER.writeValueAsBytes(token.get("header"))) + "." + base64(MAPPER.writeValueAsBytes(claims));
        String scheme = token.has("scheme") ? token.get("scheme").asString() : "Token";
        if (token.path("unsigned").asBoolean(false)) {
            return scheme + " " + unsigned + ".";
        }
        Mac mac = Mac.getInstance("HmacSHA256");
        byte[] key = token.path("wrongKey").asBoolean(false) ? "not-the-key".getBytes(StandardCharsets.UTF_8) : SECRET;
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return scheme + " " + unsigned + "." + base64(mac.doFinal(unsigned.getBytes(StandardCharsets.US_ASCII)));
    }

    private static String base64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
