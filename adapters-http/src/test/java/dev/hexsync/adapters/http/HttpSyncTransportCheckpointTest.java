package dev.hexsync.adapters.http;

import static dev.hexsync.adapters.http.ScriptedServer.respondJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hexsync.ports.ProtocolException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/** The write checkpoint and checkpoint request routes, round trip against a real server. */
class HttpSyncTransportCheckpointTest extends TransportTestSupport {

    /** A flat JSON object's members as "name -> token kind:text", so a test sees strings and numbers apart. */
    private static Map<String, String> members(String json) {
        Map<String, String> members = new TreeMap<>();
        try (JsonParser parser = JsonFactory.builder().build().createParser(ObjectReadContext.empty(), json)) {
            assertThat(parser.nextToken()).isEqualTo(JsonToken.START_OBJECT);
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                JsonToken token = parser.nextToken();
                members.put(name, (token == JsonToken.VALUE_STRING ? "string:" : "number:") + parser.getString());
            }
        }
        return members;
    }

    @Nested
    class WriteCheckpoint {
        @Test
        void getsTheWriteCheckpointForTheClient() throws Exception {
            server.route("/write-checkpoint2.json", (exchange, request) ->
                    respondJson(exchange, 200, "{\"data\":{\"write_checkpoint\":\"42\"}}"));
            String clientId = "client id/ä&=+?";
            assertThat(transport.fetchWriteCheckpoint(credentials(), clientId)).isEqualTo("42");
            ScriptedServer.Recorded request = server.request();
            assertThat(request.method()).isEqualTo("GET");
            assertThat(request.uri().getPath()).isEqualTo("/write-checkpoint2.json");
            assertThat(request.uri().getRawQuery()).isEqualTo("client_id=client%20id%2F%C3%A4%26%3D%2B%3F");
            assertThat(request.header("Authorization")).isEqualTo("Token " + TOKEN);
            assertThat(request.header("x-user-agent")).startsWith("hexsync/");
        }

        @Test
        void acceptsANumberAndIgnoresOtherMembers() throws Exception {
            server.route("/write-checkpoint2.json", (exchange, request) -> respondJson(exchange, 200,
                    "{\"meta\":[1,{\"x\":2}],\"data\":{\"other\":{\"a\":[]},\"write_checkpoint\":7}}"));
            assertThat(transport.fetchWriteCheckpoint(credentials(), "c1")).isEqualTo("7");
        }

        @Test
        void reusesConnectionsAcrossCalls() throws Exception {
            server.route("/write-checkpoint2.json", (exchange, request) ->
                    respondJson(exchange, 200, "{\"data\":{\"write_checkpoint\":\"1\"}}"));
            // More calls than the pool has connections per route: each call must give its connection back.
            for (int i = 0; i < 40; i++) {
                assertThat(within(() -> transport.fetchWriteCheckpoint(credentials(), "c1"))).isEqualTo("1");
            }
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {
            "",
            "not json",
            "[]",
            "{}",
            "{\"data\":{}}",
            "{\"data\":null}",
            "{\"data\":{\"write_checkpoint\":true}}",
            "{\"data\":{\"write_checkpoint\":null}}",
            "{\"data\":{\"write_checkpoint\":1.5}}",
            "{\"data\":{\"write_checkpoint\":\"-1\"}}",
            "{\"data\":{\"write_checkpoint\":\"12a\"}}",
            "{\"data\":{\"write_checkpoint\":\"\"}}",
            "{\"data\":{\"write_checkpoint\":\"9223372036854775808\"}}",
            "{\"data\":{\"write_checkpoint\":\"1\"",
        })
        void aMalformedAnswerIsAProtocolError(String body) {
            server.route("/write-checkpoint2.json", (exchange, request) -> respondJson(exchange, 200, body));
            assertThatThrownBy(() -> transport.fetchWriteCheckpoint(credentials(), "c1"))
                    .isInstanceOf(ProtocolException.class)
                    .hasMessageStartingWith("Unexpected answer from the sync service to GET /write-checkpoint2.json: ");
        }

        @Test
        void namesWhatIsWrongWithTheAnswer() {
            server.route("/write-checkpoint2.json", (exchange, request) ->
                    respondJson(exchange, 200, "{\"data\":{\"write_checkpoint\":true}}"));
            assertThatThrownBy(() -> transport.fetchWriteCheckpoint(credentials(), "c1"))
                    .hasMessageContaining("data.write_checkpoint is")
                    .hasMessageContaining("not a decimal integer");
        }
    }

    @Nested
    class CheckpointRequest {
        @Test
        void postsTheClientAndRequestIdAndReturnsTheStoredId() throws Exception {
            server.route("/sync/checkpoint-request", (exchange, request) ->
                    respondJson(exchange, 200, "{\"data\":{\"checkpoint_request_id\":\"9\"}}"));
            assertThat(transport.postCheckpointRequest(credentials(), "client-1", "5")).isEqualTo("9");
            ScriptedServer.Recorded request = server.request();
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.uri().getPath()).isEqualTo("/sync/checkpoint-request");
            assertThat(request.header("Authorization")).isEqualTo("Token " + TOKEN);
            assertThat(request.header("Content-Type")).isEqualTo("application/json");
            assertThat(members(request.bodyText()))
                    .containsExactlyEntriesOf(new TreeMap<>(Map.of(
                            "checkpoint_request_id", "number:5", "client_id", "string:client-1")));
        }

        @Test
        void sendsIdsBeyondJavaScriptPrecisionAsStrings() throws Exception {
            AtomicReference<String> sent = new AtomicReference<>();
            server.route("/sync/checkpoint-request", (exchange, request) -> {
                sent.set(request.bodyText());
                respondJson(exchange, 200, "{\"data\":{\"checkpoint_request_id\":9223372036854775807}}");
            });
            assertThat(transport.postCheckpointRequest(credentials(), "c", "9007199254740993"))
                    .isEqualTo("9223372036854775807");
            assertThat(members(sent.get())).containsEntry("checkpoint_request_id", "string:9007199254740993");

            assertThat(transport.postCheckpointRequest(credentials(), "c", "9007199254740991")).isNotNull();
            assertThat(members(sent.get())).containsEntry("checkpoint_request_id", "number:9007199254740991");
        }

        @ParameterizedTest(name = "''{0}''")
        @ValueSource(strings = {"0", "-1", "+5", "abc", "", "1.0", " 1", "9223372036854775808", "99999999999999999999"})
        void refusesIdsTheServiceWouldRejectWithoutSendingThem(String id) {
            server.route("/sync/checkpoint-request", (exchange, request) ->
                    respondJson(exchange, 200, "{\"data\":{\"checkpoint_request_id\":\"1\"}}"));
            assertThatThrownBy(() -> transport.postCheckpointRequest(credentials(), "c", id))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("checkpointRequestId must be a decimal integer from 1 to 2^63-1");
            assertThat(server.requestCount()).isZero();
        }

        @Test
        void aMalformedAnswerIsAProtocolError() {
            server.route("/sync/checkpoint-request", (exchange, request) ->
                    respondJson(exchange, 200, "{\"data\":{\"write_checkpoint\":\"1\"}}"));
            assertThatThrownBy(() -> transport.postCheckpointRequest(credentials(), "c", "1"))
                    .isInstanceOf(ProtocolException.class)
                    .hasMessage("Unexpected answer from the sync service to POST /sync/checkpoint-request: "
                            + "data.checkpoint_request_id is missing");
        }
    }
}
