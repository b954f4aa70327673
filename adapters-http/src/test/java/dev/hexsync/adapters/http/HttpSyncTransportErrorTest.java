package dev.hexsync.adapters.http;

import static dev.hexsync.adapters.http.ScriptedServer.respond;
import static dev.hexsync.adapters.http.ScriptedServer.respondJson;
import static dev.hexsync.adapters.http.ScriptedServer.startStream;
import static dev.hexsync.adapters.http.ScriptedServer.writeChunk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hexsync.ports.transport.Credentials;
import dev.hexsync.testkit.logs.CapturedLogs;
import dev.hexsync.ports.transport.CredentialsException;
import dev.hexsync.ports.transport.ServiceException;
import dev.hexsync.ports.transport.SyncStream;
import dev.hexsync.ports.transport.TransportException;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Error statuses, unreachable services, TLS, endpoint validation, and keeping the token out of every message. */
class HttpSyncTransportErrorTest extends TransportTestSupport {

    /** One of the port's calls, made with some credentials. */
    @FunctionalInterface
    private interface Call {
        void run(HttpSyncTransport transport) throws Exception;
    }

    /** The three calls of the port. */
    private List<Call> everyCall(Credentials credentials) {
        return List.of(
                t -> t.openStream(credentials, "{}").close(),
                t -> t.fetchWriteCheckpoint(credentials, "c1"),
                t -> t.postCheckpointRequest(credentials, "c1", "1"));
    }

    private void routeEverything(ScriptedServer.Script script) {
        server.route("/", script);
    }

    private static String errorBody(String code, int status, String description) {
        return "{\"error\":{\"name\":\"ServiceError\",\"code\":\"" + code + "\",\"status\":" + status
                + ",\"description\":\"" + description + "\"}}";
    }

    @Nested
    class Statuses {
        @Test
        void unauthorizedIsACredentialsErrorOnEveryRoute() throws Throwable {
            routeEverything((exchange, request) ->
                    respondJson(exchange, 401, errorBody("PSYNC_S2101", 401, "Could not verify token")));
            List<String> routes =
                    List.of("POST /sync/stream", "GET /write-checkpoint2.json", "POST /sync/checkpoint-request");
            List<Call> calls = everyCall(credentials());
            for (int i = 0; i < calls.size(); i++) {
                Call call = calls.get(i);
                assertThat(catchThrowable(() -> call.run(transport)))
                        .isExactlyInstanceOf(CredentialsException.class)
                        .hasMessage("The sync service rejected the credentials on " + routes.get(i)
                                + " (HTTP 401 PSYNC_S2101): Could not verify token;"
                                + " fetch new credentials before retrying");
            }
        }

        @Test
        void unauthorizedWithoutABodyIsStillACredentialsError() {
            routeEverything((exchange, request) -> respond(exchange, 401, null, new byte[0]));
            assertThatThrownBy(() -> transport.openStream(credentials(), "{}"))
                    .isExactlyInstanceOf(CredentialsException.class)
                    .hasMessageContaining("(HTTP 401): Unauthorized (empty body)");
        }

        static Stream<Arguments> serviceErrors() {
            return Stream.of(
                    Arguments.of(429, "", null, true, "Too Many Requests (empty body)"),
                    Arguments.of(500, errorBody("PSYNC_S2302", 500, "No sync rules available"), "PSYNC_S2302", true,
                            "No sync rules available"),
                    Arguments.of(503, errorBody("PSYNC_S2003", 503, "Service is shutting down"), "PSYNC_S2003", true,
                            "Service is shutting down"),
                    Arguments.of(400, errorBody("PSYNC_S2001", 400, "Request validation failed"), "PSYNC_S2001", false,
                            "Request validation failed"),
                    Arguments.of(404, errorBody("PSYNC_S2002", 404, "Route not found"), "PSYNC_S2002", false,
                            "Route not found"),
                    Arguments.of(502, "<html><body>Bad   gateway\n from the proxy</body></html>", null, true,
                            "Bad Gateway (body is not a service error: "
                                    + "<html><body>Bad gateway from the proxy</body></html>)"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("serviceErrors")
        void otherStatusesAreServiceErrorsWithTheirCode(int status, String body, String code, boolean retryable,
                String description) throws Throwable {
            routeEverything((exchange, request) -> respond(exchange, status,
                    body.startsWith("{") ? "application/json" : "text/html", body.getBytes(StandardCharsets.UTF_8)));
            for (Call call : everyCall(credentials())) {
                Throwable thrown = catchThrowable(() -> call.run(transport));
                assertThat(thrown).isExactlyInstanceOf(ServiceException.class);
                ServiceException error = (ServiceException) thrown;
                assertThat(error.status()).isEqualTo(status);
                assertThat(error.code()).isEqualTo(java.util.Optional.ofNullable(code));
                assertThat(error.isRetryable()).isEqualTo(retryable);
                assertThat(error.getMessage())
                        .startsWith("Sync service error " + status + (code == null ? "" : " " + code) + ": "
                                + description + " (");
            }
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {
            "{\"error\":",
            "{\"error\":\"oops\"}",
            "[1,2]",
            "{\"error\":{\"code\":42,\"description\":false}}",
            "{\"message\":\"not the service's shape\"}",
            "\u0000\u0001binary",
        })
        void malformedErrorBodiesStillGiveAServiceError(String body) {
            routeEverything((exchange, request) ->
                    respond(exchange, 500, "application/json", body.getBytes(StandardCharsets.UTF_8)));
            Throwable thrown = catchThrowable(() -> transport.fetchWriteCheckpoint(credentials(), "c1"));
            assertThat(thrown).isExactlyInstanceOf(ServiceException.class);
            ServiceException error = (ServiceException) thrown;
            assertThat(error.status()).isEqualTo(500);
            assertThat(error.code()).isEmpty();
            assertThat(error.getMessage()).contains("Internal Server Error (body is not a service error: ");
        }

        @Test
        void detailsAreAddedToTheDescription() {
            routeEverything((exchange, request) -> respondJson(exchange, 400,
                    "{\"error\":{\"code\":\"PSYNC_S2001\",\"description\":\"Request validation failed\","
                            + "\"details\":\"checkpoint_request_id must be positive\"}}"));
            assertThatThrownBy(() -> transport.postCheckpointRequest(credentials(), "c", "1"))
                    .hasMessage("Sync service error 400 PSYNC_S2001: Request validation failed "
                            + "(checkpoint_request_id must be positive) (POST /sync/checkpoint-request)");
        }

        @Test
        void aGzippedErrorBodyIsRead() {
            routeEverything((exchange, request) -> {
                ByteArrayOutputStream compressed = new ByteArrayOutputStream();
                try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
                    gzip.write(errorBody("PSYNC_S2003", 503, "Shutting down").getBytes(StandardCharsets.UTF_8));
                }
                exchange.getResponseHeaders().set("Content-Encoding", "gzip");
                respond(exchange, 503, "application/json", compressed.toByteArray());
            });
            assertThatThrownBy(() -> transport.openStream(credentials(), "{}"))
                    .isInstanceOf(ServiceException.class)
                    .hasMessageStartingWith("Sync service error 503 PSYNC_S2003: Shutting down");
        }

        @Test
        void redirectsAreNotFollowed() throws Exception {
            try (ScriptedServer elsewhere = ScriptedServer.http()) {
                elsewhere.route("/", (exchange, request) -> respondJson(exchange, 200, "{}"));
                routeEverything((exchange, request) -> {
                    exchange.getResponseHeaders().set("Location", elsewhere.endpoint() + "/sync/stream");
                    respond(exchange, 307, null, new byte[0]);
                });
                assertThatThrownBy(() -> transport.openStream(credentials(), "{}"))
                        .isInstanceOf(ServiceException.class)
                        .satisfies(e -> assertThat(((ServiceException) e).status()).isEqualTo(307));
                assertThat(elsewhere.requestCount()).as("the token was not carried elsewhere").isZero();
            }
        }
    }

    @Nested
    class Unreachable {
        @Test
        void aRefusedConnectionIsATransportError() throws Exception {
            int port;
            try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = closed.getLocalPort();
            }
            Credentials nowhere = Credentials.of("http://127.0.0.1:" + port, TOKEN);
            for (Call call : everyCall(nowhere)) {
                assertThat(catchThrowable(() -> within(() -> {
                    call.run(transport);
                    return null;
                })))
                        .isExactlyInstanceOf(TransportException.class)
                        .hasMessageStartingWith("Could not connect to the sync service at http://127.0.0.1:" + port);
            }
        }

        @Test
        void anUnknownHostIsATransportError() {
            assertThatThrownBy(() -> within(() -> transport.fetchWriteCheckpoint(
                    Credentials.of("http://no-such-host.invalid", TOKEN), "c1")))
                    .isExactlyInstanceOf(TransportException.class)
                    .hasMessageContaining("no-such-host.invalid");
        }

        @Test
        void aCheckpointCallThatNeverAnswersTimesOut() throws Exception {
            CountDownLatch release = new CountDownLatch(1);
            routeEverything((exchange, request) -> release.await(WAIT_SECONDS, TimeUnit.SECONDS));
            try (HttpSyncTransport impatient = transportWithReadTimeout(Duration.ofMillis(300))) {
                assertThatThrownBy(() -> within(() -> impatient.fetchWriteCheckpoint(credentials(), "c1")))
                        .isExactlyInstanceOf(TransportException.class)
                        .hasMessageContaining("did not answer GET /write-checkpoint2.json within 300 ms");
            } finally {
                release.countDown();
            }
        }
    }

    @Nested
    class Tls {
        @Test
        void anUntrustedCertificateIsRefused(@TempDir Path directory) throws Exception {
            SSLContext selfSigned = selfSignedContext(directory);
            try (ScriptedServer https = ScriptedServer.https(selfSigned)) {
                https.route("/", (exchange, request) -> respondJson(exchange, 200,
                        "{\"data\":{\"write_checkpoint\":\"1\"}}"));
                Credentials credentials = Credentials.of(https.endpoint(), TOKEN);
                assertThatThrownBy(() -> within(() -> transport.fetchWriteCheckpoint(credentials, "c1")))
                        .isExactlyInstanceOf(TransportException.class)
                        .hasMessageStartingWith("TLS with the sync service at " + https.endpoint() + " failed")
                        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(TOKEN));
                assertThat(https.requestCount()).as("no request got through the failed handshake").isZero();
            }
        }

        /** A key store with a fresh self-signed certificate for 127.0.0.1, made by the JDK's keytool. */
        private SSLContext selfSignedContext(Path directory) throws Exception {
            Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
            assumeTrue(Files.isExecutable(keytool), "keytool is needed to make a certificate");
            Path store = directory.resolve("server.p12");
            char[] password = "changeit".toCharArray();
            Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "server",
                    "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1",
                    "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
                    "-storepass", "changeit", "-keypass", "changeit")
                    .redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("keytool finished").isTrue();
            assertThat(process.exitValue()).as(new String(output, StandardCharsets.UTF_8)).isZero();
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                keyStore.load(in, password);
            }
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(keyStore, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        }
    }

    @Nested
    class Endpoint {
        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {
            "http://127.0.0.1:8080/|must not end with '/': http://127.0.0.1:8080/ (use http://127.0.0.1:8080)",
            "https://sync.example.com/powersync/|must not end with '/'",
            "ftp://127.0.0.1/files|must be an http or https URL, got scheme 'ftp'",
            "ws://127.0.0.1:8080|must be an http or https URL, got scheme 'ws'",
            "localhost:8080|must be an http or https URL, got scheme 'localhost'",
            "/sync|must be an http or https URL, got no scheme",
            "http:///sync|has no host",
            "http://127.0.0.1:8080?x=1|must not have a query or fragment",
            "http://user:pa55word@127.0.0.1:8080|must not carry user info",
        })
        void refusesEndpointsThatAreNotPlainBaseUrls(String endpointAndMessage) throws Throwable {
            String[] parts = endpointAndMessage.split("\\|");
            Credentials credentials = Credentials.of(parts[0], TOKEN);
            routeEverything((exchange, request) -> respondJson(exchange, 200, "{}"));
            for (Call call : everyCall(credentials)) {
                assertThat(catchThrowable(() -> call.run(transport)))
                        .isExactlyInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining(parts[1])
                        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("pa55word"));
            }
            assertThat(server.requestCount()).isZero();
        }

        @Test
        void acceptsUpperCaseSchemes() throws Exception {
            server.route("/write-checkpoint2.json", (exchange, request) ->
                    respondJson(exchange, 200, "{\"data\":{\"write_checkpoint\":\"3\"}}"));
            Credentials credentials = Credentials.of(server.endpoint().replace("http:", "HTTP:"), TOKEN);
            assertThat(transport.fetchWriteCheckpoint(credentials, "c1")).isEqualTo("3");
        }

        @Test
        void refusesInvalidTimeouts() {
            assertThatThrownBy(() -> HttpSyncTransport.builder().readTimeout(Duration.ZERO))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("readTimeout must be between");
            assertThatThrownBy(() -> HttpSyncTransport.builder().connectTimeout(Duration.ofMillis(-5)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("connectTimeout must be between");
            assertThatThrownBy(() -> HttpSyncTransport.builder().readTimeout(Duration.ofDays(30)))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    /**
     * The token must not leak, even when the other side echoes it: every exception (message, toString, causes)
     * and every log line of this package is checked.
     */
    @Nested
    class Secrecy {
        @BeforeEach
        void captureLogs() {
            CapturedLogs.start();
        }

        @AfterEach
        void stopCapturing() {
            CapturedLogs.stop();
        }

        private void assertNoLeak(Throwable thrown) {
            assertThat(thrown).as("an exception was thrown").isNotNull();
            for (Throwable t = thrown; t != null; t = t.getCause()) {
                assertThat(String.valueOf(t.getMessage())).doesNotContain(TOKEN);
                assertThat(t.toString()).doesNotContain(TOKEN);
                for (Throwable suppressed : t.getSuppressed()) {
                    assertNoLeak(suppressed);
                }
            }
        }

        private void assertEveryCallFailsWithoutLeaking(Credentials credentials, HttpSyncTransport transport) {
            for (Call call : everyCall(credentials)) {
                assertNoLeak(catchThrowable(() -> within(() -> {
                    call.run(transport);
                    return null;
                })));
            }
        }

        @Test
        void errorBodiesThatEchoTheTokenAreScrubbed() {
            String echo = "Bad token: Authorization: Token " + TOKEN;
            Map<Integer, String> bodies = Map.of(
                    401, errorBody("PSYNC_S2101", 401, echo),
                    500, errorBody(TOKEN, 500, echo),
                    502, "<html>" + echo + "</html>",
                    503, "{\"error\":{\"code\":\"PSYNC_S2003\",\"details\":\"" + echo + "\"}}");
            for (Map.Entry<Integer, String> body : bodies.entrySet()) {
                server.close();
                startServerWith((exchange, request) -> respond(exchange, body.getKey(), "application/json",
                        body.getValue().getBytes(StandardCharsets.UTF_8)));
                List<Throwable> thrown = new ArrayList<>();
                for (Call call : everyCall(credentials())) {
                    Throwable t = catchThrowable(() -> call.run(transport));
                    assertNoLeak(t);
                    thrown.add(t);
                }
                assertThat(thrown).allSatisfy(t -> assertThat(t.getMessage()).contains(Redactor.REDACTED));
            }
            assertLogsClean(true);
        }

        @Test
        void malformedAnswersThatContainTheTokenAreScrubbed() {
            routeEverything((exchange, request) -> {
                if (request.uri().getPath().equals("/sync/stream")) {
                    exchange.getResponseHeaders().set("X-Echo", TOKEN);
                    respond(exchange, 200, "text/html; token=" + TOKEN, new byte[] {'x'});
                } else {
                    byte[] echo = (TOKEN + " is not JSON").getBytes(StandardCharsets.UTF_8);
                    respond(exchange, 200, "application/json", echo);
                }
            });
            assertEveryCallFailsWithoutLeaking(credentials(), transport);
            assertLogsClean(false);
        }

        @Test
        void transportFailuresDoNotLeak() throws Exception {
            int port;
            try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = closed.getLocalPort();
            }
            assertEveryCallFailsWithoutLeaking(Credentials.of("http://127.0.0.1:" + port, TOKEN), transport);

            CountDownLatch release = new CountDownLatch(1);
            routeEverything((exchange, request) -> {
                if (request.uri().getPath().equals("/sync/stream")) {
                    try (OutputStream out = startStream(exchange, NDJSON)) {
                        writeChunk(out, "{\"token_expires_in\":30}\n");
                        release.await(WAIT_SECONDS, TimeUnit.SECONDS);
                    }
                } else {
                    release.await(WAIT_SECONDS, TimeUnit.SECONDS);
                }
            });
            try (HttpSyncTransport impatient = transportWithReadTimeout(Duration.ofMillis(200))) {
                SyncStream stream = impatient.openStream(credentials(), "{}");
                assertThat(within(stream::next)).isNotNull();
                assertNoLeak(catchThrowable(() -> within(stream::next)));
                assertNoLeak(catchThrowable(() -> within(() -> impatient.fetchWriteCheckpoint(credentials(), "c1"))));
            } finally {
                release.countDown();
            }
            try (RawServer raw = new RawServer(out -> RawServer.write(out,
                    "HTTP/1.1 200 OK\r\nContent-Type: application/x-ndjson\r\nTransfer-Encoding: chunked\r\n\r\n"
                            + RawServer.chunk("{\"a\":\"" + TOKEN)))) {
                SyncStream stream = transport.openStream(Credentials.of(raw.endpoint(), TOKEN), "{}");
                assertNoLeak(catchThrowable(() -> within(stream::next)));
            }
            assertLogsClean(true);
        }

        @Test
        void aTokenTheServiceWouldRejectIsACredentialsErrorThatDoesNotShowIt() {
            routeEverything((exchange, request) -> respondJson(exchange, 200, "{}"));
            for (String bad : List.of("", "two words", "line\r\nX-Injected: 1", "tökén")) {
                for (Call call : everyCall(Credentials.of(server.endpoint(), bad))) {
                    Throwable thrown = catchThrowable(() -> call.run(transport));
                    assertThat(thrown).isExactlyInstanceOf(CredentialsException.class)
                            .hasMessageContaining("token is empty or contains whitespace");
                    if (!bad.isEmpty()) {
                        assertThat(thrown.getMessage()).doesNotContain(bad);
                    }
                }
            }
            assertThat(server.requestCount()).isZero();
        }

        private void startServerWith(ScriptedServer.Script script) {
            try {
                server = ScriptedServer.http();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            routeEverything(script);
        }

        private void assertLogsClean(boolean expectSome) {
            // hexsync's own lines (HttpClient's, with the request's token redacted, are TokenNeverLoggedTest's
            // subject; what a server echoes in its response headers is HttpClient's to log).
            List<String> logged = CapturedLogs.lines().stream()
                    .filter(line -> line.contains(" dev.hexsync.adapters.http.")).toList();
            if (expectSome) {
                assertThat(logged).as("the transport logged its work").isNotEmpty();
            }
            assertThat(logged).allSatisfy(line -> assertThat(line).doesNotContain(TOKEN));
        }
    }
}
