package dev.hexsync.adapters.http;

import static dev.hexsync.adapters.http.ScriptedServer.respond;
import static dev.hexsync.adapters.http.ScriptedServer.startStream;
import static dev.hexsync.adapters.http.ScriptedServer.writeChunk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hexsync.adapters.http.codec.SyncLineCodec;
import dev.hexsync.ports.ProtocolException;
import dev.hexsync.ports.model.SyncLine;
import dev.hexsync.ports.transport.Credentials;
import dev.hexsync.ports.transport.StreamLine;
import dev.hexsync.ports.transport.SyncStream;
import dev.hexsync.ports.transport.TransportException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** {@code POST /sync/stream} against a real server: requests, framing, streaming, silence, closing, broken bodies. */
class HttpSyncTransportStreamTest extends TransportTestSupport {
    private static final String BODY = "{\"buckets\":[],\"include_checksum\":true,\"raw_data\":true,"
            + "\"binary_data\":true,\"client_id\":\"c-ü\",\"parameters\":{\"list\":\"é\"}}";

    private static String text(StreamLine line) {
        assertThat(line).isInstanceOf(StreamLine.Text.class);
        return ((StreamLine.Text) line).line();
    }

    private static byte[] binary(StreamLine line) {
        assertThat(line).isInstanceOf(StreamLine.Binary.class);
        return ((StreamLine.Binary) line).document();
    }

    /** Serves a fixed NDJSON body on /sync/stream. */
    private void serveNdjson(String body) {
        server.route("/sync/stream", (exchange, request) -> {
            try (OutputStream out = startStream(exchange, NDJSON)) {
                writeChunk(out, body);
            }
        });
    }

    @Nested
    class Requests {
        @Test
        void postsTheBodyWithTokenContentTypeAcceptAndUserAgent() throws Exception {
            serveNdjson("{\"token_expires_in\":30}\n");
            try (SyncStream stream = transport.openStream(credentials(), BODY)) {
                assertThat(text(within(stream::next))).isEqualTo("{\"token_expires_in\":30}");
            }
            ScriptedServer.Recorded request = server.request();
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.uri().getPath()).isEqualTo("/sync/stream");
            assertThat(request.header("Authorization")).isEqualTo("Token " + TOKEN);
            assertThat(request.header("Content-Type")).isEqualTo("application/json");
            assertThat(request.bodyText()).isEqualTo(BODY);
            assertThat(ScriptedServer.accepted(request))
                    .containsExactly(BSON + ";q=0.9", NDJSON + ";q=0.8");
            assertThat(request.header("Accept-Encoding")).isEqualTo("gzip");
            assertThat(request.header("User-Agent")).matches("hexsync/0\\.1\\.0-SNAPSHOT java/\\d+");
            assertThat(request.header("x-user-agent")).isEqualTo(request.header("User-Agent"));
            assertThat(transport.userAgent()).isEqualTo(request.header("User-Agent"));
        }

        @Test
        void appendsTheApplicationsProductToken() throws Exception {
            serveNdjson("");
            try (HttpSyncTransport custom = HttpSyncTransport.builder().userAgent("todo-app/2.1").build();
                    SyncStream stream = custom.openStream(credentials(), "{}")) {
                assertThat(within(stream::next)).isNull();
            }
            ScriptedServer.Recorded request = server.request();
            assertThat(request.header("User-Agent")).startsWith("hexsync/").endsWith(" todo-app/2.1");
            assertThat(request.header("x-user-agent")).isEqualTo(request.header("User-Agent"));
        }

        @Test
        void asksForNdjsonOnlyWhenBsonIsNotAccepted() throws Exception {
            serveNdjson("{\"token_expires_in\":30}\n");
            try (HttpSyncTransport ndjsonOnly = HttpSyncTransport.builder().acceptBson(false).build();
                    SyncStream stream = ndjsonOnly.openStream(credentials(), BODY)) {
                assertThat(text(within(stream::next))).isEqualTo("{\"token_expires_in\":30}");
            }
            assertThat(ScriptedServer.accepted(server.request())).containsExactly(NDJSON);
        }

        @Test
        void refusesUserAgentsThatCouldBreakTheHeader() {
            assertThatThrownBy(() -> HttpSyncTransport.builder().userAgent("app/1\r\nX-Evil: 1"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("printable ASCII");
            assertThatThrownBy(() -> HttpSyncTransport.builder().userAgent(" "))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("blank");
        }

        @Test
        void keepsAnEndpointsPathPrefix() throws Exception {
            server.route("/powersync/sync/stream", (exchange, request) -> respond(exchange, 200, NDJSON, new byte[0]));
            try (SyncStream stream = transport.openStream(
                    Credentials.of(server.endpoint() + "/powersync", TOKEN), "{}")) {
                assertThat(within(stream::next)).isNull();
            }
            assertThat(server.request().uri().getPath()).isEqualTo("/powersync/sync/stream");
        }
    }

    @Nested
    class Ndjson {
        @Test
        void handsOutEachLineAsSoonAsItArrivesEvenWhenSplitAcrossChunks() throws Exception {
            CountDownLatch firstLineRead = new CountDownLatch(1);
            AtomicBoolean secondLineSent = new AtomicBoolean();
            server.route("/sync/stream", (exchange, request) -> {
                try (OutputStream out = startStream(exchange, NDJSON)) {
                    writeChunk(out, "{\"token_expi");
                    sleep(50);
                    writeChunk(out, "res_in\":30}\n{\"checkpoint_complete\"");
                    // The rest waits until the client has read the first line: proof it is not buffering the body.
                    if (!firstLineRead.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                        throw new AssertionError("the client never read the first line");
                    }
                    secondLineSent.set(true);
                    writeChunk(out, ":{\"last_op_id\":\"1\"}}\n");
                }
            });
            try (SyncStream stream = transport.openStream(credentials(), BODY)) {
                assertThat(text(within(stream::next))).isEqualTo("{\"token_expires_in\":30}");
                assertThat(secondLineSent).isFalse();
                firstLineRead.countDown();
                assertThat(text(within(stream::next))).isEqualTo("{\"checkpoint_complete\":{\"last_op_id\":\"1\"}}");
                assertThat(within(stream::next)).isNull();
                assertThat(within(stream::next)).as("still ended").isNull();
            }
        }

        @Test
        void dropsCarriageReturnsSkipsBlankLinesAndJoinsSplitCharacters() throws Exception {
            byte[] euro = "€".getBytes(StandardCharsets.UTF_8);
            server.route("/sync/stream", (exchange, request) -> {
                try (OutputStream out = startStream(exchange, NDJSON + "; charset=utf-8")) {
                    writeChunk(out, "\r\n{\"a\":\"");
                    out.write(euro, 0, 1);
                    out.flush();
                    sleep(20);
                    out.write(euro, 1, 2);
                    writeChunk(out, "\"}\r\n\r\n   \n");
                    writeChunk(out, "{\"b\":2}\n\n");
                }
            });
            try (SyncStream stream = transport.openStream(credentials(), BODY)) {
                assertThat(text(within(stream::next))).isEqualTo("{\"a\":\"€\"}");
                assertThat(text(within(stream::next))).isEqualTo("{\"b\":2}");
                assertThat(within(stream::next)).isNull();
            }
        }

        @Test
        void readsLongLinesWhole() throws Exception {
            String longLine = "{\"data\":{\"bucket\":\"b\",\"data\":[\"" + "x".repeat(4 * 1024 * 1024) + "\"]}}";
            serveNdjson(longLine + "\n{\"token_expires_in\":5}\n");
            try (SyncStream stream = transport.openStream(credentials(), BODY)) {
                assertThat(text(within(stream::next))).isEqualTo(longLine);
                assertThat(text(within(stream::next))).isEqualTo("{\"token_expires_in\":5}");
                assertThat(within(stream::next)).isNull();
            }
        }

        @Test
        void consumesAHundredThousandLinesIncrementally() throws Exception {
            int lines = 100_000;
            int window = 1_000;
            // The server may run at most `window` lines ahead of what the client has taken from next(): a client
            // that buffered the body before handing out lines would stall it, and the bounded waits would fail.
            Semaphore aheadOfClient = new Semaphore(window);
            AtomicInteger maxAhead = new AtomicInteger();
            AtomicInteger read = new AtomicInteger();
            server.route("/sync/stream", (exchange, request) -> {
                try (OutputStream out = startStream(exchange, NDJSON)) {
                    for (int i = 0; i < lines; i++) {
                        if (!aheadOfClient.tryAcquire()) {
                            out.flush();
                            if (!aheadOfClient.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS)) {
                                throw new AssertionError("the client stopped reading at line " + read.get());
                            }
                        }
                        maxAhead.accumulateAndGet(i - read.get(), Math::max);
                        out.write(("{\"token_expires_in\":" + i + "}\n").getBytes(StandardCharsets.US_ASCII));
                    }
                }
            });
            try (SyncStream stream = transport.openStream(credentials(), BODY)) {
                Integer count = within(() -> {
                    int n = 0;
                    for (StreamLine line = stream.next(); line != null; line = stream.next()) {
                        if (!text(line).equals("{\"token_expires_in\":" + n + "}")) {
                            throw new AssertionError("line " + n + " was " + text(line));
                        }
                        n++;
                        read.set(n);
                        aheadOfClient.release();
                    }
                    return n;
                });
                assertThat(count).isEqualTo(lines);
            }
            assertThat(maxAhead.get()).isLessThanOrEqualTo(window);
        }

        @Test
        void inflatesGzipLineByLine() throws Exception {
            CountDownLatch firstLineRead = new CountDownLatch(1);
            server.route("/sync/stream", (exchange, request) -> {
                assertThat(request.header("Accept-Encoding")).isEqualTo("gzip");
                OutputStream raw = startStream(exchange, NDJSON, Map.of("Content-Encoding", "gzip"));
                // syncFlush: like the service, every flush makes the compressed bytes so far decodable.
                try (GZIPOutputStream gzip = new GZIPOutputStream(raw, 512, true)) {
                    writeChunk(gzip, "{\"token_expires_in\":30}\n");
                    if (!firstLineRead.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                        throw new AssertionError("the client never read the first line");
                    }
                    writeChunk(gzip, "{\"checkpoint_complete\":{\"last_op_id\":\"7\"}}\n");
                }
            });
            try (SyncStream stream = transport.openStream(credentials(), BODY)) {
                assertThat(text(within(stream::next))).isEqualTo("{\"token_expires_in\":30}");
                firstLineRead.countDown();
                assertThat(text(within(stream::next))).isEqualTo("{\"checkpoint_complete\":{\"last_op_id\":\"7\"}}");
                assertThat(within(stream::next)).isNull();
            }
        }

        @Test
        void readsWithoutAContentTypeAsNdjson() throws Exception {
            server.route("/sync/stream", (exchange, request) -> {
                try (OutputStream out = startStream(exchange, null)) {
                    writeChunk(out, "{\"token_expires_in\":1}\n");
                }
            });
            try (SyncStream stream = transport.openStream(credentials(), BODY)) {
                assertThat(text(within(stream::next))).isEqualTo("{\"token_expires_in\":1}");
            }
        }

        @Test
        void carriesARealServiceStreamLineForLine() throws Exception {
            byte[] fixture;
            try (InputStream in = getClass().getResourceAsStream("/fixtures/bucket-definitions.ndjson")) {
                assertThat(in).isNotNull();
                fixture = in.readAllBytes();
            }
            List<String> expected =
                    new String(fixture, StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
            server.route("/sync/stream", (exchange, request) -> {
                try (OutputStream out = startStream(exchange, NDJSON)) {
                    // Odd-sized chunks, so that lines straddle them.
                    for (int i = 0; i < fixture.length; i += 777) {
                        out.write(fixture, i, Math.min(777, fixture.length - i));
                        out.flush();
                    }
                }
            });
            SyncLineCodec codec = new SyncLineCodec();
            List<String> received = new ArrayList<>();
            try (SyncStream stream = transport.openStream(credentials(), BODY)) {
                for (StreamLine line = within(stream::next); line != null; line = within(stream::next)) {
                    received.add(text(line));
                    assertThat(codec.decodeText(text(line))).isNotInstanceOf(SyncLine.Unknown.class);
                }
            }
            assertThat(received).isEqualTo(expected);
        }

        @Test
        void refusesAResponseThatIsNotASyncStream() {
            server.route("/sync/stream", (exchange, request) ->
                    respond(exchange, 200, "text/html", "<html>portal</html>".getBytes(StandardCharsets.UTF_8)));
            assertThatThrownBy(() -> transport.openStream(credentials(), BODY))
                    .isInstanceOf(TransportException.class)
                    .hasMessageContaining("content type 'text/html'")
                    .hasMessageContaining("is the endpoint a PowerSync service?");
        }

        @Test
        void refusesAContentEncodingItDidNotAskFor() {
            server.route("/sync/stream", (exchange, request) -> {
                try (OutputStream out = startStream(exchange, NDJSON, Map.of("Content-Encoding", "br"))) {
                    writeChunk(out, "garbage");
                }
            });
            assertThatThrownBy(() -> transport.openStream(credentials(), BODY))
                    .isInstanceOf(TransportException.class)
                    .hasMessageContaining("content encoding 'br'");
        }
    }

    @Nested
    class Bson {
        @Test
        void readsTheNegotiatedBsonStreamDocumentByDocument() throws Exception {
            byte[] keepalive = TestBsonDocuments.tokenExpiresIn(30);
            byte[] complete = TestBsonDocuments.checkpointComplete("42");
            byte[] large = TestBsonDocuments.ofSize(2 * 1024 * 1024);
            CountDownLatch firstRead = new CountDownLatch(1);
            server.route("/sync/stream", (exchange, request) -> {
                // Negotiate like the service: BSON only when the client accepts it.
                boolean bson = ScriptedServer.accepted(request).stream().anyMatch(a -> a.startsWith(BSON));
                try (OutputStream out = startStream(exchange, bson ? BSON : NDJSON)) {
                    if (!bson) {
                        writeChunk(out, "{\"token_expires_in\":0}\n");
                        return;
                    }
                    out.write(keepalive);
                    out.write(complete, 0, 2); // the length prefix itself split across chunks
                    out.flush();
                    if (!firstRead.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                        throw new AssertionError("the client never read the first document");
                    }
                    sleep(20);
                    out.write(complete, 2, complete.length - 2);
                    out.write(large);
                }
            });
            SyncLineCodec codec = new SyncLineCodec();
            try (SyncStream stream = transport.openStream(credentials(), BODY)) {
                byte[] first = binary(within(stream::next));
                firstRead.countDown();
                assertThat(first).isEqualTo(keepalive);
                assertThat(codec.decodeBinary(first)).isEqualTo(new SyncLine.TokenExpiresIn(30));
                byte[] second = binary(within(stream::next));
                assertThat(second).isEqualTo(complete);
                assertThat(codec.decodeBinary(second)).isInstanceOf(SyncLine.CheckpointComplete.class);
                assertThat(binary(within(stream::next))).isEqualTo(large);
                assertThat(within(stream::next)).isNull();
            }
        }

        @Test
        void aDocumentCutOffByTheEndOfTheBodyIsATransportError() throws Exception {
            byte[] complete = TestBsonDocuments.checkpointComplete("42");
            server.route("/sync/stream", (exchange, request) -> {
                try (OutputStream out = startStream(exchange, BSON)) {
                    out.write(TestBsonDocuments.tokenExpiresIn(30));
                    out.write(complete, 0, complete.length - 3);
                }
            });
            try (SyncStream stream = transport.openStream(credentials(), BODY)) {
                assertThat(within(stream::next)).isInstanceOf(StreamLine.Binary.class);
                assertThatThrownBy(() -> within(stream::next))
                        .isInstanceOf(TransportException.class)
                        .hasMessageContaining("broke after 1 lines")
                        .hasMessageContaining("inside BSON document 2");
                assertThat(within(stream::next)).as("a failed stream is over").isNull();
            }
        }

        @Test
        void aCorruptLengthIsAProtocolError() throws Exception {
            server.route("/sync/stream", (exchange, request) -> {
                try (OutputStream out = startStream(exchange, BSON)) {
                    out.write(TestBsonDocuments.littleEndian(3));
                    out.write(new byte[8]);
                }
            });
            try (SyncStream stream = transport.openStream(credentials(), BODY)) {
                assertThatThrownBy(() -> within(stream::next))
                        .isInstanceOf(ProtocolException.class)
                        .hasMessageContaining("declares length 3");
            }
        }
    }

    @Nested
    class BrokenConnections {
        private static final String HEAD = "HTTP/1.1 200 OK\r\nContent-Type: application/x-ndjson\r\n";

        @Test
        void aConnectionDroppedMidLineIsATransportError() throws Exception {
            try (RawServer raw = new RawServer(out -> RawServer.write(out, HEAD + "Transfer-Encoding: chunked\r\n\r\n"
                    + RawServer.chunk("{\"token_expires_in\":30}\n{\"checkpoint_comp")))) {
                try (SyncStream stream = transport.openStream(Credentials.of(raw.endpoint(), TOKEN), BODY)) {
                    assertThat(text(within(stream::next))).isEqualTo("{\"token_expires_in\":30}");
                    assertThatThrownBy(() -> within(stream::next))
                            .isInstanceOf(TransportException.class)
                            .hasMessageContaining("The sync stream from " + raw.endpoint() + " broke after 1 lines");
                }
                raw.awaitDone();
            }
        }

        @Test
        void aChunkedBodyCutOffBetweenLinesIsNotANormalEnd() throws Exception {
            // No terminating zero-length chunk: the service died, it did not end the stream.
            try (RawServer raw = new RawServer(out -> RawServer.write(out, HEAD + "Transfer-Encoding: chunked\r\n\r\n"
                    + RawServer.chunk("{\"token_expires_in\":30}\n")))) {
                try (SyncStream stream = transport.openStream(Credentials.of(raw.endpoint(), TOKEN), BODY)) {
                    assertThat(text(within(stream::next))).isEqualTo("{\"token_expires_in\":30}");
                    assertThatThrownBy(() -> within(stream::next)).isInstanceOf(TransportException.class);
                }
            }
        }

        @Test
        void aContentLengthBodyCutShortIsATransportError() throws Exception {
            try (RawServer raw = new RawServer(out -> RawServer.write(out, HEAD + "Content-Length: 500\r\n\r\n"
                    + "{\"token_expires_in\":30}\n"))) {
                try (SyncStream stream = transport.openStream(Credentials.of(raw.endpoint(), TOKEN), BODY)) {
                    assertThat(text(within(stream::next))).isEqualTo("{\"token_expires_in\":30}");
                    assertThatThrownBy(() -> within(stream::next)).isInstanceOf(TransportException.class);
                }
            }
        }

        @Test
        void aCloseDelimitedBodyEndingMidLineIsATransportError() throws Exception {
            try (RawServer raw = new RawServer(out -> RawServer.write(out, HEAD + "Connection: close\r\n\r\n"
                    + "{\"token_expires_in\":30}\n{\"check"))) {
                try (SyncStream stream = transport.openStream(Credentials.of(raw.endpoint(), TOKEN), BODY)) {
                    assertThat(text(within(stream::next))).isEqualTo("{\"token_expires_in\":30}");
                    assertThatThrownBy(() -> within(stream::next))
                            .isInstanceOf(TransportException.class)
                            .hasMessageContaining("middle of a line");
                }
            }
        }

        @Test
        void aConnectionDroppedBeforeTheHeadersIsATransportError() throws Exception {
            // The connection closes as soon as the request is in, without a byte of answer.
            try (RawServer raw = new RawServer(out -> { })) {
                assertThatThrownBy(() -> transport.openStream(Credentials.of(raw.endpoint(), TOKEN), BODY))
                        .isInstanceOf(TransportException.class)
                        .hasMessageContaining(
                                "Could not reach the sync service at " + raw.endpoint() + " (POST /sync/stream)");
            }
        }
    }

    @Nested
    class Silence {
        @Test
        void aStreamSilentForLongerThanTheReadTimeoutIsDead() throws Exception {
            CountDownLatch release = new CountDownLatch(1);
            server.route("/sync/stream", (exchange, request) -> {
                try (OutputStream out = startStream(exchange, NDJSON)) {
                    writeChunk(out, "{\"token_expires_in\":30}\n");
                    release.await(WAIT_SECONDS, TimeUnit.SECONDS);
                }
            });
            try (HttpSyncTransport impatient = transportWithReadTimeout(Duration.ofMillis(300));
                    SyncStream stream = impatient.openStream(credentials(), BODY)) {
                assertThat(text(within(stream::next))).isEqualTo("{\"token_expires_in\":30}");
                long started = System.nanoTime();
                assertThatThrownBy(() -> within(stream::next))
                        .isInstanceOf(TransportException.class)
                        .hasMessageContaining("was silent for longer than 300 ms")
                        .hasMessageContaining("treating the connection as dead");
                // It waited for the read timeout (the bounded wait of within() shows that it did not wait forever).
                long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
                assertThat(waitedMillis).isGreaterThanOrEqualTo(250L);
            } finally {
                release.countDown();
            }
        }

        @Test
        void keepalivesWithinTheReadTimeoutKeepTheStreamAlive() throws Exception {
            int keepalives = 12;
            server.route("/sync/stream", (exchange, request) -> {
                try (OutputStream out = startStream(exchange, NDJSON)) {
                    for (int i = 0; i < keepalives; i++) {
                        writeChunk(out, "{\"token_expires_in\":" + i + "}\n");
                        sleep(100);
                    }
                }
            });
            // 12 x 100 ms is far longer than the timeout: only silence may count, not the stream's age.
            try (HttpSyncTransport impatient = transportWithReadTimeout(Duration.ofMillis(400));
                    SyncStream stream = impatient.openStream(credentials(), BODY)) {
                int count = 0;
                for (StreamLine line = within(stream::next); line != null; line = within(stream::next)) {
                    count++;
                }
                assertThat(count).isEqualTo(keepalives);
            }
        }

        @Test
        void aServiceThatNeverAnswersTimesOutOpening() throws Exception {
            CountDownLatch release = new CountDownLatch(1);
            server.route("/sync/stream", (exchange, request) -> release.await(WAIT_SECONDS, TimeUnit.SECONDS));
            try (HttpSyncTransport impatient = transportWithReadTimeout(Duration.ofMillis(300))) {
                assertThatThrownBy(() -> within(() -> impatient.openStream(credentials(), BODY)))
                        .isInstanceOf(TransportException.class)
                        .hasMessageContaining("did not answer POST /sync/stream within 300 ms");
            } finally {
                release.countDown();
            }
        }
    }

    @Nested
    class Closing {
        /**
         * A stream that sends one line, then nothing until the test ends: longer than any bounded wait of the test,
         * so that only the client can end a wait for the next line.
         */
        private CountDownLatch serveOneLineThenHang() {
            CountDownLatch release = new CountDownLatch(1);
            server.route("/sync/stream", (exchange, request) -> {
                try (OutputStream out = startStream(exchange, NDJSON)) {
                    writeChunk(out, "{\"token_expires_in\":30}\n");
                    release.await(3 * WAIT_SECONDS, TimeUnit.SECONDS);
                }
            });
            return release;
        }

        @Test
        void closeFromAnotherThreadUnblocksNext() throws Exception {
            CountDownLatch release = serveOneLineThenHang();
            try {
                // The default 40 s read timeout: only close() can end the wait within the bound.
                SyncStream stream = transport.openStream(credentials(), BODY);
                assertThat(text(within(stream::next))).isEqualTo("{\"token_expires_in\":30}");
                Future<StreamLine> blocked = start(stream::next);
                sleep(200);
                assertThat(blocked).isNotDone();
                stream.close();
                // Within await()'s bound, far below the read timeout: only close() can have ended the wait.
                assertThat(await(blocked)).isNull();
                assertThat(stream.next()).isNull();
                stream.close();
            } finally {
                release.countDown();
            }
        }

        @Test
        void closeBeforeReadingEndsTheStream() throws Exception {
            CountDownLatch release = serveOneLineThenHang();
            try {
                SyncStream stream = transport.openStream(credentials(), BODY);
                stream.close();
                stream.close();
                assertThat(within(stream::next)).isNull();
            } finally {
                release.countDown();
            }
        }

        @Test
        void closingTheTransportAbortsItsStreams() throws Exception {
            CountDownLatch release = serveOneLineThenHang();
            try {
                HttpSyncTransport owner = HttpSyncTransport.create();
                SyncStream stream = owner.openStream(credentials(), BODY);
                assertThat(text(within(stream::next))).isEqualTo("{\"token_expires_in\":30}");
                Future<StreamLine> blocked = start(stream::next);
                sleep(200);
                owner.close();
                try {
                    assertThat(await(blocked)).isNull();
                } catch (TransportException expected) {
                    // Either outcome is an unblocked reader: the transport, not the stream, was closed.
                }
            } finally {
                release.countDown();
            }
        }

        @Test
        void aClosedTransportRefusesNewCalls() {
            HttpSyncTransport closedTransport = HttpSyncTransport.create();
            closedTransport.close();
            closedTransport.close();
            assertThatThrownBy(() -> closedTransport.openStream(credentials(), BODY))
                    .isInstanceOf(IllegalStateException.class).hasMessage("This HttpSyncTransport is closed");
            assertThatThrownBy(() -> closedTransport.fetchWriteCheckpoint(credentials(), "c"))
                    .isInstanceOf(IllegalStateException.class);
        }

        @Test
        void closedStreamsLeaveTheTransportUsable() throws Exception {
            CountDownLatch release = serveOneLineThenHang();
            try {
                for (int i = 0; i < 20; i++) {
                    SyncStream stream = transport.openStream(credentials(), BODY);
                    assertThat(text(within(stream::next))).isEqualTo("{\"token_expires_in\":30}");
                    stream.close();
                }
            } finally {
                release.countDown();
            }
        }
    }
}
